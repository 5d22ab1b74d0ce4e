package org.ward.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The messages the ER7 path is compared with HAPI's on: every HL7 file of the shared conformance
 * corpus, config/examples, the test resources of pcd-profiles and conformance-tests, the
 * benchmark generator's PCD-01 shape, the hand-written test messages, and systematic mutations
 * of them (see {@link Er7Mutations}). Texts have CR segment terminators.
 */
public final class DifferentialCorpus {

    private static final List<Path> ROOTS = List.of(
            Path.of("/work/shared/conformance/messages"),
            Path.of("../config/examples"),
            Path.of("src/test/resources"),
            Path.of("../conformance-tests/src/test/resources"));

    private DifferentialCorpus() {
    }

    /** Every base message by a readable label (file name, or the name of a built-in one). */
    public static Map<String, String> baseMessages() {
        Map<String, String> messages = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Path root : ROOTS) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".hl7") || name.endsWith(".hl7v2") || name.endsWith(".er7")) {
                        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                        if (seen.add(crTerminated(text))) {
                            messages.put(root.getFileName() + "/" + name, crTerminated(text));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        messages.put("generated-pcd01", generatedPcd01(1500));
        messages.put("generated-pcd01-large", generatedPcd01(6000));
        messages.put("messages-valid", String.join("\r", Messages.MSH, Messages.PID, Messages.OBR, Messages.OBX));
        return messages;
    }

    /** The shape of {@code org.ward.bench.Pcd01Generator} (routes), which this module cannot see. */
    static String generatedPcd01(int size) {
        String eui64 = "0123456789ABCDEF";
        String timestamp = "20261122230000";
        String controlId = "MSG00001";
        String[] codes = {"150021^MDC_PRESS_BLD_NONINV_SYS", "150022^MDC_PRESS_BLD_NONINV_DIA",
            "150023^MDC_PRESS_BLD_NONINV_MEAN", "149530^MDC_PULS_OXIM_PULS_RATE", "150456^MDC_PULS_OXIM_SAT_O2",
            "188736^MDC_TEMP_BODY"};
        StringBuilder b = new StringBuilder();
        b.append("MSH|^~\\&|WARD-BENCH^").append(eui64).append("^EUI-64||||").append(timestamp)
                .append("+0000||ORU^R01^ORU_R01|").append(controlId)
                .append("|P|2.6|||NE|AL|||||IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO\r")
                .append("PID|||100007^^^Bench Hospital^PI||Bench^Patient100007^^^^^L^A|||U\r")
                .append("OBR|1|").append(controlId).append("^WARD-BENCH^").append(eui64).append("^EUI-64|")
                .append(controlId).append("^WARD-BENCH^").append(eui64)
                .append("^EUI-64|528391^MDC_DEV_SPEC_PROFILE_BP^MDC|||").append(timestamp).append("+0000\r")
                .append("OBX|1||528391^MDC_DEV_SPEC_PROFILE_BP^MDC|1|||||||R|||||||").append(eui64).append("^EUI-64\r")
                .append("OBX|2||150020^MDC_PRESS_BLD_NONINV^MDC|1.0.1|||||||R|||").append(timestamp).append("+0000\r");
        int obx = 3;
        while (b.length() < size) {
            String code = codes[obx % codes.length];
            b.append("OBX|").append(obx).append("|NM|").append(code).append("^MDC|1.0.1.").append(obx - 2).append('|')
                    .append(60 + obx % 80).append("|266016^MDC_DIM_MMHG^MDC|||||R|||").append(timestamp).append("+0000\r");
            obx++;
        }
        return b.toString();
    }

    static String crTerminated(String text) {
        return text.replace("\r\n", "\r").replace('\n', '\r');
    }

    /** Every base message and all its mutations, labelled. */
    public static Map<String, String> all(int fieldMutatedBases) {
        Map<String, String> all = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, String> base : baseMessages().entrySet()) {
            // The large generated message repeats the small one's segment types: not field-mutated again.
            boolean fields = index++ < fieldMutatedBases || base.getKey().equals("generated-pcd01")
                    || base.getKey().equals("messages-valid");
            all.put(base.getKey(), base.getValue());
            Er7Mutations.of(base.getValue(), fields).forEach((label, text) -> all.put(base.getKey() + " " + label, text));
        }
        return all;
    }

    static List<String> labels(Map<String, String> messages) {
        return new ArrayList<>(messages.keySet());
    }
}
