package org.ward.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Inbound records for the journal tests: a PCD-01 observation for the given patients. */
final class JournalRecords {

    static final Sender MONITOR = Sender.of("CN=monitor-7,OU=ICU,O=Example Hospital", "1f2e3d4c5b6a")
            .withDevice("0012a3fffe4b5c6d");

    private JournalRecords() {
    }

    static InboundRecord record(String controlId, String... patientIds) {
        String patient = patientIds.length == 0 ? "" : patientIds[0];
        String message = "MSH|^~\\&|MONITOR^0012a3fffe4b5c6d^EUI-64|ICU|WARD|HOSP|20240101120000+0000||"
                + "ORU^R01^ORU_R01|" + controlId + "|P|2.6\r"
                + "PID|||" + patient + "^^^HOSP^MR||Doe^Jane\r"
                + "OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.0.0.1|97|262688^MDC_DIM_PERCENT^MDC|||||F\r";
        return new InboundRecord(Instant.now(), "pcd-01", MONITOR, "ORU^R01^ORU_R01", controlId, "PCD-01",
                List.of(patientIds), StandardCharsets.UTF_8, message.getBytes(StandardCharsets.UTF_8));
    }
}
