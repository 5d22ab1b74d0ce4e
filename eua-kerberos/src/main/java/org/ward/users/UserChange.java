package org.ward.users;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.ward.audit.AuditContext;
import org.ward.audit.event.SecurityRolesChangedBuilder;
import org.ward.audit.event.UserSecurityAttributesChangedBuilder;
import org.ward.audit.model.AuditMessage;

/**
 * One change {@code ward users} made to users.yaml, for the audit trail: account changes are
 * User Security Attributes Changed (110137), role changes Security Roles Changed (110136).
 *
 * @param role the role granted or revoked; empty for account changes
 */
public record UserChange(Kind kind, String principal, Optional<String> role) {

    public enum Kind {
        ADDED("added"), REMOVED("removed"), DISABLED("disabled"), ENABLED("enabled"),
        ROLE_GRANTED("granted role"), ROLE_REVOKED("revoked role");

        private final String verb;

        Kind(String verb) {
            this.verb = verb;
        }
    }

    public UserChange {
        Objects.requireNonNull(kind, "kind");
        UserPrincipal.check(principal);
        Objects.requireNonNull(role, "role");
    }

    /** "granted role auditor", "disabled". */
    public String description() {
        return kind.verb + role.map(r -> " " + r).orElse("");
    }

    /**
     * The record of this change made by a local process, e.g. {@code ("ward users grant", "root")}.
     */
    public AuditMessage auditByProcess(AuditContext context, Clock clock, String process, String osUser) {
        return switch (kind) {
            case ROLE_GRANTED, ROLE_REVOKED -> SecurityRolesChangedBuilder.of(context, clock)
                    .changedByProcess(process, osUser).user(principal, description()).build();
            default -> UserSecurityAttributesChangedBuilder.of(context, clock)
                    .changedByProcess(process, osUser).user(principal, description()).build();
        };
    }
}
