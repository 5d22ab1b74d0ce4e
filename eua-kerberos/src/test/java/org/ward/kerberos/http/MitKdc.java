package org.ward.kerberos.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real MIT Kerberos KDC (Debian krb5-kdc) in a temporary directory, on a loopback TCP port, run
 * as a child process; plus kadmin.local, kinit and curl against it. A missing program fails the
 * test naming the Debian packages; it is never skipped.
 */
final class MitKdc implements AutoCloseable {

    static final String PACKAGES = "krb5-kdc krb5-admin-server krb5-user";

    final Path dir;
    final String realm;
    final int port;
    final Path krb5Conf;
    private final Path kdcConf;
    private final Process kdc;

    private MitKdc(Path dir, String realm, int port, Path krb5Conf, Path kdcConf, Process kdc) {
        this.dir = dir;
        this.realm = realm;
        this.port = port;
        this.krb5Conf = krb5Conf;
        this.kdcConf = kdcConf;
        this.kdc = kdc;
    }

    static String program(String name) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        throw new AssertionError(name + " not found: install the Debian packages " + PACKAGES
                + " (DEBIAN_FRONTEND=noninteractive apt-get install -y " + PACKAGES + "; curl for the HTTP tests)");
    }

    /** Creates the realm and starts krb5kdc; tickets live at most {@code maxLife}. */
    static MitKdc start(Path dir, String realm, Duration maxLife) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path kdcConf = dir.resolve("kdc.conf");
        Path krb5Conf = dir.resolve("krb5.conf");
        long life = maxLife.toSeconds();
        Files.writeString(kdcConf, """
                [kdcdefaults]
                    kdc_listen = 127.0.0.1:%2$d
                    kdc_tcp_listen = 127.0.0.1:%2$d
                [realms]
                    %1$s = {
                        database_name = %3$s/principal
                        key_stash_file = %3$s/stash
                        acl_file = %3$s/kadm5.acl
                        max_life = %4$ds
                        max_renewable_life = %4$ds
                        supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
                    }
                [logging]
                    kdc = FILE:%3$s/kdc.log
                    admin_server = FILE:%3$s/kadmin.log
                """.formatted(realm, port, dir, life), StandardCharsets.UTF_8);
        Files.writeString(krb5Conf, """
                [libdefaults]
                    default_realm = %1$s
                    udp_preference_limit = 1
                    dns_lookup_kdc = false
                    dns_lookup_realm = false
                    rdns = false
                    dns_canonicalize_hostname = false
                    default_ccache_name = FILE:%3$s/ccache
                    ticket_lifetime = %4$ds
                [realms]
                    %1$s = {
                        kdc = 127.0.0.1:%2$d
                    }
                [domain_realm]
                    localhost = %1$s
                    other.example = %1$s
                """.formatted(realm, port, dir, life), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("kadm5.acl"), "", StandardCharsets.UTF_8);
        Map<String, String> env = env(dir, krb5Conf, kdcConf);
        run(env, null, program("kdb5_util"), "create", "-s", "-r", realm, "-P", "master-" + realm);
        ProcessBuilder kdcProcess = new ProcessBuilder(program("krb5kdc"), "-n", "-r", realm,
                "-P", dir.resolve("kdc.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("krb5kdc.out").toFile())
                .directory(dir.toFile());
        kdcProcess.environment().putAll(env);
        Process kdc = kdcProcess.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                break;
            } catch (IOException notYet) {
                if (!kdc.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("krb5kdc did not listen on 127.0.0.1:" + port + ": "
                            + Files.readString(dir.resolve("krb5kdc.out")));
                }
                Thread.sleep(50);
            }
        }
        return new MitKdc(dir, realm, port, krb5Conf, kdcConf, kdc);
    }

    Map<String, String> env() {
        return env(dir, krb5Conf, kdcConf);
    }

    private static Map<String, String> env(Path dir, Path krb5Conf, Path kdcConf) {
        return Map.of("KRB5_CONFIG", krb5Conf.toString(), "KRB5_KDC_PROFILE", kdcConf.toString());
    }

    void kadmin(String query) throws Exception {
        run(env(), null, program("kadmin.local"), "-r", realm, "-q", query);
    }

    void addUser(String name, String password) throws Exception {
        kadmin("addprinc -pw " + password + " " + name + "@" + realm);
    }

    /** Creates {@code HTTP/host} with a random key and writes it alone to {@code keytab}. */
    Path addService(String host, Path keytab) throws Exception {
        kadmin("addprinc -randkey HTTP/" + host + "@" + realm);
        kadmin("ktadd -k " + keytab + " HTTP/" + host + "@" + realm);
        return keytab;
    }

    /** {@code kinit name} with the password on stdin; returns the ccache. */
    Path kinit(String name, String password) throws Exception {
        Path cache = dir.resolve("cc-" + name);
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("KRB5CCNAME", "FILE:" + cache);
        run(env, password + "\n", program("kinit"), name + "@" + realm);
        return cache;
    }

    /** Runs curl with Negotiate using {@code cache} (may not exist: then curl has no ticket). */
    Result curl(Path cache, Path caCert, String url, String... more) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("KRB5CCNAME", "FILE:" + cache);
        List<String> command = new ArrayList<>(List.of(program("curl"), "-sS", "-v", "--negotiate", "-u", ":",
                "--cacert", caCert.toString(), "-o", "/dev/null", "-w", "%{http_code}", "-D", "-"));
        command.addAll(List.of(more));
        command.add(url);
        return run(env, null, command.toArray(String[]::new));
    }

    record Result(int exit, String stdout, String stderr) {
    }

    static Result run(Map<String, String> env, String stdin, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("mit-out", ".txt");
        Path err = Files.createTempFile("mit-err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = builder.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 30 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        if (r.exit != 0 && !command[0].endsWith("curl")) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exit + ": " + r.stdout + r.stderr);
        }
        return r;
    }

    @Override
    public void close() throws Exception {
        kdc.destroy();
        if (!kdc.waitFor(5, TimeUnit.SECONDS)) {
            kdc.destroyForcibly();
        }
    }
}
