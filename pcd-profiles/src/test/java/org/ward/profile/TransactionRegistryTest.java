package org.ward.profile;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.ErrorCode;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.MessageHeader;

class TransactionRegistryTest {

    private static final Set<PcdTransaction> ALL = EnumSet.allOf(PcdTransaction.class);

    private final TransactionRegistry registry = new TransactionRegistry(ProfileIdentifiers.defaults());

    private static MessageHeader msh(String type, String version, String msh21) {
        return MessageHeader.read("MSH|^~\\&|DEV||WARD||20260101120000+0000||" + type + "|C1|P|" + version
                + "|||AL|NE|||||" + msh21).orElseThrow();
    }

    private Hl7Problem refusal(MessageHeader header, Set<PcdTransaction> accepted) {
        Recognition recognition = registry.recognise(header, accepted);
        assertThat(recognition).isInstanceOf(Recognition.Unrecognised.class);
        return ((Recognition.Unrecognised) recognition).problem();
    }

    @ParameterizedTest(name = "{0} with {1} is {2}")
    @CsvSource({
            "ORU^R01^ORU_R01, 1.3.6.1.4.1.19376.1.6.1.1.1, PCD_01",
            "RGV^O15^RGV_O15, 1.3.6.1.4.1.19376.1.6.1.3.1, PCD_03",
            "ORU^R40^ORU_R40, 1.3.6.1.4.1.19376.1.6.1.4.1, PCD_04",
            "ORU^R40^ORU_R40, 1.3.6.1.4.1.19376.1.6.4.4, PCD_04",
            "ORU^R40^ORU_R40, 1.3.6.1.4.1.19376.1.6.4.4.1, PCD_04",
            "ORA^R41^ORA_R41, 1.3.6.1.4.1.19376.1.6.1.5.1, PCD_05",
            "ORU^R42^ORU_R01, 1.3.6.1.4.1.19376.1.6.4.10, PCD_10"})
    void recognisesEachTransactionByMsh9AndTheOidInMsh21(String type, String oid, PcdTransaction expected) {
        String profile = "IHE_PCD_XXX^IHE PCD^" + oid + "^ISO";
        Recognition recognition = registry.recognise(msh(type, "2.6", profile), ALL);
        assertThat(recognition).isEqualTo(new Recognition.Recognised(expected, profile));
    }

    @Test
    void theOidDecidesNotTheFreeText() {
        // Component 1 says PCD-01, the OID says something else: not recognised.
        Hl7Problem problem = refusal(msh("ORU^R01^ORU_R01", "2.6", "IHE PCD ORU-R01 2006^HL7^2.16.840.1.113883.9.n.m^HL7"), ALL);
        assertThat(problem.code()).isEqualTo(ErrorCode.TABLE_VALUE_NOT_FOUND);
        assertThat(problem.location()).contains(new ErrorLocation("MSH", 1, 21, 1, 3));
    }

    @Test
    void anyRepetitionOfMsh21MayCarryTheOid() {
        String msh21 = "LOCAL^X^1.2.3^ISO~IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO";
        Recognition recognition = registry.recognise(msh("ORU^R01^ORU_R01", "2.6", msh21), ALL);
        assertThat(recognition).isEqualTo(new Recognition.Recognised(PcdTransaction.PCD_01,
                "IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO"));
    }

    @Test
    void missingMsh21IsARequiredFieldError() {
        Hl7Problem problem = refusal(msh("ORU^R01^ORU_R01", "2.6", ""), ALL);
        assertThat(problem.code()).isEqualTo(ErrorCode.REQUIRED_FIELD_MISSING);
        assertThat(problem.location()).contains(ErrorLocation.field("MSH", 1, 21));
    }

    @Test
    void aMessageTypeNoAcceptedTransactionUsesIsUnsupportedMessageType200() {
        Hl7Problem problem = refusal(msh("ADT^A01^ADT_A01", "2.6", ""), ALL);
        assertThat(problem.code()).isEqualTo(ErrorCode.UNSUPPORTED_MESSAGE_TYPE);
        assertThat(problem.location()).contains(new ErrorLocation("MSH", 1, 9, 1, 1));
    }

    @Test
    void aKnownTypeWithAnotherEventIsUnsupportedEvent201() {
        Hl7Problem problem = refusal(msh("ORU^R30^ORU_R30", "2.6", ""), ALL);
        assertThat(problem.code()).isEqualTo(ErrorCode.UNSUPPORTED_EVENT_CODE);
        assertThat(problem.location()).contains(new ErrorLocation("MSH", 1, 9, 1, 2));
    }

    @Test
    void aTransactionTheListenerDoesNotAcceptIsRefusedAsUnsupported() {
        String pcd04 = "IHE_PCD_ACM^IHE PCD^1.3.6.1.4.1.19376.1.6.1.4.1^ISO";
        // ORU is accepted (PCD-01), R40 is not: 201.
        assertThat(refusal(msh("ORU^R40^ORU_R40", "2.6", pcd04), EnumSet.of(PcdTransaction.PCD_01)).code())
                .isEqualTo(ErrorCode.UNSUPPORTED_EVENT_CODE);
        // No accepted transaction uses ORA: 200.
        assertThat(refusal(msh("ORA^R41^ORA_R41", "2.6", pcd04), EnumSet.of(PcdTransaction.PCD_01)).code())
                .isEqualTo(ErrorCode.UNSUPPORTED_MESSAGE_TYPE);
    }

    @Test
    void otherHl7VersionsAreUnsupportedVersion203() {
        Hl7Problem problem = refusal(msh("ORU^R01^ORU_R01", "2.5", "X^Y^1.3.6.1.4.1.19376.1.6.1.1.1^ISO"), ALL);
        assertThat(problem.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION_ID);
        assertThat(problem.location()).contains(new ErrorLocation("MSH", 1, 12, 1, 1));
    }

    @Test
    void anOidAcceptedForAnotherTransactionDoesNotCount() {
        Hl7Problem problem = refusal(msh("ORU^R01^ORU_R01", "2.6", "X^Y^1.3.6.1.4.1.19376.1.6.4.10^ISO"), ALL);
        assertThat(problem.code()).isEqualTo(ErrorCode.TABLE_VALUE_NOT_FOUND);
    }
}
