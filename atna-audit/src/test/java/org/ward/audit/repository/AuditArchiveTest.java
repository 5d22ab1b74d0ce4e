package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.repository.VerifyResult.Breach;

/**
 * A retention archive verified on its own, with the repository's public key only: intact, then with
 * one record changed, removed, changed and every hash after it recomputed, with the manifest edited,
 * and with another key. An auditor without Ward checks it with openssl and sha256.
 */
class AuditArchiveTest {

    private static final int RECORDS = 12;

    @TempDir
    static Path dataDir;

    @TempDir
    Path work;

    private static AuditStoreConfig config;
    private static Path archive;

    @BeforeAll
    static void cutAStore() throws Exception {
        config = AuditStoreConfig.h2(dataDir).withCheckpoints(1_000, Duration.ofHours(1));
        try (AuditStore store = AuditStore.open(config, new RepositoryStats(), Clock.systemUTC())) {
            for (int i = 1; i <= RECORDS; i++) {
                store.append(Records.importRow("PAT-" + i, "MSG-" + i, Instant.parse("2020-01-01T00:00:00Z")));
            }
        }
        archive = AuditRetention.apply(config, Instant.now(), AuditRetention.defaultArchiveDirectory(dataDir))
                .archive().orElseThrow();
    }

    @Test
    void anIntactArchiveVerifiesWithTheRepositoryKey() {
        VerifyResult result = AuditArchive.verify(archive, config.directory());

        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.recordsChecked()).isEqualTo(RECORDS);
        assertThat(result.lastSeq()).isEqualTo(RECORDS);
        assertThat(result.describe()).startsWith("archive intact: records 1 to 12");
    }

    @Test
    void oneChangedRecordIsDetectedAtItsSeq() throws Exception {
        Path tampered = rewriteRecords(lines -> {
            lines.set(6, lines.get(6).replace("\"source\":\"127.0.0.1:50000 CN=test\"", "\"source\":\"elsewhere\""));
            return lines;
        });

        VerifyResult result = AuditArchive.verify(tampered, config.directory());

        assertThat(result.breach()).isEqualTo(Breach.RECORD_ALTERED);
        assertThat(result.firstBrokenSeq()).hasValue(7);
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void aChangedPatientIdInARawRecordIsDetected() throws Exception {
        Path tampered = rewriteRecords(lines -> {
            ArchiveJson.Line line = ArchiveJson.parse(lines.get(2).getBytes(StandardCharsets.UTF_8));
            String raw = Records.text(line.row().raw()).replace("PAT-3", "PAT-9");
            lines.set(2, lines.get(2).replace(Base64.getEncoder().encodeToString(line.row().raw()),
                    Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8))));
            return lines;
        });

        VerifyResult result = AuditArchive.verify(tampered, config.directory());

        assertThat(result.breach()).isEqualTo(Breach.RECORD_ALTERED);
        assertThat(result.firstBrokenSeq()).hasValue(3);
    }

    @Test
    void aRemovedRecordIsDetected() throws Exception {
        Path tampered = rewriteRecords(lines -> {
            lines.remove(4);
            return lines;
        });

        VerifyResult result = AuditArchive.verify(tampered, config.directory());

        assertThat(result.breach()).isEqualTo(Breach.RECORD_MISSING);
        assertThat(result.firstBrokenSeq()).hasValue(5);
    }

    @Test
    void aTruncatedArchiveIsDetected() throws Exception {
        Path tampered = rewriteRecords(lines -> new ArrayList<>(lines.subList(0, 9)));

        VerifyResult result = AuditArchive.verify(tampered, config.directory());

        assertThat(result.breach()).isEqualTo(Breach.TAIL_TRUNCATED);
        assertThat(result.firstBrokenSeq()).hasValue(10);
    }

    @Test
    void aRecordChangedAndEveryLaterHashRecomputedIsDetectedAtTheSignedLastHash() throws Exception {
        Path tampered = rewriteRecords(lines -> {
            List<String> out = new ArrayList<>();
            byte[] previous = CanonicalRecord.GENESIS;
            for (String text : lines) {
                AuditRow row = ArchiveJson.parse(text.getBytes(StandardCharsets.UTF_8)).row();
                if (row.seq() == 4) {
                    row = new AuditRow(row.seq(), row.receivedAt(), "forged", row.status(), row.problem(),
                            row.syslogTime(), row.hostname(), row.appName(), row.msgId(), row.eventId(),
                            row.eventAction(), row.eventOutcome(), row.eventTime(), row.raw(), row.index());
                }
                previous = CanonicalRecord.chain(previous, row);
                out.add(new String(ArchiveJson.line(row, previous), StandardCharsets.UTF_8).stripTrailing());
            }
            return out;
        });

        VerifyResult result = AuditArchive.verify(tampered, config.directory());

        assertThat(result.breach()).isEqualTo(Breach.CHECKPOINT_MISMATCH);
    }

    @Test
    void anEditedManifestIsDetectedByItsSignature() throws Exception {
        Path tampered = rewrite(AuditArchive.MANIFEST_ENTRY,
                bytes -> new String(bytes, StandardCharsets.UTF_8).replace("\"count\" : 12", "\"count\" : 11")
                        .replace("\"last_seq\" : 12", "\"last_seq\" : 11").getBytes(StandardCharsets.UTF_8));

        VerifyResult result = AuditArchive.verify(tampered, config.directory());

        assertThat(result.breach()).isEqualTo(Breach.BAD_SIGNATURE);
    }

    @Test
    void anotherKeyDoesNotVerifyIt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));

        VerifyResult result = AuditArchive.verify(archive, generator.generateKeyPair().getPublic());

        assertThat(result.breach()).isEqualTo(Breach.BAD_SIGNATURE);
    }

    @Test
    void notAnArchiveIsUnverifiable() throws Exception {
        Path junk = Files.writeString(work.resolve("junk.zip"), "junk");

        assertThat(AuditArchive.verify(junk, config.directory()).breach()).isEqualTo(Breach.UNVERIFIABLE);
    }

    @Test
    void anAuditorWithoutWardChecksTheSignatureWithOpensslAndTheRecordsWithSha256() throws Exception {
        Map<String, byte[]> entries = entries(archive);
        Path manifest = Files.write(work.resolve("manifest.json"), entries.get(AuditArchive.MANIFEST_ENTRY));
        Path signature = Files.write(work.resolve("manifest.sig"), entries.get(AuditArchive.SIGNATURE_ENTRY));
        Path publicKey = config.directory().resolve(CheckpointKey.PUBLIC_FILE);

        String out = run("openssl", "dgst", "-sha256", "-keyform", "DER", "-verify", publicKey.toString(),
                "-signature", signature.toString(), manifest.toString());
        assertThat(out).contains("Verified OK");

        String sha256 = HexFormat.of().formatHex(
                CanonicalRecord.sha256().digest(entries.get(AuditArchive.RECORDS_ENTRY)));
        assertThat(new String(entries.get(AuditArchive.MANIFEST_ENTRY), StandardCharsets.UTF_8))
                .contains("\"records_sha256\" : \"" + sha256 + "\"")
                .contains("\"format\" : \"ward-audit-archive-1\"");

        Files.write(work.resolve("manifest.json"), "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(run("openssl", "dgst", "-sha256", "-keyform", "DER", "-verify", publicKey.toString(),
                "-signature", signature.toString(), manifest.toString())).contains("Verification failure");
    }

    private Path rewriteRecords(UnaryOperator<List<String>> change) throws IOException {
        return rewrite(AuditArchive.RECORDS_ENTRY, bytes -> {
            List<String> lines = new ArrayList<>(new String(bytes, StandardCharsets.UTF_8).lines().toList());
            return (String.join("\n", change.apply(lines)) + "\n").getBytes(StandardCharsets.UTF_8);
        });
    }

    /** A copy of the archive with one entry's bytes changed; the others as they were. */
    private Path rewrite(String name, UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> entries = entries(archive);
        entries.put(name, change.apply(entries.get(name)));
        Path copy = work.resolve(archive.getFileName());
        try (OutputStream file = Files.newOutputStream(copy); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return copy;
    }

    private static Map<String, byte[]> entries(Path zipFile) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return entries;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }
}
