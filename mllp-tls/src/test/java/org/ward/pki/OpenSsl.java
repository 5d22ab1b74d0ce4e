package org.ward.pki;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the OpenSSL 3 command-line tool as an independent verifier. A missing OpenSSL fails the test. */
public final class OpenSsl {

    /** Exit code and combined stdout/stderr of one run. */
    public record Result(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    public static Result run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("openssl did not finish within 30 s: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), output);
    }

    /** Interoperability must be proven, not skipped. */
    public static String executable() {
        Optional<Path> found = Stream.concat(Stream.of("/usr/bin"),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "openssl"))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            fail("The openssl command-line tool is required for this test; install it with: apt-get install -y openssl");
        }
        return found.get().toString();
    }
}
