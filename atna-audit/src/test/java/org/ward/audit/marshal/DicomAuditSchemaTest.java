package org.ward.audit.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The validator itself: accepts the IPF reference records, rejects broken and hostile ones. */
class DicomAuditSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"pdq.xml", "pdqm.xml", "pdqmread.xml", "pdqv3.xml", "pixfeed.xml",
            "pixfeedmerge.xml", "pixfeedmergesource.xml", "pixfeedsource.xml", "pixm.xml", "pixquery.xml",
            "pixupdatesource.xml", "pixv3feed.xml", "pixv3query.xml", "pixv3sourcefeed.xml", "start.xml",
            "stop.xml", "xcpd.xml", "xpidsource.xml"})
    void acceptsIpfReferenceRecords(String sample) {
        byte[] xml = sample(sample);
        assertThatCode(() -> DicomAuditSchema.validate(xml)).doesNotThrowAnyException();
    }

    @Test
    void rejectsAnOutcomeOutsideTheEnumeration() {
        String broken = text("start.xml").replace("EventOutcomeIndicator=\"0\"", "EventOutcomeIndicator=\"3\"");

        InvalidAuditRecordException e = catchThrowableOfType(InvalidAuditRecordException.class,
                () -> DicomAuditSchema.validate(utf8(broken)));

        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("line 2");
    }

    @Test
    void theReusedValidatorJudgesEachRecordAfreshWhateverCameBefore() {
        byte[] valid = sample("pixfeed.xml");
        byte[] broken = utf8(text("start.xml").replace("EventOutcomeIndicator=\"0\"", "EventOutcomeIndicator=\"3\""));
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length / 2);

        for (int round = 0; round < 3; round++) {
            assertThatThrownBy(() -> DicomAuditSchema.validate(truncated)).isInstanceOf(InvalidAuditRecordException.class);
            assertThatCode(() -> DicomAuditSchema.validate(valid)).doesNotThrowAnyException();
            InvalidAuditRecordException e = catchThrowableOfType(InvalidAuditRecordException.class,
                    () -> DicomAuditSchema.validate(broken));
            assertThat(e).isNotNull();
            assertThat(e.line()).isEqualTo(2);
            assertThatCode(() -> DicomAuditSchema.validate(valid)).doesNotThrowAnyException();
        }
    }

    @Test
    void rejectsAMissingRequiredAttribute() {
        String broken = text("pixfeed.xml").replace(" UserIsRequestor=\"true\"", "");

        assertThatThrownBy(() -> DicomAuditSchema.validate(utf8(broken)))
                .isInstanceOf(InvalidAuditRecordException.class);
    }

    @Test
    void rejectsElementsOutOfSchemaOrder() {
        String broken = """
                <AuditMessage>
                  <EventIdentification EventActionCode="E" EventDateTime="2026-11-22T10:15:30.123Z" EventOutcomeIndicator="0">
                    <EventID csd-code="110100" codeSystemName="DCM" originalText="Application Activity"/>
                  </EventIdentification>
                  <AuditSourceIdentification AuditSourceID="ward"/>
                  <ActiveParticipant UserID="ward" UserIsRequestor="false"/>
                </AuditMessage>""";

        assertThatThrownBy(() -> DicomAuditSchema.validate(utf8(broken)))
                .isInstanceOf(InvalidAuditRecordException.class);
    }

    @Test
    void rejectsNonBase64DetailValue() {
        String broken = text("pixfeed.xml").replace("value=\"MTIzNDU2\"", "value=\"not base64!\"");

        assertThatThrownBy(() -> DicomAuditSchema.validate(utf8(broken)))
                .isInstanceOf(InvalidAuditRecordException.class);
    }

    @Test
    void rejectsXmlThatIsNotWellFormed() {
        String broken = text("start.xml").replace("</AuditMessage>", "");

        assertThatThrownBy(() -> DicomAuditSchema.validate(utf8(broken)))
                .isInstanceOf(InvalidAuditRecordException.class);
    }

    @Test
    void refusesADoctypeSoNoEntityIsEverExpanded() {
        String hostile = "<!DOCTYPE AuditMessage [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + text("start.xml").replace("UserID=\"\"", "UserID=\"&x;\"");

        assertThatThrownBy(() -> DicomAuditSchema.validate(utf8(hostile)))
                .isInstanceOf(InvalidAuditRecordException.class)
                .hasMessageNotContaining("root:");
    }

    @Test
    void messageGivesThePositionButNotTheOffendingValue() {
        String broken = text("pixfeed.xml").replace("ParticipantObjectTypeCode=\"1\"",
                "ParticipantObjectTypeCode=\"PATIENT-SMITH\"");

        InvalidAuditRecordException e = catchThrowableOfType(InvalidAuditRecordException.class,
                () -> DicomAuditSchema.validate(utf8(broken)));

        assertThat(e.getMessage()).doesNotContain("SMITH");
        assertThat(e.parserDetail()).contains("PATIENT-SMITH");
    }

    static byte[] sample(String name) {
        try (InputStream in = DicomAuditSchemaTest.class.getResourceAsStream("ipf-samples/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String text(String name) {
        return new String(sample(name), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
