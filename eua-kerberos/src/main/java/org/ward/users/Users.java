package org.ward.users;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An immutable users.yaml: accounts by principal, in file order. */
public final class Users implements UserDirectory {

    private final Map<String, UserAccount> accounts;

    public Users(Collection<UserAccount> accounts) {
        Map<String, UserAccount> byName = new LinkedHashMap<>();
        for (UserAccount account : accounts) {
            if (byName.putIfAbsent(account.principal(), account) != null) {
                throw new IllegalArgumentException("user " + account.principal() + " listed twice");
            }
        }
        this.accounts = java.util.Collections.unmodifiableMap(byName);
    }

    public static Users of(UserAccount... accounts) {
        return new Users(java.util.List.of(accounts));
    }

    @Override
    public Optional<UserAccount> find(String principal) {
        return Optional.ofNullable(accounts.get(principal));
    }

    public Collection<UserAccount> all() {
        return accounts.values();
    }
}
