package org.ward.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Acknowledgment} reads MSA-1, MSA-2 and ERR-3.1 only; {@link AckKind} decides what they mean. */
class DeliveryAcknowledgmentTest {

    private static final String MSH = "MSH|^~\\&|EHR|HOSP|WARD|HOSP|20250101120000||ACK^R01^ACK|A1|P|2.6\r";

    @Test
    void readsCodeControlIdAndFirstErrorCode() {
        Optional<Acknowledgment> ack = read(MSH + "MSA|AR|MSG-1|patient Doe, John\r"
                + "ERR||PID^1^3|207^Application internal error^HL70357|E||||Doe, John unknown\r"
                + "ERR|||102^Data type error^HL70357|E\r");

        assertThat(ack).contains(new Acknowledgment(AcknowledgmentCode.AR, "MSG-1", "207"));
        assertThat(ack.get().summary()).isEqualTo("AR ERR-3=207");
    }

    @Test
    void toleratesLineFeedsBetweenSegments() {
        assertThat(read(MSH.replace('\r', '\n') + "MSA|CA|MSG-1\n"))
                .contains(new Acknowledgment(AcknowledgmentCode.CA, "MSG-1", ""));
    }

    @Test
    void honoursTheSendersSeparators() {
        assertThat(read("MSH#$~\\&#EHR#HOSP#WARD#HOSP#20250101##ACK#A1#P#2.6\rMSA#AE#MSG-9\rERR###101$Required#E\r"))
                .contains(new Acknowledgment(AcknowledgmentCode.AE, "MSG-9", "101"));
    }

    @Test
    void errorCodeThatIsNotACodeIsNotCopied() {
        assertThat(read(MSH + "MSA|AE|MSG-1\rERR|||John Doe's record^x|E\r").orElseThrow().errorCode()).isEmpty();
    }

    @Test
    void notAnAcknowledgement() {
        assertThat(read("hello")).isEmpty();
        assertThat(read(MSH + "PID|1\r")).isEmpty();
        assertThat(read(MSH + "MSA|OK|MSG-1\r")).isEmpty();
        assertThat(read(MSH + "MSA\r")).isEmpty();
    }

    @Test
    void anEmptyControlIdAnswersNothing() {
        Acknowledgment ack = read(MSH + "MSA|AA|\r").orElseThrow();

        assertThat(ack.answers("")).isFalse();
        assertThat(ack.answers("MSG-1")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "COMMIT, CA, ACCEPTED", "COMMIT, AA, ACCEPTED",
        "COMMIT, CE, RETRY", "COMMIT, AE, RETRY",
        "COMMIT, CR, REJECTED", "COMMIT, AR, REJECTED",
        "APPLICATION, AA, ACCEPTED", "APPLICATION, CA, AWAIT_APPLICATION_ACK",
        "APPLICATION, AE, RETRY", "APPLICATION, CE, RETRY",
        "APPLICATION, AR, REJECTED", "APPLICATION, CR, REJECTED"})
    void ackKindDisposition(AckKind kind, AcknowledgmentCode code, AckKind.Disposition expected) {
        assertThat(kind.dispose(code)).isEqualTo(expected);
    }

    private static Optional<Acknowledgment> read(String text) {
        return Acknowledgment.read(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
