package org.ward.ack;

import static ca.uhn.hl7v2.AcknowledgmentCode.AA;
import static ca.uhn.hl7v2.AcknowledgmentCode.AE;
import static ca.uhn.hl7v2.AcknowledgmentCode.AR;
import static ca.uhn.hl7v2.AcknowledgmentCode.CA;
import static ca.uhn.hl7v2.AcknowledgmentCode.CE;
import static ca.uhn.hl7v2.AcknowledgmentCode.CR;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ward.hl7.MessageHeader;

/**
 * The whole MSH-15 × MSH-16 × outcome matrix (HL7 v2.6 §2.9.2, §2.9.3, table 0155): which
 * acknowledgments are sent, in order. Expected values are written out per case from the rules,
 * not computed: empty/empty is original mode (one AA/AE/AR); otherwise an accept ACK when MSH-15
 * asks (AL always, ER only for CE/CR, SU only for CA, NE or empty never), then an application ACK
 * when MSH-16 asks, unless a negative accept ACK already ended the exchange.
 */
class AckPlanTest {

    private static final ProcessingOutcome OK = ProcessingOutcome.ACCEPTED;
    private static final ProcessingOutcome ERR = ProcessingOutcome.ERROR;
    private static final ProcessingOutcome REJ = ProcessingOutcome.REJECTED;

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        // Original mode.
        cases.add(Arguments.of("", "", OK, List.of(AA)));
        cases.add(Arguments.of("", "", ERR, List.of(AE)));
        cases.add(Arguments.of("", "", REJ, List.of(AR)));
        // MSH-15 = AL: an accept ACK always.
        add(cases, "AL", "AL", List.of(CA, AA), List.of(CE), List.of(CR));
        add(cases, "AL", "NE", List.of(CA), List.of(CE), List.of(CR));
        add(cases, "AL", "ER", List.of(CA), List.of(CE), List.of(CR));
        add(cases, "AL", "SU", List.of(CA, AA), List.of(CE), List.of(CR));
        add(cases, "AL", "", List.of(CA), List.of(CE), List.of(CR));
        // MSH-15 = NE: never an accept ACK; the application ACK follows MSH-16 alone.
        add(cases, "NE", "AL", List.of(AA), List.of(AE), List.of(AR));
        add(cases, "NE", "NE", List.of(), List.of(), List.of());
        add(cases, "NE", "ER", List.of(), List.of(AE), List.of(AR));
        add(cases, "NE", "SU", List.of(AA), List.of(), List.of());
        add(cases, "NE", "", List.of(), List.of(), List.of());
        // MSH-15 = ER: an accept ACK only when it is negative, which then ends the exchange.
        add(cases, "ER", "AL", List.of(AA), List.of(CE), List.of(CR));
        add(cases, "ER", "NE", List.of(), List.of(CE), List.of(CR));
        add(cases, "ER", "ER", List.of(), List.of(CE), List.of(CR));
        add(cases, "ER", "SU", List.of(AA), List.of(CE), List.of(CR));
        add(cases, "ER", "", List.of(), List.of(CE), List.of(CR));
        // MSH-15 = SU: an accept ACK only when positive.
        add(cases, "SU", "AL", List.of(CA, AA), List.of(AE), List.of(AR));
        add(cases, "SU", "NE", List.of(CA), List.of(), List.of());
        add(cases, "SU", "ER", List.of(CA), List.of(AE), List.of(AR));
        add(cases, "SU", "SU", List.of(CA, AA), List.of(), List.of());
        add(cases, "SU", "", List.of(CA), List.of(), List.of());
        // MSH-15 empty, MSH-16 valued: enhanced mode without an accept ACK.
        add(cases, "", "AL", List.of(AA), List.of(AE), List.of(AR));
        add(cases, "", "NE", List.of(), List.of(), List.of());
        add(cases, "", "ER", List.of(), List.of(AE), List.of(AR));
        add(cases, "", "SU", List.of(AA), List.of(), List.of());
        // A value outside table 0155 cannot be honoured: original mode.
        add(cases, "XX", "AL", List.of(AA), List.of(AE), List.of(AR));
        add(cases, "AL", "always", List.of(AA), List.of(AE), List.of(AR));
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String msh15, String msh16, List<AcknowledgmentCode> accepted,
                            List<AcknowledgmentCode> error, List<AcknowledgmentCode> rejected) {
        cases.add(Arguments.of(msh15, msh16, OK, accepted));
        cases.add(Arguments.of(msh15, msh16, ERR, error));
        cases.add(Arguments.of(msh15, msh16, REJ, rejected));
    }

    @ParameterizedTest(name = "MSH-15={0} MSH-16={1} {2} -> {3}")
    @MethodSource("matrix")
    void sendsWhatHl7Prescribes(String msh15, String msh16, ProcessingOutcome outcome, List<AcknowledgmentCode> expected) {
        MessageHeader header = MessageHeader.read("MSH|^~\\&|DEV||WARD||2026||ORU^R01|ID|P|2.6|||"
                + msh15 + "|" + msh16).orElseThrow();
        assertThat(AckPlan.codes(Optional.of(header), outcome)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "no header, {0}")
    @MethodSource("outcomes")
    void withoutAReadableHeaderTheAnswerIsOneOriginalModeAck(ProcessingOutcome outcome) {
        assertThat(AckPlan.codes(Optional.empty(), outcome)).containsExactly(outcome.applicationCode());
    }

    static Stream<ProcessingOutcome> outcomes() {
        return Stream.of(ProcessingOutcome.values());
    }
}
