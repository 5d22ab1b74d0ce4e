package org.ward.users;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.Collections;

/**
 * One person in users.yaml.
 *
 * @param principal {@code user@REALM}
 * @param roles     role names from policy.yaml, sorted
 * @param disabled  a disabled account authenticates but is refused (403) and audited
 */
public record UserAccount(String principal, Set<String> roles, boolean disabled) {

    public UserAccount {
        UserPrincipal.check(principal);
        roles = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(roles, "roles")));
    }

    public boolean hasAnyRole(Set<String> wanted) {
        return roles.stream().anyMatch(wanted::contains);
    }

    UserAccount withRoles(Set<String> newRoles) {
        return new UserAccount(principal, newRoles, disabled);
    }

    UserAccount withDisabled(boolean newDisabled) {
        return new UserAccount(principal, roles, newDisabled);
    }
}
