package org.ward.audit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ward.audit.AuditXmlAssertions.CLOCK;
import static org.ward.audit.AuditXmlAssertions.CONTEXT;
import static org.ward.audit.AuditXmlAssertions.base64Text;
import static org.ward.audit.AuditXmlAssertions.validXml;
import static org.ward.audit.AuditXmlAssertions.xpath;

import org.junit.jupiter.api.Test;
import org.ward.audit.model.NetworkAccessPoint;
import org.w3c.dom.Document;

class SecurityAdministrationBuildersTest {

    @Test
    void certificateRevokedFromTheCli() {
        Document doc = validXml(SecurityConfigurationBuilder.of(CONTEXT, CLOCK)
                .changedByProcess("ward pki revoke", "wardadm")
                .certificate("CN=pump-17,O=Example Hospital", "5A3F09", "revoked: keyCompromise")
                .build());

        assertThat(xpath(doc, "//EventID/@csd-code")).isEqualTo("110113");
        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("110129");
        assertThat(xpath(doc, "//EventTypeCode/@originalText")).isEqualTo("Security Configuration");
        assertThat(xpath(doc, "//EventIdentification/@EventOutcomeIndicator")).isEqualTo("0");
        assertThat(xpath(doc, "//ActiveParticipant[@UserID='ward pki revoke']/@UserName")).isEqualTo("wardadm");
        assertThat(xpath(doc, "//ActiveParticipant[@UserID='ward pki revoke']/@UserIsRequestor")).isEqualTo("true");
        assertThat(xpath(doc, "//ParticipantObjectIdentification/@ParticipantObjectID"))
                .isEqualTo("CN=pump-17,O=Example Hospital");
        assertThat(base64Text(xpath(doc, "//ParticipantObjectDetail[@type='Certificate Serial']/@value")))
                .isEqualTo("5A3F09");
        assertThat(base64Text(xpath(doc, "//ParticipantObjectDetail[@type='Alert Description']/@value")))
                .isEqualTo("revoked: keyCompromise");
    }

    @Test
    void configurationChangedByAPerson() {
        Document doc = validXml(SecurityConfigurationBuilder.of(CONTEXT, CLOCK)
                .changedBy("admin@EXAMPLE.ORG", null, NetworkAccessPoint.ipAddress("10.0.0.5"))
                .configuration("file:///etc/ward/policy.yaml", "listener icu-2575 now requires device identity")
                .build());

        assertThat(xpath(doc, "//ParticipantObjectIDTypeCode/@csd-code")).isEqualTo("12");
        assertThat(xpath(doc, "//ParticipantObjectIdentification/@ParticipantObjectTypeCodeRole")).isEqualTo("13");
    }

    @Test
    void securityConfigurationNeedsWhoAndWhat() {
        assertThatThrownBy(() -> SecurityConfigurationBuilder.of(CONTEXT, CLOCK)
                .certificate("CN=x", "01", "issued").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("who");
        assertThatThrownBy(() -> SecurityConfigurationBuilder.of(CONTEXT, CLOCK)
                .changedByProcess("ward pki", null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("what changed");
        assertThatThrownBy(() -> SecurityConfigurationBuilder.of(CONTEXT, CLOCK).certificate("CN=x", "01", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void securityRolesChanged() {
        Document doc = validXml(SecurityRolesChangedBuilder.of(CONTEXT, CLOCK)
                .changedByProcess("ward users grant", "wardadm")
                .user("bob@EXAMPLE.ORG", "granted role clinician")
                .build());

        assertThat(xpath(doc, "//EventID/@csd-code")).isEqualTo("110113");
        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("110136");
        assertThat(xpath(doc, "//ParticipantObjectIdentification/@ParticipantObjectTypeCode")).isEqualTo("1");
        assertThat(xpath(doc, "//ParticipantObjectIdentification/@ParticipantObjectTypeCodeRole")).isEqualTo("11");
        assertThat(xpath(doc, "//ParticipantObjectIDTypeCode/@csd-code")).isEqualTo("11");
    }

    @Test
    void userSecurityAttributesChanged() {
        Document doc = validXml(UserSecurityAttributesChangedBuilder.of(CONTEXT, CLOCK)
                .changedBy("admin@EXAMPLE.ORG", "Admin", NetworkAccessPoint.ipAddress("10.0.0.5"))
                .user("bob@EXAMPLE.ORG", "disabled")
                .build());

        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("110137");
        assertThat(xpath(doc, "//ParticipantObjectIdentification/@ParticipantObjectID")).isEqualTo("bob@EXAMPLE.ORG");
    }
}
