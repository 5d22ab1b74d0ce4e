package org.ward.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GazelleProfileTest {

    /** The JDK's default validation error handler printed "Error: … Document is invalid" at every start. */
    @Test
    void loadingAProfilePrintsNothingToStderrAndLeavesStderrAsItWas() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        try {
            GazelleProfile profile = GazelleProfile.load(PcdValidator.PCD_01_PROFILE, "IHE PCD-01 profile");
            assertThat(profile.definition().getMsgType()).isEqualTo("ORU");
            assertThat(System.err).isSameAs(capture);
            System.err.print("after");
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("after");
    }
}
