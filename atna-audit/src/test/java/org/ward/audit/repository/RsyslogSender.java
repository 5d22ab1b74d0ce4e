package org.ward.audit.repository;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ward.audit.syslog.RsyslogReceiver;

/**
 * A real rsyslogd as RFC 5425 <em>sender</em>: imfile reads one DICOM audit record per line from
 * {@link #input()} and omfwd forwards each over gtls with a client certificate, x509/name checking
 * the repository's name, once per framing given (each action opens its own connection). The
 * template writes the ITI-20 header: {@code <85>1 TIMESTAMP HOSTNAME APP-NAME - IHE+RFC-3881 - MSG}.
 */
final class RsyslogSender implements AutoCloseable {

    /** omfwd TCP_Framing values. */
    enum Framing {
        OCTET_COUNTED("octet-counted"), TRADITIONAL("traditional");

        final String value;

        Framing(String value) {
            this.value = value;
        }
    }

    private final Path dir;
    private final Path config;
    private final Path input;
    private final Path log;
    private Process process;

    RsyslogSender(Path dir, Path caPem, Path clientPem, Path clientKey, String repositoryName, int port,
                  List<Framing> framings) throws IOException, InterruptedException {
        RsyslogReceiver.requireInstalled(); // fails naming: apt-get install -y rsyslog rsyslog-gnutls
        this.dir = dir;
        this.config = dir.resolve("rsyslog-sender.conf");
        this.input = dir.resolve("audit-input.log");
        this.log = dir.resolve("rsyslogd-sender.out");
        Files.createDirectories(dir.resolve("work"));
        StringBuilder actions = new StringBuilder();
        for (Framing framing : framings) {
            actions.append("""
                      action(type="omfwd" target="127.0.0.1" port="%d" protocol="tcp" template="ihe"
                             StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="x509/name"
                             StreamDriverPermittedPeers="%s" TCP_Framing="%s")
                    """.formatted(port, repositoryName, framing.value));
        }
        Files.writeString(config, """
                global(maxMessageSize="256k")
                global(workDirectory="%s"
                       DefaultNetstreamDriver="gtls"
                       DefaultNetstreamDriverCAFile="%s"
                       DefaultNetstreamDriverCertFile="%s"
                       DefaultNetstreamDriverKeyFile="%s")
                module(load="imfile")
                template(name="ihe" type="string"
                         string="<85>1 %%timegenerated:::date-rfc3339%% rsyslog-test ward-rsyslog - IHE+RFC-3881 - %%msg%%")
                input(type="imfile" file="%s" tag="audit" ruleset="forward")
                ruleset(name="forward") {
                %s}
                """.formatted(dir.resolve("work"), caPem, clientPem, clientKey, input, actions));
        Process check = new ProcessBuilder(rsyslogd(), "-N1", "-f", config.toString()).redirectErrorStream(true)
                .start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            fail("rsyslogd -N1 rejected the sender configuration:\n" + out + "\n" + Files.readString(config));
        }
    }

    /** The file imfile follows: one record per line. */
    Path input() {
        return input;
    }

    void start() throws IOException {
        process = new ProcessBuilder(rsyslogd(), "-n", "-f", config.toString(), "-i",
                dir.resolve("rsyslogd-sender.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    String daemonLog() throws IOException {
        return (process != null && !process.isAlive() ? "rsyslogd exited with " + process.exitValue() + "\n" : "")
                + (Files.exists(log) ? Files.readString(log) : "(no rsyslogd output)");
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static String rsyslogd() {
        for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, "rsyslogd");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("rsyslogd not found: apt-get install -y rsyslog rsyslog-gnutls");
    }
}
