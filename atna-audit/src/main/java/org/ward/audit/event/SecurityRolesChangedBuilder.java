package org.ward.audit.event;

import java.time.Clock;
import org.ward.audit.AuditContext;
import org.ward.audit.codes.EventTypeCode;

/**
 * Security Roles Changed (110136) as a Security Alert (110113), DICOM PS3.15 A.5.3.11: roles
 * granted to or revoked from a user ({@code ward users grant | revoke}).
 *
 * <pre>{@code
 * SecurityRolesChangedBuilder.of(context, clock)
 *         .changedByProcess("ward users grant", osUser)
 *         .user("bob@EXAMPLE.ORG", "granted role clinician")
 *         .build();
 * }</pre>
 */
public final class SecurityRolesChangedBuilder extends SecurityAdministrationBuilder<SecurityRolesChangedBuilder> {

    private SecurityRolesChangedBuilder(AuditContext context, Clock clock) {
        super(context, clock, EventTypeCode.SECURITY_ROLES_CHANGED);
    }

    public static SecurityRolesChangedBuilder of(AuditContext context, Clock clock) {
        return new SecurityRolesChangedBuilder(context, clock);
    }

    /** The user whose roles changed (Person, Security User Entity, ID type User Identifier) and how. */
    public SecurityRolesChangedBuilder user(String principal, String change) {
        objects.add(userAccount(principal, change));
        return this;
    }

    /**
     * The access policy that assigns roles and their rights, e.g. {@code config/policy.yaml}, and how it
     * changed ("reloaded, version 3f2a…" or why a new version was refused).
     */
    public SecurityRolesChangedBuilder policy(String location, String change) {
        if (change == null || change.isBlank()) {
            throw new IllegalArgumentException("say what changed");
        }
        objects.add(securityResource(location, org.ward.audit.codes.ParticipantObjectIdType.URI, change));
        return this;
    }
}
