package org.ward.bench;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Generated IHE PCD-01 messages of about a chosen size: a blood pressure and further numeric OBX
 * until the size is reached, the patient drawn from a spread of N, a unique MSH-10 per message, and
 * the device EUI-64 of the sender's certificate in MSH-3 and OBX-18 (so a listener that binds device
 * identity accepts them).
 */
final class Pcd01Generator {

    private static final String[] CODES = {"150021^MDC_PRESS_BLD_NONINV_SYS", "150022^MDC_PRESS_BLD_NONINV_DIA",
        "150023^MDC_PRESS_BLD_NONINV_MEAN", "149530^MDC_PULS_OXIM_PULS_RATE", "150456^MDC_PULS_OXIM_SAT_O2",
        "188736^MDC_TEMP_BODY"};

    private final String eui64;
    private final int size;
    private final int patients;
    private final String timestamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));

    Pcd01Generator(String eui64, int size, int patients) {
        this.eui64 = eui64.toUpperCase(Locale.ROOT);
        this.size = size;
        this.patients = patients;
    }

    String message(String controlId, long sequence) {
        long patient = 100000 + Math.floorMod(sequence * 7919, patients);
        StringBuilder b = new StringBuilder(size + 200);
        b.append("MSH|^~\\&|WARD-BENCH^").append(eui64).append("^EUI-64||||").append(timestamp)
                .append("+0000||ORU^R01^ORU_R01|").append(controlId)
                .append("|P|2.6|||NE|AL|||||IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO\r")
                .append("PID|||").append(patient).append("^^^Bench Hospital^PI||Bench^Patient").append(patient)
                .append("^^^^^L^A|||U\r")
                .append("OBR|1|").append(controlId).append("^WARD-BENCH^").append(eui64).append("^EUI-64|")
                .append(controlId).append("^WARD-BENCH^").append(eui64)
                .append("^EUI-64|528391^MDC_DEV_SPEC_PROFILE_BP^MDC|||").append(timestamp).append("+0000\r")
                .append("OBX|1||528391^MDC_DEV_SPEC_PROFILE_BP^MDC|1|||||||R|||||||").append(eui64).append("^EUI-64\r")
                .append("OBX|2||150020^MDC_PRESS_BLD_NONINV^MDC|1.0.1|||||||R|||").append(timestamp).append("+0000\r");
        int obx = 3;
        while (b.length() < size) {
            String code = CODES[obx % CODES.length];
            b.append("OBX|").append(obx).append("|NM|").append(code).append("^MDC|1.0.1.").append(obx - 2).append('|')
                    .append(60 + obx % 80).append("|266016^MDC_DIM_MMHG^MDC|||||R|||").append(timestamp).append("+0000\r");
            obx++;
        }
        return b.toString();
    }
}
