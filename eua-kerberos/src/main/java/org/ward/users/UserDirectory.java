package org.ward.users;

import java.util.Optional;

/**
 * Who may use the API: the authenticator asks this on every login and every request with a
 * session, so a disabled or removed account stops working at once. The engine backs it with
 * users.yaml as currently loaded ({@link Users} is one snapshot).
 */
@FunctionalInterface
public interface UserDirectory {

    Optional<UserAccount> find(String principal);
}
