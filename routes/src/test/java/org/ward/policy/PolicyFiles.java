package org.ward.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.ward.config.ConfigException;
import org.ward.config.PolicyLoader;

/** Writes a policy.yaml into a test directory and compiles it. */
final class PolicyFiles {

    static final String BP = String.join("\r",
            "MSH|^~\\&|AcmeInc^ACDE48234567ABCD^EUI-64||||20090713090030+0500||ORU^R01^ORU_R01|MSGID1234|P|2.6|||NE|AL",
            "PID|||789567^^^Imaginary Hospital^PI||Doe^John^Joseph^^^^L^A|||M|||||||||||123-45-6789",
            "OBR|1|AB12345^AcmeAHDInc^ACDE48234567ABCD^EUI-64||528391^MDC_DEV_SPEC_PROFILE_BP^MDC",
            "OBX|1||528391^MDC_DEV_SPEC_PROFILE_BP^MDC|1|||||||R",
            "NTE|1||cuff repositioned",
            "OBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R",
            "NTE|1||patient moving",
            "OBX|3|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.0.1.2|80|266016^MDC_DIM_MMHG^MDC|||||R",
            "OBX|4|NM|149530^MDC_PULS_OXIM_PULS_RATE^MDC|1.0.2.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R") + "\r";

    private PolicyFiles() {
    }

    static Path write(Path dir, String... lines) {
        try {
            Path file = dir.resolve("policy.yaml");
            Files.writeString(file, String.join("\n", lines) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AccessPolicy compile(Path dir, String... lines) {
        try {
            return AccessPolicy.compile(PolicyLoader.load(write(dir, lines), null));
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static Set<String> roles(String... roles) {
        return Set.of(roles);
    }
}
