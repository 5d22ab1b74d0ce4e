package org.ward.audit.syslog;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real rsyslogd as RFC 5425 receiver: gtls, mutual TLS with x509/name and one permitted peer,
 * imtcp on 127.0.0.1, each received message written verbatim ({@code %rawmsg%}) as one line.
 * Runs in the foreground (-n) so the test owns the process; can be stopped and started again on
 * the same port. Public (in the test-jar) so the conformance tests can run Ward against it.
 */
public final class RsyslogReceiver implements AutoCloseable {

    private static final String INSTALL = "apt-get install -y rsyslog rsyslog-gnutls";

    private final Path dir;
    private final Path config;
    private final Path output;
    private final Path log;
    private final int port;
    private Process process;

    RsyslogReceiver(Path dir, TestPki pki, String permittedPeer) throws IOException, InterruptedException {
        this(dir, pki.caPem, pki.serverPem, pki.serverKey, permittedPeer);
    }

    /**
     * @param caPem         the CA certificate(s) client certificates must chain to (PEM)
     * @param certPem       rsyslog's server certificate, optionally followed by its chain (PEM)
     * @param keyPem        its private key, unencrypted (PEM)
     * @param permittedPeer the one client name accepted (x509/name: SAN dNSName, else CN)
     */
    public RsyslogReceiver(Path dir, Path caPem, Path certPem, Path keyPem, String permittedPeer)
            throws IOException, InterruptedException {
        requireInstalled();
        this.dir = dir;
        this.config = dir.resolve("rsyslog.conf");
        this.output = dir.resolve("audit.log");
        this.log = dir.resolve("rsyslogd.out");
        this.port = freePort();
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(config, """
                global(maxMessageSize="256k")
                global(workDirectory="%s"
                       DefaultNetstreamDriver="gtls"
                       DefaultNetstreamDriverCAFile="%s"
                       DefaultNetstreamDriverCertFile="%s"
                       DefaultNetstreamDriverKeyFile="%s")
                module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1"
                       StreamDriver.AuthMode="x509/name" PermittedPeer=["%s"])
                input(type="imtcp" port="%d" address="127.0.0.1")
                template(name="raw" type="string" string="%%rawmsg%%\\n")
                action(type="omfile" file="%s" template="raw")
                """.formatted(dir.resolve("work"), caPem, certPem, keyPem, permittedPeer, port,
                output));
        Process check = new ProcessBuilder(rsyslogd(), "-N1", "-f", config.toString())
                .redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            fail("rsyslogd -N1 rejected the test configuration:\n" + out);
        }
    }

    public static void requireInstalled() {
        boolean gtls = Stream.of("/usr/lib/x86_64-linux-gnu/rsyslog", "/usr/lib/aarch64-linux-gnu/rsyslog",
                        "/usr/lib/rsyslog", "/usr/lib64/rsyslog")
                .anyMatch(d -> Files.exists(Path.of(d, "lmnsd_gtls.so")));
        if (rsyslogd() == null || !gtls) {
            fail("rsyslogd with the GnuTLS driver is needed for this test: " + INSTALL);
        }
    }

    private static String rsyslogd() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "rsyslogd");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public Path config() {
        return config;
    }

    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(rsyslogd(), "-n", "-f", config.toString(), "-i",
                dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("rsyslogd exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("rsyslogd did not listen on 127.0.0.1:" + port + " within 15 s:\n" + Files.readString(log));
    }

    /** SIGTERM, as an operator's restart would do; rsyslog flushes its queue and closes sessions. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    /** The file rsyslog writes, one received message per line; may not exist before the first message. */
    public Path output() {
        return output;
    }

    /** Every message received so far, one per line, exactly as sent (octet-count removed). */
    public List<String> lines() throws IOException {
        return Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
    }

    public String daemonLog() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
