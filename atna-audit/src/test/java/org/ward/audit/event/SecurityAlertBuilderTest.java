package org.ward.audit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ward.audit.AuditXmlAssertions.CLOCK;
import static org.ward.audit.AuditXmlAssertions.CONTEXT;
import static org.ward.audit.AuditXmlAssertions.EXPECTED_TIME;
import static org.ward.audit.AuditXmlAssertions.base64Text;
import static org.ward.audit.AuditXmlAssertions.count;
import static org.ward.audit.AuditXmlAssertions.validXml;
import static org.ward.audit.AuditXmlAssertions.xpath;

import org.junit.jupiter.api.Test;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.codes.EventTypeCode;
import org.ward.audit.codes.ParticipantObjectIdType;
import org.ward.audit.model.NetworkAccessPoint;
import org.w3c.dom.Document;

class SecurityAlertBuilderTest {

    private static final NetworkAccessPoint REMOTE = NetworkAccessPoint.ipAddress("198.51.100.9");

    @Test
    void failedHandshakeWithPresentedCertificate() {
        Document doc = validXml(SecurityAlertBuilder.nodeAuthentication(CONTEXT, CLOCK)
                .peer(REMOTE, true)
                .presentedCertificate("CN=rogue,O=Elsewhere", "5A3F09")
                .outcome(EventOutcome.MINOR_FAILURE, "certificate not issued by a facility trust anchor")
                .build());

        assertThat(xpath(doc, "//EventID/@csd-code")).isEqualTo("110113");
        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("110126");
        assertThat(xpath(doc, "//EventTypeCode/@originalText")).isEqualTo("Node Authentication");
        assertThat(xpath(doc, "//EventIdentification/@EventActionCode")).isEqualTo("E");
        assertThat(xpath(doc, "//EventIdentification/@EventOutcomeIndicator")).isEqualTo("4");
        assertThat(xpath(doc, "//EventIdentification/@EventDateTime")).isEqualTo(EXPECTED_TIME);
        assertThat(xpath(doc, "//ActiveParticipant[@UserID='198.51.100.9']/@UserIsRequestor")).isEqualTo("true");
        assertThat(xpath(doc, "//ActiveParticipant[@UserID='198.51.100.9']/@NetworkAccessPointTypeCode")).isEqualTo("2");
        assertThat(xpath(doc, "//ActiveParticipant[@UserID='ward@icu-gw-1']/@UserIsRequestor")).isEqualTo("false");
        String cert = "//ParticipantObjectIdentification[@ParticipantObjectID='CN=rogue,O=Elsewhere']";
        assertThat(xpath(doc, cert + "/@ParticipantObjectTypeCode")).isEqualTo("2");
        assertThat(xpath(doc, cert + "/@ParticipantObjectTypeCodeRole")).isEqualTo("13");
        assertThat(xpath(doc, cert + "/ParticipantObjectIDTypeCode/@csd-code")).isEqualTo("110182");
        assertThat(base64Text(xpath(doc, cert + "/ParticipantObjectDetail[@type='Certificate Serial']/@value")))
                .isEqualTo("5A3F09");
    }

    @Test
    void failedHandshakeWithoutCertificateNeedsOnlyThePeer() {
        Document doc = validXml(SecurityAlertBuilder.nodeAuthentication(CONTEXT, CLOCK).peer(REMOTE, true).build());

        assertThat(count(doc, "//ParticipantObjectIdentification")).isZero();
        assertThat(count(doc, "//ActiveParticipant")).isEqualTo(2);
    }

    @Test
    void nodeAuthenticationNeedsThePeer() {
        assertThatThrownBy(() -> SecurityAlertBuilder.nodeAuthentication(CONTEXT, CLOCK).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("peer");
    }

    @Test
    void outboundHandshakeFailureMakesWardTheRequestor() {
        Document doc = validXml(SecurityAlertBuilder.nodeAuthentication(CONTEXT, CLOCK).peer(REMOTE, false).build());

        assertThat(xpath(doc, "//ActiveParticipant[@UserID='ward@icu-gw-1']/@UserIsRequestor")).isEqualTo("true");
        assertThat(count(doc, "//ActiveParticipant[@UserIsRequestor='true']")).isEqualTo(1);
    }

    @Test
    void accessControlDenial() {
        Document doc = validXml(SecurityAlertBuilder.accessControlDecision(CONTEXT, CLOCK)
                .performingUser("bob@EXAMPLE.ORG", "Bob", NetworkAccessPoint.ipAddress("10.9.9.9"))
                .alertSubject("https://ward.example.org:8443/api/messages", ParticipantObjectIdType.URI,
                        "role nurse may not read journal")
                .build());

        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("110147");
        assertThat(xpath(doc, "//EventTypeCode/@originalText")).isEqualTo("Access Control Decision");
        assertThat(xpath(doc, "//ActiveParticipant[@UserID='bob@EXAMPLE.ORG']/@UserName")).isEqualTo("Bob");
        assertThat(xpath(doc, "//ParticipantObjectIDTypeCode/@csd-code")).isEqualTo("12");
        assertThat(base64Text(xpath(doc, "//ParticipantObjectDetail[@type='Alert Description']/@value")))
                .isEqualTo("role nurse may not read journal");
    }

    @Test
    void accessControlDecisionNeedsPerformerAndResource() {
        assertThatThrownBy(() -> SecurityAlertBuilder.accessControlDecision(CONTEXT, CLOCK).peer(REMOTE, true).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("resource");
    }

    @Test
    void deviceIdentityMismatch() {
        Document doc = validXml(SecurityAlertBuilder.deviceIdentityMismatch(CONTEXT, CLOCK,
                        "CN=pump-17,O=Example Hospital", "0123456789abcdef", "fedcba9876543210")
                .peer(REMOTE, true)
                .build());

        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("110126");
        assertThat(base64Text(xpath(doc, "//ParticipantObjectDetail[@type='Certificate Device ID']/@value")))
                .isEqualTo("0123456789abcdef");
        assertThat(base64Text(xpath(doc, "//ParticipantObjectDetail[@type='Claimed Device ID']/@value")))
                .isEqualTo("fedcba9876543210");
    }

    @Test
    void genericAlertReportedByWardAlone() {
        Document doc = validXml(SecurityAlertBuilder.alert(CONTEXT, CLOCK, EventTypeCode.AUDIT_RECORDING_STOPPED)
                .outcome(EventOutcome.SERIOUS_FAILURE, "audit spool full")
                .build());

        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("110133");
        assertThat(xpath(doc, "//EventIdentification/@EventOutcomeIndicator")).isEqualTo("8");
        assertThat(xpath(doc, "//ActiveParticipant/@UserIsRequestor")).isEqualTo("true");
    }
}
