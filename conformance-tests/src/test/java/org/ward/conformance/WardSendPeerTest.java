package org.ward.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.engine.WardFixture;

/**
 * The hand-made PCD-03/04/05/10 messages (pcd-profiles test resources; README there names the TF
 * section each follows) sent by {@code ./ward send} as a separate process over real mutual TLS:
 * each gets exactly the acknowledgments its MSH-15/MSH-16 ask for, with the ERR its defect calls for.
 */
class WardSendPeerTest {

    @TempDir
    static Path dir;
    static WardFixture ward;

    @BeforeAll
    static void start() throws Exception {
        ward = WardFixture.start(dir);
    }

    @AfterAll
    static void stop() throws IOException {
        ward.close();
    }

    private static Path fixture(String name) throws IOException {
        try (InputStream in = WardSendPeerTest.class.getResourceAsStream("/pcd/" + name)) {
            assertThat(in).as("test resource /pcd/" + name + " from the pcd-profiles test-jar").isNotNull();
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run send(Path... files) throws Exception {
        Path root = Path.of(System.getProperty("ward.project.root"));
        List<String> command = new ArrayList<>(List.of(root.resolve("ward").toString(), "send",
                "--to", "localhost:" + ward.port(), "--cert", ward.pki().deviceP12().toString(),
                "--trust", ward.pki().trustAnchors().toString(), "--grace-ms", "500"));
        for (Path file : files) {
            command.add(file.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().put("WARD_MVN_ARGS", "-o");
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("./ward send finished").isTrue();
            return new Run(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "[unreadable: " + e.getMessage() + "]";
        }
    }

    @Test
    void validMessagesGetTheAcknowledgmentsTheirMsh15And16AskFor() throws Exception {
        Path pcd03 = fixture("pcd-03-valid.hl7");
        Path pcd04 = fixture("pcd-04-valid.hl7");
        Path pcd05 = fixture("pcd-05-valid.hl7");
        Path pcd10 = fixture("pcd-10-valid.hl7");

        Run run = send(pcd03, pcd04, pcd05, pcd10);

        assertThat(run.exit()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        // PCD-03 asks AL/AL (TF-2 §3.3.4.4.1): accept ACK, then application ACK.
        assertThat(lines.stream().filter(l -> l.startsWith(pcd03 + ": ")).map(l -> l.split(" ")[1]))
                .containsExactly("CA", "AA");
        // PCD-04, PCD-05 and PCD-10 ask AL/NE (TF-2 Appendix B.1): exactly one CA each.
        for (Path file : List.of(pcd04, pcd05, pcd10)) {
            assertThat(lines.stream().filter(l -> l.startsWith(file + ": ")).map(l -> l.split(" ")[1]))
                    .as(file.toString()).containsExactly("CA");
        }
    }

    @Test
    void brokenMessagesGetACommitErrorWithTheLocationOfTheirDefect() throws Exception {
        Run run = send(fixture("pcd-03-broken.hl7"), fixture("pcd-04-broken.hl7"), fixture("pcd-05-broken.hl7"),
                fixture("pcd-10-broken.hl7"));

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out())
                .contains("pcd-03-broken.hl7: CE").contains("ERR E 101^Required field missing^HL70357 at RXG^1^4^1")
                .contains("pcd-04-broken.hl7: CE").contains("ERR E 102^Data type error^HL70357 at OBX^1^4^1")
                .contains("pcd-05-broken.hl7: CE").contains("ERR E 103^Table value not found^HL70357 at OBX^1^3^1")
                .contains("pcd-10-broken.hl7: CE").contains("ERR E 102^Data type error^HL70357 at OBX^1^18^1");
        // A CE ends the exchange: PCD-03's AL/AL brings no application ACK after it.
        assertThat(run.out()).doesNotContain("pcd-03-broken.hl7: AE");
    }
}
