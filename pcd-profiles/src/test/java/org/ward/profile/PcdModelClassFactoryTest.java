package org.ward.profile;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.AbstractGroup;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.GenericSegment;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.message.RGV_O15;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ward.profile.structure.ORA_R41;
import org.ward.profile.structure.ORA_R41_ALERT_IDENTIFICATION;
import org.ward.profile.structure.PRT;

class PcdModelClassFactoryTest {

    private HapiContext context;
    private PipeParser parser;

    @BeforeEach
    void setUp() {
        context = new DefaultHapiContext(new PcdModelClassFactory());
        context.setValidationContext(ValidationContextFactory.noValidation());
        parser = context.getPipeParser();
    }

    @AfterEach
    void tearDown() throws IOException {
        context.close();
    }

    static Stream<Arguments> validFixtures() {
        return Stream.of(
                Arguments.of("pcd-03-valid.hl7", RGV_O15.class, "ORDER/GIVE/OBSERVATION/OBX"),
                Arguments.of("pcd-04-valid.hl7", ORU_R01.class, "PATIENT_RESULT/ORDER_OBSERVATION/OBSERVATION/OBX"),
                Arguments.of("pcd-05-valid.hl7", ORA_R41.class, "ALERT_IDENTIFICATION/OBSERVATION/OBX"),
                Arguments.of("pcd-10-valid.hl7", ORU_R01.class, "PATIENT_RESULT/ORDER_OBSERVATION/OBSERVATION/OBX"));
    }

    @ParameterizedTest(name = "{0} parses as {1}")
    @MethodSource("validFixtures")
    void validFixtureParsesIntoTypedStructure(String file, Class<? extends Message> expected, String obxPath)
            throws HL7Exception {
        String text = PcdFixtures.read(file);

        Message message = parser.parse(text);

        assertThat(message).isExactlyInstanceOf(expected);
        List<Placed> placed = walk(message);
        assertThat(placed).allSatisfy(p -> assertThat(p.segment()).isNotInstanceOf(GenericSegment.class));
        assertThat(nonStandardNames(message)).isEmpty();
        // Every segment of the text is in the model, in the order sent.
        assertThat(placed).extracting(p -> p.segment().getName()).containsExactlyElementsOf(PcdFixtures.segmentIds(text));
        assertThat(placed).filteredOn(p -> p.segment() instanceof OBX)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.path()).isEqualTo(obxPath));
    }

    @ParameterizedTest(name = "{0} re-encodes to the same text")
    @MethodSource("validFixtures")
    void validFixtureReEncodesUnchanged(String file) throws HL7Exception {
        String text = PcdFixtures.read(file);

        assertThat(parser.encode(parser.parse(text))).isEqualTo(text);
    }

    @Test
    void reportAlertObservationsStayInOneOrderObservation() throws HL7Exception {
        ORU_R01 r40 = (ORU_R01) parser.parse(PcdFixtures.read("pcd-04-valid.hl7"));

        var order = r40.getPATIENT_RESULT().getORDER_OBSERVATION();
        assertThat(r40.getPATIENT_RESULTReps()).isEqualTo(1);
        assertThat(order.getOBR().getUniversalServiceIdentifier().getIdentifier().getValue()).isEqualTo("196616");
        assertThat(order.getOBSERVATIONReps()).isEqualTo(5);
        // IHE PCD TF-2 Rev 9.0 §B.8.5: ACM alerts add a fifth OBX-4 level below the metric.
        assertThat(order.getOBSERVATION(0).getOBX().getObservationSubID().getValue()).isEqualTo("1.2.1.150456.1");
        assertThat(r40.getPATIENT_RESULT().getPATIENT().getVISIT().getPV1().getAssignedPatientLocation()
                .getPointOfCare().getValue()).isEqualTo("ICU");
    }

    @Test
    void reportAlertStatusCarriesTheAcknowledgingProvider() throws HL7Exception {
        ORA_R41 r41 = (ORA_R41) parser.parse(PcdFixtures.read("pcd-05-valid.hl7"));

        assertThat(r41.getPATIENT().getPID().getPatientIdentifierList(0).getIDNumber().getValue()).isEqualTo("TEST-700101");
        assertThat(r41.getALERT_IDENTIFICATIONReps()).isEqualTo(1);
        ORA_R41_ALERT_IDENTIFICATION alert = r41.getALERT_IDENTIFICATION(0);
        assertThat(alert.getPRTReps()).isEqualTo(1);
        PRT prt = alert.getPRT(0);
        // IHE PCD TF-2 Rev 9.0 §3.5.4.1.3: PRT-4 AAP names who received/acknowledged the alert.
        assertThat(prt.getParticipation().getIdentifier().getValue()).isEqualTo("AAP");
        assertThat(prt.getParticipationPerson().getIDNumber().getValue()).isEqualTo("N0042");
        assertThat(prt.getParticipationBeginDateTime().getValue()).isEqualTo("20250314093118+0100");
        assertThat(alert.getOBSERVATIONReps()).isEqualTo(1);
        assertThat(alert.getOBSERVATION(0).getOBX().getObservationIdentifier().getNameOfCodingSystem().getValue())
                .isEqualTo("MDC");
    }

    @Test
    void infusionOrderObservationsLandInTheGiveGroup() throws HL7Exception {
        RGV_O15 o15 = (RGV_O15) parser.parse(PcdFixtures.read("pcd-03-valid.hl7"));

        var give = o15.getORDER().getGIVE();
        assertThat(give.getRXG().getGiveCode().getIdentifier().getValue()).isEqualTo("1234");
        assertThat(give.getRXR().getRoute().getText().getValue()).isEqualTo("IV");
        assertThat(give.getOBSERVATIONReps()).isEqualTo(2);
        assertThat(give.getOBSERVATION(0).getOBX().getEquipmentInstanceIdentifier(0).getUniversalIDType().getValue())
                .isEqualTo("EUI-64");
    }

    @Test
    void v28ShapedReportAlertStatusAlsoParses() throws HL7Exception {
        // HL7 v2.8 §7.3.13 ORA_R41 (as in HAPI v2.8): MSH [{SFT}] [UAC] MSA [{ERR}] [{PRT}].
        String text = "MSH|^~\\&|WARD_AM|NORTHWIND|WARD_AR|NORTHWIND|20250314093120+0100||ORA^R41^ORA_R41|AM-2|P|2.6|||AL|NE\r"
                + "MSA|AA|AR-20250314-0001\r"
                + "PRT||UC||AAP^Alert Acknowledging Provider^HL70912|N0042^Nightingale^Nora\r";

        ORA_R41 r41 = (ORA_R41) parser.parse(text);

        assertThat(r41.getMSA().getMessageControlID().getValue()).isEqualTo("AR-20250314-0001");
        assertThat(r41.getAll("PRT")).singleElement().isInstanceOf(PRT.class);
        assertThat(nonStandardNames(r41)).isEmpty();
        assertThat(parser.encode(r41)).isEqualTo(text);
    }

    static Stream<Arguments> messageTypeSpellings() {
        return Stream.of(
                Arguments.of("ORU^R40^ORU_R40", ORU_R01.class),
                Arguments.of("ORU^R40", ORU_R01.class),
                Arguments.of("ORU^R42^ORU_R01", ORU_R01.class),
                Arguments.of("ORU^R42^ORU_R42", ORU_R01.class),
                Arguments.of("ORU^R42", ORU_R01.class),
                Arguments.of("ORA^R41^ORA_R41", ORA_R41.class),
                Arguments.of("ORA^R41", ORA_R41.class),
                Arguments.of("ORU^R01^ORU_R01", ORU_R01.class));
    }

    @ParameterizedTest(name = "MSH-9 {0} -> {1}")
    @MethodSource("messageTypeSpellings")
    void resolvesWithOrWithoutMessageStructure(String msh9, Class<? extends Message> expected) throws HL7Exception {
        String text = "MSH|^~\\&|A|B|C|D|20250314093015+0100||" + msh9 + "|1|P|2.6|||AL|NE\r";

        assertThat(parser.parse(text)).isExactlyInstanceOf(expected);
    }

    @Test
    void plainHapiFallsBackToGenericMessageForR40() throws HL7Exception, IOException {
        // Why the factory exists: HAPI's v2.6 event map does not know R40.
        try (HapiContext plain = new DefaultHapiContext()) {
            plain.setValidationContext(ValidationContextFactory.noValidation());

            Message message = plain.getPipeParser().parse(PcdFixtures.read("pcd-04-valid.hl7"));

            assertThat(message).isInstanceOf(GenericMessage.class);
        }
    }

    @Test
    void prtInReportAlertIsNotPartOfV26OruR01() throws HL7Exception {
        // TF-2 Rev 9.0 Table 3.4.4.1.2-2 allows [PRT] after OBX in [PCD-04]; v2.6 ORU_R01 has no PRT,
        // so HAPI keeps it as a non-standard segment. The fixture leaves the optional PRT out.
        String text = PcdFixtures.read("pcd-04-valid.hl7")
                + "PRT||UC||AAP^Alert Acknowledging Provider^HL70912|N0042^Nightingale^Nora\r";

        Message message = parser.parse(text);

        assertThat(message).isExactlyInstanceOf(ORU_R01.class);
        assertThat(nonStandardNames(message)).containsExactly("OBSERVATION/PRT");
    }

    static Stream<Arguments> brokenFixtures() {
        return Stream.of(
                Arguments.of("pcd-03", 4, "RXG"),
                Arguments.of("pcd-04", 4, "OBX"),
                Arguments.of("pcd-05", 5, "OBX"),
                Arguments.of("pcd-10", 4, "OBX"));
    }

    @ParameterizedTest(name = "{0}-broken differs from {0}-valid only in segment {1} ({2})")
    @MethodSource("brokenFixtures")
    void brokenFixtureHasExactlyOneViolationAndStillParses(String transaction, int index, String segmentId)
            throws HL7Exception {
        List<String> valid = PcdFixtures.segments(PcdFixtures.read(transaction + "-valid.hl7"));
        String brokenText = PcdFixtures.read(transaction + "-broken.hl7");
        List<String> broken = PcdFixtures.segments(brokenText);

        assertThat(broken).hasSameSizeAs(valid);
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < valid.size(); i++) {
            if (!valid.get(i).equals(broken.get(i))) {
                differing.add(i);
            }
        }
        assertThat(differing).containsExactly(index);
        assertThat(broken.get(index)).startsWith(segmentId + "|");
        // The violation is a profile rule, not syntax: the message still parses into the same model.
        Message parsed = parser.parse(brokenText);
        assertThat(parsed.getClass()).isEqualTo(parser.parse(PcdFixtures.read(transaction + "-valid.hl7")).getClass());
        assertThat(nonStandardNames(parsed)).isEmpty();
    }

    /** A segment and the group path it sits under, e.g. {@code PATIENT_RESULT/.../OBX}. */
    record Placed(Segment segment, String path) {}

    private static List<Placed> walk(Group group) throws HL7Exception {
        List<Placed> out = new ArrayList<>();
        walk(group, "", out);
        return out;
    }

    private static void walk(Group group, String prefix, List<Placed> out) throws HL7Exception {
        for (String name : group.getNames()) {
            for (Structure child : group.getAll(name)) {
                String path = prefix.isEmpty() ? name : prefix + "/" + name;
                if (child instanceof Group g) {
                    walk(g, path, out);
                } else if (!child.isEmpty()) {
                    out.add(new Placed((Segment) child, path));
                }
            }
        }
    }

    private static List<String> nonStandardNames(Group group) throws HL7Exception {
        List<String> out = new ArrayList<>();
        if (group instanceof AbstractGroup ag) {
            ag.getNonStandardNames().forEach(n -> out.add(group.getName() + "/" + n));
        }
        for (String name : group.getNames()) {
            for (Structure child : group.getAll(name)) {
                if (child instanceof Group g) {
                    out.addAll(nonStandardNames(g));
                }
            }
        }
        return out;
    }
}
