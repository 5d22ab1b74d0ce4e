package org.ward.conformance;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ward run --config FILE} as a separate JVM (the CLI's main class on this test's class path,
 * what target/ward.jar runs), so that it can be killed with SIGKILL. Its output goes to a log file;
 * the listener port is read from the banner.
 */
final class WardProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("mllp\\+tls listening on 127\\.0\\.0\\.1:(\\d+)");
    /** The banner's last line: the engine is up and the banner complete. */
    private static final String RUNNING = "Stop with Ctrl-C or SIGTERM.";

    private final Process process;
    private final Path log;
    private final int port;

    private WardProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts Ward and waits until it printed its whole banner (60 s at most).
     *
     * @param home the Ward home (the project root: the banner's example message comes from its config/examples)
     */
    static WardProcess start(Path home, Path config, Path log) throws IOException, InterruptedException {
        return start(home, config, log, List.of());
    }

    /** {@link #start(Path, Path, Path)} with extra options for Ward's JVM, as WARD_JAVA_OPTS gives {@code ./ward}. */
    static WardProcess start(Path home, Path config, Path log, List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        command.addAll(jvmOptions);
        command.add("-Dward.home=" + home);
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.ward.cli.WardCli",
                "run", "--config", config.toString()));
        Process process = new ProcessBuilder(command).directory(config.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long from = Files.exists(log) ? Files.size(log) : 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (System.nanoTime() - deadline < 0) {
                String output = Files.readString(log);
                String thisRun = output.substring((int) Math.min(from, output.length()));
                Matcher m = LISTENING.matcher(thisRun);
                if (thisRun.contains(RUNNING) && m.find()) {
                    return new WardProcess(process, log, Integer.parseInt(m.group(1)));
                }
                if (!process.isAlive()) {
                    fail("ward run exited with " + process.exitValue() + ":\n" + output);
                }
                Thread.sleep(100);
            }
            fail("ward run printed no listening port within 60 s:\n" + Files.readString(log));
            throw new AssertionError("unreachable");
        } catch (RuntimeException | Error | IOException | InterruptedException e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no close(), nothing flushed on the way out. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            fail("ward (pid " + process.pid() + ") still alive 15 s after SIGKILL");
        }
        return process.exitValue();
    }

    /** SIGTERM, as a service manager stops Ward; returns its exit code. */
    int stop(Duration timeout) throws IOException, InterruptedException {
        process.destroy(); // SIGTERM on Linux
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("ward did not stop within " + timeout + " of SIGTERM:\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
    }
}
