package org.ward.audit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ward.audit.AuditXmlAssertions.CLOCK;
import static org.ward.audit.AuditXmlAssertions.CONTEXT;
import static org.ward.audit.AuditXmlAssertions.EXPECTED_TIME;
import static org.ward.audit.AuditXmlAssertions.count;
import static org.ward.audit.AuditXmlAssertions.validXml;
import static org.ward.audit.AuditXmlAssertions.xpath;

import org.junit.jupiter.api.Test;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.model.Octets;
import org.w3c.dom.Document;

/** Application Activity, User Authentication, Audit Log Used and Query. */
class SessionEventBuildersTest {

    private static final NetworkAccessPoint CLIENT = NetworkAccessPoint.ipAddress("10.0.0.5");

    @Test
    void applicationStart() {
        Document doc = validXml(ApplicationActivityBuilder.start(CONTEXT, CLOCK).launchedBy("wardsvc", null).build());

        assertThat(xpath(doc, "//EventID/@csd-code")).isEqualTo("110100");
        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("110120");
        assertThat(xpath(doc, "//EventIdentification/@EventActionCode")).isEqualTo("E");
        assertThat(xpath(doc, "//EventIdentification/@EventDateTime")).isEqualTo(EXPECTED_TIME);
        String app = "//ActiveParticipant[RoleIDCode/@csd-code='110150']";
        assertThat(xpath(doc, app + "/@UserID")).isEqualTo("ward@icu-gw-1");
        assertThat(xpath(doc, app + "/@NetworkAccessPointID")).isEqualTo("10.1.2.3");
        assertThat(xpath(doc, "//ActiveParticipant[RoleIDCode/@csd-code='110151']/@UserID")).isEqualTo("wardsvc");
        assertThat(xpath(doc, "//AuditSourceIdentification/@AuditSourceID")).isEqualTo("ward@icu-gw-1");
        assertThat(xpath(doc, "//AuditSourceTypeCode/@csd-code")).isEqualTo("4");
    }

    @Test
    void applicationStopWithoutLauncher() {
        Document doc = validXml(ApplicationActivityBuilder.stop(CONTEXT, CLOCK).build());

        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("110121");
        assertThat(count(doc, "//ActiveParticipant")).isEqualTo(1);
    }

    @Test
    void failedLogin() {
        Document doc = validXml(UserAuthenticationBuilder.login(CONTEXT, CLOCK)
                .user("alice@EXAMPLE.ORG", null, CLIENT)
                .outcome(EventOutcome.MINOR_FAILURE, "SPNEGO token rejected")
                .build());

        assertThat(xpath(doc, "//EventID/@csd-code")).isEqualTo("110114");
        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("110122");
        assertThat(xpath(doc, "//EventIdentification/@EventOutcomeIndicator")).isEqualTo("4");
        assertThat(xpath(doc, "//ActiveParticipant[@UserID='alice@EXAMPLE.ORG']/@UserIsRequestor")).isEqualTo("true");
        assertThat(xpath(doc, "//ActiveParticipant[@UserID='ward@icu-gw-1']/@UserIsRequestor")).isEqualTo("false");
    }

    @Test
    void logout() {
        Document doc = validXml(UserAuthenticationBuilder.logout(CONTEXT, CLOCK).user("alice@EXAMPLE.ORG", "Alice", CLIENT).build());

        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("110123");
        assertThat(xpath(doc, "//EventTypeCode/@originalText")).isEqualTo("Logout");
    }

    @Test
    void userAuthenticationNeedsTheUser() {
        assertThatThrownBy(() -> UserAuthenticationBuilder.login(CONTEXT, CLOCK).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void auditLogReadByAPersonThroughTheCli() {
        Document doc = validXml(AuditLogUsedBuilder.of(CONTEXT, CLOCK)
                .accessingPerson("auditor@EXAMPLE.ORG", null, CLIENT)
                .accessingProcess("ward audit query", "auditor")
                .auditLog("https://ward.example.org:8443/audit")
                .build());

        assertThat(xpath(doc, "//EventID/@csd-code")).isEqualTo("110101");
        assertThat(xpath(doc, "//EventIdentification/@EventActionCode")).isEqualTo("R");
        assertThat(count(doc, "//EventTypeCode")).isZero();
        assertThat(count(doc, "//ActiveParticipant[@UserIsRequestor='true']")).isEqualTo(1);
        assertThat(xpath(doc, "//ActiveParticipant[@UserIsRequestor='true']/@UserID")).isEqualTo("auditor@EXAMPLE.ORG");
        String log = "//ParticipantObjectIdentification";
        assertThat(xpath(doc, log + "/@ParticipantObjectID")).isEqualTo("https://ward.example.org:8443/audit");
        assertThat(xpath(doc, log + "/@ParticipantObjectTypeCodeRole")).isEqualTo("13");
        assertThat(xpath(doc, log + "/ParticipantObjectIDTypeCode/@csd-code")).isEqualTo("12");
        assertThat(xpath(doc, log + "/ParticipantObjectName")).isEqualTo("Security Audit Log");
    }

    @Test
    void auditLogUsedNeedsReaderAndLog() {
        assertThatThrownBy(() -> AuditLogUsedBuilder.of(CONTEXT, CLOCK).auditLog("urn:x").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AuditLogUsedBuilder.of(CONTEXT, CLOCK).accessingProcess("ward", null).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void queryReceived() {
        Octets query = Octets.utf8("type=110114&outcome=4");
        Document doc = validXml(QueryBuilder.of(CONTEXT, CLOCK, CodedValue.iheTransaction("ITI-81", "Retrieve ATNA Audit Event"))
                .source("auditor@EXAMPLE.ORG", CLIENT)
                .query(query)
                .patient("12345^^^HOSP&1.2.3&ISO")
                .build());

        assertThat(xpath(doc, "//EventID/@csd-code")).isEqualTo("110112");
        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("ITI-81");
        assertThat(xpath(doc, "//ActiveParticipant[RoleIDCode/@csd-code='110153']/@UserID")).isEqualTo("auditor@EXAMPLE.ORG");
        assertThat(xpath(doc, "//ActiveParticipant[RoleIDCode/@csd-code='110152']/@UserID")).isEqualTo("ward@icu-gw-1");
        String q = "//ParticipantObjectIdentification[@ParticipantObjectTypeCodeRole='24']";
        assertThat(xpath(doc, q + "/@ParticipantObjectTypeCode")).isEqualTo("2");
        assertThat(xpath(doc, q + "/ParticipantObjectIDTypeCode/@csd-code")).isEqualTo("ITI-81");
        assertThat(xpath(doc, q + "/ParticipantObjectQuery")).isEqualTo(query.base64());
        assertThat(count(doc, "//ParticipantObjectIdentification[@ParticipantObjectTypeCodeRole='1']")).isEqualTo(1);
    }

    @Test
    void queryNeedsSourceAndParameters() {
        CodedValue t = CodedValue.iheTransaction("ITI-81", "Retrieve ATNA Audit Event");
        assertThatThrownBy(() -> QueryBuilder.of(CONTEXT, CLOCK, t).query(Octets.utf8("x")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> QueryBuilder.of(CONTEXT, CLOCK, t).source("u", null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("query");
    }
}
