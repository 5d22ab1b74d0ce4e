package org.ward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.model.CodedValue;
import org.ward.audit.event.ImportBuilder;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.event.Hl7Application;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.spool.FileAuditSpool;
import org.ward.audit.spool.SpoolConfig;
import org.ward.audit.spool.SpoolListener;

/** {@code on-audit-failure}: whether the sink tells the engine to refuse a message before it takes one. */
class SpoolingAuditSinkTest {

    private static final long SEGMENT = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void refuseModeRefusesOnceTheSpoolHasNoRoomForAnotherMessagesRecords() throws Exception {
        try (FileAuditSpool spool = smallSpool()) {
            SpoolingAuditSink sink = new SpoolingAuditSink(spool, AuditFailurePolicy.REFUSE);
            int emitted = 0;
            while (!sink.refusesExchanges()) {
                sink.emit(importRecord(emitted++));
            }
            assertThat(spool.usedBytes() + SpoolingAuditSink.HEADROOM_BYTES).isGreaterThan(spool.capBytes());
            assertThat(emitted).as("records spooled before refusing").isGreaterThan(50);
            assertThat(sink.failures()).isZero();
            // Had the engine gone on, the spool would soon have refused the records themselves.
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1_000; i++) {
                    sink.emit(importRecord(i));
                }
            }).isInstanceOf(AuditUnavailableException.class);
            assertThat(sink.refusesExchanges()).isTrue();
        }
    }

    @Test
    void continueModeNeverRefusesAndNeverThrows() throws Exception {
        try (FileAuditSpool spool = smallSpool()) {
            SpoolingAuditSink sink = new SpoolingAuditSink(spool, AuditFailurePolicy.CONTINUE);
            for (int i = 0; i < 1_000; i++) {
                sink.emit(importRecord(i));
                assertThat(sink.refusesExchanges()).isFalse();
            }
            assertThat(sink.failures()).as("records the full spool could not take").isPositive();
        }
    }

    @Test
    void aSpoolThatFailedTheLatestRecordMakesRefuseModeRefuse() throws Exception {
        FileAuditSpool spool = smallSpool();
        SpoolingAuditSink sink = new SpoolingAuditSink(spool, AuditFailurePolicy.REFUSE);
        sink.emit(importRecord(1));
        assertThat(sink.refusesExchanges()).isFalse();
        spool.close();
        assertThatThrownBy(() -> sink.emit(importRecord(2))).isInstanceOf(AuditUnavailableException.class);
        assertThat(sink.refusesExchanges()).isTrue();
    }

    private FileAuditSpool smallSpool() throws Exception {
        return FileAuditSpool.open(new SpoolConfig(dir, 4 * SEGMENT, SEGMENT, 16 * 1024, Duration.ZERO),
                SpoolListener.NONE);
    }

    private static AuditMessage importRecord(int n) {
        NetworkAccessPoint pump = NetworkAccessPoint.ipAddress("192.0.2.17");
        return ImportBuilder.of(AuditXmlAssertions.CONTEXT, AuditXmlAssertions.CLOCK,
                        CodedValue.iheTransaction("PCD-01", "Communicate PCD Data"))
                .source(Hl7Application.of("PUMP_APP^0123456789abcdef^EUI-64", "ICU"), pump)
                .destination(Hl7Application.of("WARD", "HOSP"))
                .authenticatedPeer("CN=pump-17,O=Example Hospital", "0123456789abcdef", pump)
                .patient("PAT-" + n).messageControlId("MSG-" + n).build();
    }
}
