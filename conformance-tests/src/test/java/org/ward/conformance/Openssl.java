package org.ward.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code openssl} command-line tool, found on {@code PATH}. A missing binary fails the test with
 * what to install: these tests exist to talk to a real, independent TLS stack.
 */
final class Openssl {

    static final String NOT_FOUND = "openssl not found: apt-get install -y openssl";

    /** Bound on one non-interactive openssl command (key conversion, version). */
    private static final long COMMAND_TIMEOUT_SECONDS = 15;

    private Openssl() {
    }

    /** The {@code openssl} executable on {@code PATH}. */
    static Path binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, "openssl");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(NOT_FOUND + " (searched PATH=" + path + ")");
    }

    /** For example {@code OpenSSL 3.0.13 30 Jan 2024 (Library: ...)}. */
    static String version() {
        return run(List.of("version")).trim();
    }

    /**
     * Splits a PKCS#12 credential into the two PEM files {@code s_client} reads: the leaf certificate
     * with its unencrypted key ({@code -cert X -key X}) and the CA certificates above it
     * ({@code -cert_chain}). s_client sends only the first certificate of {@code -cert}, and builds no
     * chain from a {@code -CAfile} that holds only the root, so without {@code -cert_chain} the issuing
     * CA would never reach Ward.
     */
    static PemCredential pemFromPkcs12(Path p12, Path passwordFile, Path directory, String name) {
        Path certAndKey = directory.resolve(name + ".pem");
        Path chain = directory.resolve(name + "-ca-chain.pem");
        String passin = "file:" + passwordFile;
        run(List.of("pkcs12", "-in", p12.toString(), "-passin", passin, "-clcerts", "-nodes",
                "-out", certAndKey.toString()));
        run(List.of("pkcs12", "-in", p12.toString(), "-passin", passin, "-cacerts", "-nokeys",
                "-out", chain.toString()));
        return new PemCredential(certAndKey, Optional.of(chain));
    }

    /**
     * A client credential as PEM files.
     *
     * @param certAndKey the leaf certificate and its unencrypted private key
     * @param caChain    the CA certificates that issued the leaf, issuing CA first; empty to send the
     *                   leaf alone
     */
    record PemCredential(Path certAndKey, Optional<Path> caChain) {

        PemCredential {
            Objects.requireNonNull(certAndKey, "certAndKey");
            Objects.requireNonNull(caChain, "caChain");
        }

        PemCredential withoutCaChain() {
            return new PemCredential(certAndKey, Optional.empty());
        }
    }

    /** Runs {@code openssl args...} to completion and returns what it printed; fails on a non-zero exit. */
    private static String run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(NOT_FOUND + " (" + e.getMessage() + ")", e);
        }
        try {
            StreamDrain drain = StreamDrain.start(process.getInputStream(), "openssl " + args.get(0));
            process.getOutputStream().close();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS) || !drain.awaitEnd(5_000)) {
                throw new AssertionError(String.join(" ", command) + " did not finish within "
                        + COMMAND_TIMEOUT_SECONDS + " s");
            }
            String output = new String(drain.bytes(), UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue()
                        + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("could not read the output of " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        } finally {
            process.destroyForcibly();
        }
    }
}
