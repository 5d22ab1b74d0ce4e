package org.ward.audit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ward.audit.codes.EventAction;
import org.ward.audit.codes.EventId;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.codes.EventTypeCode;
import org.ward.audit.codes.ParticipantObjectIdType;
import org.ward.audit.codes.ParticipantObjectRole;
import org.ward.audit.codes.ParticipantObjectType;

class ModelTest {

    @Test
    void codedValueNeedsCodeSystemAndOriginalText() {
        assertThatThrownBy(() -> CodedValue.of("110100", "DCM", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("originalText");
        assertThatThrownBy(() -> CodedValue.of("110100", null, "x")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("codeSystemName");
    }

    @Test
    void iheTransactionIsAnOpenCodedValue() {
        assertThat(CodedValue.iheTransaction("PCD-01", "Communicate PCD Data"))
                .isEqualTo(new CodedValue("PCD-01", "IHE Transactions", "Communicate PCD Data", null));
    }

    @Test
    void accessControlDecisionIs110147() {
        assertThat(EventTypeCode.ACCESS_CONTROL_DECISION.value().code()).isEqualTo("110147");
        assertThat(EventTypeCode.ACCESS_CONTROL_DECISION.source()).isEqualTo("DICOM PS3.16 CID 401");
    }

    @Test
    void optionalAttributesAreAbsentNotEmpty() {
        assertThatThrownBy(() -> new ActiveParticipant("u", "", null, false, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AlternativeUserID");
    }

    @Test
    void nameAndQueryAreExclusive() {
        assertThatThrownBy(() -> new ParticipantObjectIdentification("x", ParticipantObjectType.SYSTEM_OBJECT,
                ParticipantObjectRole.QUERY, null, ParticipantObjectIdType.SEARCH_CRITERIA.value(), null,
                "name", Octets.utf8("q"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessageNeedsAParticipantAndCopiesItsLists() {
        EventIdentification event = new EventIdentification(EventId.QUERY.value(), EventAction.EXECUTE,
                Instant.EPOCH, EventOutcome.SUCCESS, null, List.of(), List.of());
        AuditSourceIdentification source = new AuditSourceIdentification("ward", null, List.of());
        assertThatThrownBy(() -> new AuditMessage(event, List.of(), source, List.of()))
                .isInstanceOf(IllegalArgumentException.class);

        java.util.List<ActiveParticipant> participants = new java.util.ArrayList<>(
                List.of(new ActiveParticipant("u", null, null, true, List.of(), null)));
        AuditMessage message = new AuditMessage(event, participants, source, List.of());
        participants.clear();
        assertThat(message.activeParticipants()).hasSize(1);
    }

    @Test
    void octetsAreImmutableAndDoNotPrintTheirContent() {
        byte[] raw = {1, 2, 3};
        Octets octets = Octets.of(raw);
        raw[0] = 9;
        assertThat(octets.toByteArray()).containsExactly(1, 2, 3);
        assertThat(octets).isEqualTo(Octets.of(new byte[] {1, 2, 3}));
        assertThat(Octets.utf8("SMITH^JOHN").toString()).doesNotContain("SMITH").contains("10 bytes");
        assertThat(octets.base64()).isEqualTo("AQID");
    }
}
