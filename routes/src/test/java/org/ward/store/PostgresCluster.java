package org.ward.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL 15 cluster in a temporary directory owned by {@code postgres} (the server
 * refuses to run as root), listening on 127.0.0.1 on an ephemeral port, with password authentication
 * (SCRAM) for the superuser {@value #USER}. fsync stays on: the throughput figures must be honest.
 */
final class PostgresCluster {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final String USER = "ward";
    private static final String OS_USER = "postgres";

    private final Path root;
    private final Path data;
    private final Path passwordFile;
    private final int port;
    private final Thread shutdownHook = new Thread(this::stopQuietly, "postgres-cluster-stop");
    private Process server;

    private PostgresCluster(Path root, int port) {
        this.root = root;
        this.data = root.resolve("data");
        this.passwordFile = root.resolve("password");
        this.port = port;
    }

    static PostgresCluster start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("postgres")) || !Files.isExecutable(BIN.resolve("initdb"))) {
            throw new AssertionError("PostgreSQL 15 is not installed in " + BIN
                    + ": apt-get install -y postgresql");
        }
        Path root = Files.createTempDirectory("ward-journal-pg-");
        PostgresCluster cluster = new PostgresCluster(root, freePort());
        try {
            cluster.initdb();
            cluster.startServer();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.destroy();
            throw e;
        }
        return cluster;
    }

    Path passwordFile() {
        return passwordFile;
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    void createDatabase(String name) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    synchronized void startServer() throws IOException, InterruptedException {
        if (server != null && server.isAlive()) {
            return;
        }
        ProcessBuilder builder = asPostgres(BIN.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-k", root.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("server.log").toFile()));
        server = builder.start();
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("postgres exited with " + server.exitValue() + ": " + log());
            }
            try (Connection connection = DriverManager.getConnection(url("postgres"), USER, password())) {
                if (connection.isValid(1)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("postgres did not accept connections within 30 s: " + log(), last);
    }

    /** A fast shutdown (SIGINT, as {@code pg_ctl stop -m fast}): open connections are cut. */
    synchronized void stop() throws IOException, InterruptedException {
        if (server == null || !server.isAlive()) {
            return;
        }
        Path pidFile = data.resolve("postmaster.pid");
        String pid = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).strip();
        run(List.of("kill", "-INT", pid));
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            throw new IllegalStateException("postgres did not stop within 30 s");
        }
    }

    /** Stops the server and deletes the cluster's directory. */
    void destroy() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private void initdb() throws IOException, InterruptedException {
        UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView rootView = Files.getFileAttributeView(root, PosixFileAttributeView.class);
        rootView.setOwner(users.lookupPrincipalByName(OS_USER));
        rootView.setGroup(users.lookupPrincipalByGroupName(OS_USER));
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        Files.writeString(passwordFile, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        Files.getFileAttributeView(passwordFile, PosixFileAttributeView.class)
                .setOwner(users.lookupPrincipalByName(OS_USER));
        // --no-sync only spares initdb's own fsyncs of the template files; the server keeps fsync on.
        run(command(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C",
                "--no-sync", "--no-instructions"));
    }

    private String password() throws IOException {
        return Files.readAllLines(passwordFile, StandardCharsets.US_ASCII).get(0).strip();
    }

    private ProcessBuilder asPostgres(String... command) {
        return new ProcessBuilder(command(command)).directory(root.toFile());
    }

    private static List<String> command(String... command) {
        List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=" + OS_USER, "--regid=" + OS_USER,
                "--init-groups"));
        line.addAll(List.of(command));
        return line;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Path output = root.resolve("command.log");
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(command.size() > 4 ? 4 : 0) + " timed out");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                    + ": " + Files.readString(output));
        }
    }

    private String log() throws IOException {
        Path log = root.resolve("server.log");
        return Files.exists(log) ? Files.readString(log) : "(no server log)";
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException e) {
            System.err.println("could not stop the test PostgreSQL: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
