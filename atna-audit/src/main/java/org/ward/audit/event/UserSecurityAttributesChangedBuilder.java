package org.ward.audit.event;

import java.time.Clock;
import org.ward.audit.AuditContext;
import org.ward.audit.codes.EventTypeCode;

/**
 * User Security Attributes Changed (110137) as a Security Alert (110113), DICOM PS3.15 A.5.3.11:
 * a user account added, removed or disabled ({@code ward users add | remove | disable}).
 *
 * <pre>{@code
 * UserSecurityAttributesChangedBuilder.of(context, clock)
 *         .changedBy("admin@EXAMPLE.ORG", null, NetworkAccessPoint.ipAddress(client))
 *         .user("bob@EXAMPLE.ORG", "disabled")
 *         .build();
 * }</pre>
 */
public final class UserSecurityAttributesChangedBuilder
        extends SecurityAdministrationBuilder<UserSecurityAttributesChangedBuilder> {

    private UserSecurityAttributesChangedBuilder(AuditContext context, Clock clock) {
        super(context, clock, EventTypeCode.USER_SECURITY_ATTRIBUTES_CHANGED);
    }

    public static UserSecurityAttributesChangedBuilder of(AuditContext context, Clock clock) {
        return new UserSecurityAttributesChangedBuilder(context, clock);
    }

    /** The account that changed (Person, Security User Entity, ID type User Identifier) and how. */
    public UserSecurityAttributesChangedBuilder user(String principal, String change) {
        objects.add(userAccount(principal, change));
        return this;
    }
}
