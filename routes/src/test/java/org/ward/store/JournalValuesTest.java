package org.ward.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalValuesTest {

    @Test
    void recordsAndEntriesPrintNoPatientIdAndNoPayload() {
        InboundRecord record = JournalRecords.record("MSG-1", "PAT-SECRET");
        JournalEntry entry = JournalEntry.accepted(1, record);

        assertThat(record.toString()).contains("MSG-1").doesNotContain("PAT-SECRET").doesNotContain("MSH");
        assertThat(entry.toString()).contains("MSG-1").doesNotContain("PAT-SECRET");
        assertThat(new StoredMessage(entry, record.payload()).toString()).doesNotContain("PAT-SECRET");
        assertThat(JournalQuery.byPatient("PAT-SECRET").toString()).doesNotContain("PAT-SECRET");
    }

    @Test
    void aFieldTooLongForItsColumnIsRefusedByNameNotByValue() {
        String longId = "PAT-" + "9".repeat(300);
        assertThatThrownBy(() -> new InboundRecord(Instant.now(), "pcd-01", JournalRecords.MONITOR, "ORU^R01",
                "MSG-1", null, List.of(longId), StandardCharsets.UTF_8, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("patient id exceeds 250 characters");
    }

    @Test
    void recordsKeepMicrosecondsDropDuplicatePatientsAndCopyThePayload() {
        byte[] payload = {1, 2, 3};
        InboundRecord record = new InboundRecord(Instant.parse("2024-01-01T12:00:00.123456789Z"), "pcd-01",
                JournalRecords.MONITOR, "ORU^R01", "MSG-1", null, List.of("A", "B", "A"), StandardCharsets.UTF_8,
                payload);
        payload[0] = 9;

        assertThat(record.receivedAt()).isEqualTo(Instant.parse("2024-01-01T12:00:00.123456Z"));
        assertThat(record.patientIds()).containsExactly("A", "B");
        assertThat(record.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void destinationsAreOptionalDeduplicatedAndCheckedLikeTheOtherFields() {
        InboundRecord record = JournalRecords.record("MSG-1");
        assertThat(record.destinations()).isEmpty();
        assertThat(record.withDestinations(List.of("lab", "ehr", "lab")).destinations()).containsExactly("lab", "ehr");
        assertThat(record.withDestinations(List.of("lab"))).isNotEqualTo(record);
        assertThatThrownBy(() -> record.withDestinations(List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("destination is blank");
        assertThatThrownBy(() -> record.withDestinations(List.of("d".repeat(129))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("destination exceeds 128 characters");
    }

    @Test
    void senderAndConfigCheckThemselves() {
        assertThatThrownBy(() -> JournalRecords.MONITOR.withDevice("00:12:a3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sender.of("CN=x", "XYZ")).isInstanceOf(IllegalArgumentException.class);
        JournalConfig h2 = JournalConfig.h2(Path.of("/var/lib/ward"));
        assertThat(h2.jdbcUrl()).isEqualTo("jdbc:h2:file:/var/lib/ward/journal/ward");
        assertThat(h2.withGroupCommit(false).batchRows()).isEqualTo(1);
        assertThatThrownBy(() -> new JournalConfig(JournalConfig.Kind.H2, "jdbc:h2:file:/x;WRITE_DELAY=500", "ward",
                null, Path.of("/x"), true, 10, java.time.Duration.ZERO, java.time.Duration.ofSeconds(5), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
