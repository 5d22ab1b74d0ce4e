package org.ward.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's first five minutes, for real: a clean copy of the repository (the files git
 * tracks, nothing built), {@code ./ward run} builds Ward and starts it on the shipped default
 * configuration, and the send command it prints gets an AA back. Then SIGTERM stops it with exit 0.
 * Only the ports are changed (to 0) so that the test never collides with a real Ward on 2575 and 6514.
 * Ward's own audit repository, on by default, then holds the message's Import record, which
 * {@code ./ward audit query} finds by its MSH-10 once Ward has stopped.
 */
class FreshCloneRunTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)$");

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void wardRunFromACleanCopyAnswersWardSendAndStopsCleanlyOnSigterm(@TempDir Path tmp) throws Exception {
        Path clone = cleanCopy(Path.of(System.getProperty("ward.project.root")), tmp.resolve("ward"));
        Path config = clone.resolve("config/ward.yaml");
        Files.writeString(config, Files.readString(config).replace("port: 2575", "port: 0")
                .replace("port: 6514", "port: 0").replace("port: 8443", "port: 0"));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

        long start = System.nanoTime();
        Process run = launcher(clone, "run").start();
        StringBuilder runErr = new StringBuilder();
        CompletableFuture<Void> errDrain = drain(run.getErrorStream(), runErr);
        try {
            List<String> banner = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
            String sendLine = null;
            String line;
            while ((line = out.readLine()) != null) {
                banner.add(line);
                if (line.strip().startsWith("./ward send ")) {
                    sendLine = line.strip();
                    break;
                }
            }
            assertThat(sendLine).as("banner: %s%nstderr: %s", banner, runErr).isNotNull();
            assertThat(banner).anySatisfy(l -> assertThat(LISTENING.matcher(l).find()).isTrue());
            assertThat(banner).anySatisfy(l -> assertThat(l).contains("audit repository: syslog+tls (RFC 5425) listening on"));
            long listeningMs = elapsedMs(start);
            // The launcher's JIT threshold for `run` (README, "Start-up") reaches the JVM: the first run keeps
            // Java as its child (it writes the class data sharing archive when Java exits).
            assertThat(Stream.concat(Stream.of(run.toHandle()), run.toHandle().descendants())
                    .map(process -> process.info().arguments().map(List::of).orElse(List.of()))
                    .filter(arguments -> arguments.contains("-jar")))
                    .singleElement().satisfies(arguments ->
                            assertThat(arguments).contains("-XX:Tier4InvocationThreshold=15000"));

            // Run exactly the command Ward printed.
            List<String> sendArgs = new ArrayList<>(List.of(sendLine.substring("./ward ".length()).split(" ")));
            Process send = launcher(clone, sendArgs.toArray(String[]::new)).start();
            StringBuilder sendOut = new StringBuilder();
            StringBuilder sendErr = new StringBuilder();
            CompletableFuture<Void> a = drain(send.getInputStream(), sendOut);
            CompletableFuture<Void> b = drain(send.getErrorStream(), sendErr);
            assertThat(send.waitFor(120, TimeUnit.SECONDS)).isTrue();
            a.get(5, TimeUnit.SECONDS);
            b.get(5, TimeUnit.SECONDS);
            assertThat(send.exitValue()).as("send stderr: %s", sendErr).isZero();
            assertThat(sendOut.toString()).contains("pcd-01-blood-pressure.hl7: AA MSGID1234");
            long firstAckMs = elapsedMs(start);
            System.out.printf("fresh copy: listening after %d ms, first ACK after %d ms%n", listeningMs, firstAckMs);

            assertThat(Files.getPosixFilePermissions(clone.resolve("var/pki/device.p12.password")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));

            // Process.destroy() would also close our ends of its pipes; send SIGTERM the way a service manager does.
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
            errDrain.get(5, TimeUnit.SECONDS);
            assertThat(run.exitValue()).as("exit code after SIGTERM; stderr: %s", runErr).isZero();
            assertThat(runErr.toString()).contains("stopped");

            Process query = launcher(clone, "audit", "query", "--from", today, "--message-id", "MSGID1234",
                    "--format", "csv").start();
            StringBuilder queryOut = new StringBuilder();
            StringBuilder queryErr = new StringBuilder();
            CompletableFuture<Void> c = drain(query.getInputStream(), queryOut);
            CompletableFuture<Void> d = drain(query.getErrorStream(), queryErr);
            assertThat(query.waitFor(120, TimeUnit.SECONDS)).isTrue();
            c.get(5, TimeUnit.SECONDS);
            d.get(5, TimeUnit.SECONDS);
            assertThat(query.exitValue()).as("audit query stderr: %s", queryErr).isZero();
            assertThat(queryOut.toString()).contains("110107 Import", "MSGID1234", "789567");
        } finally {
            run.destroyForcibly();
        }
    }

    private static ProcessBuilder launcher(Path clone, String... args) {
        List<String> command = new ArrayList<>();
        command.add(clone.resolve("ward").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(clone.toFile());
        // The outer build already fetched every artifact; the copy builds offline.
        builder.environment().put("WARD_MVN_ARGS", "-o");
        return builder;
    }

    /** The files git would check out (tracked and not ignored), copied with their modes. */
    private static Path cleanCopy(Path root, Path target) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z", "--cached", "--others",
                "--exclude-standard").redirectErrorStream(true).start();
        byte[] listing = git.getInputStream().readAllBytes();
        assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as("git ls-files: %s (install git: apt-get install -y git)",
                new String(listing, StandardCharsets.UTF_8)).isZero();
        for (String name : new String(listing, StandardCharsets.UTF_8).split("\0")) {
            if (name.isEmpty()) {
                continue;
            }
            Path source = root.resolve(name);
            if (!Files.isRegularFile(source)) {
                continue; // deleted in the work tree but still in the index
            }
            Path copy = target.resolve(name);
            Files.createDirectories(copy.getParent());
            Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
        assertThat(target.resolve("ward")).isExecutable();
        return target;
    }

    private static CompletableFuture<Void> drain(java.io.InputStream in, StringBuilder sink) {
        return CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (sink) {
                        sink.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                synchronized (sink) {
                    sink.append("[stream closed: ").append(e.getMessage()).append("]\n");
                }
            }
        });
    }

    private static long elapsedMs(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
