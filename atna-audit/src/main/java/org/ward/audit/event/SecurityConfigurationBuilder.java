package org.ward.audit.event;

import java.time.Clock;
import org.ward.audit.AuditContext;
import org.ward.audit.codes.EventTypeCode;
import org.ward.audit.codes.ParticipantObjectIdType;

/**
 * Security Configuration (110129) as a Security Alert (110113), DICOM PS3.15 A.5.3.11: a change
 * to TLS, PKI, policy or audit configuration, naming who made it and what changed.
 *
 * <pre>{@code
 * SecurityConfigurationBuilder.of(context, clock)
 *         .changedByProcess("ward pki revoke", System.getProperty("user.name"))
 *         .certificate("CN=pump-17,O=Example Hospital", "5A3F09", "revoked: keyCompromise")
 *         .build();
 * }</pre>
 */
public final class SecurityConfigurationBuilder extends SecurityAdministrationBuilder<SecurityConfigurationBuilder> {

    private SecurityConfigurationBuilder(AuditContext context, Clock clock) {
        super(context, clock, EventTypeCode.SECURITY_CONFIGURATION);
    }

    public static SecurityConfigurationBuilder of(AuditContext context, Clock clock) {
        return new SecurityConfigurationBuilder(context, clock);
    }

    /**
     * A certificate that was issued, revoked or installed: ID = subject DN, ID type Node ID
     * (110182), details "Certificate Serial" (hex) and "Alert Description" = {@code change}.
     */
    public SecurityConfigurationBuilder certificate(String subjectDn, String serialHex, String change) {
        objects.add(certificateObject(subjectDn, serialHex, requireChange(change)));
        return this;
    }

    /** A configuration file or setting, by URI or path (ID type URI), and what changed in it. */
    public SecurityConfigurationBuilder configuration(String location, String change) {
        objects.add(securityResource(location, ParticipantObjectIdType.URI, requireChange(change)));
        return this;
    }

    private static String requireChange(String change) {
        if (change == null || change.isBlank()) {
            throw new IllegalArgumentException("say what changed");
        }
        return change;
    }
}
