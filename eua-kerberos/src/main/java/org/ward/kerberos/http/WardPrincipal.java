package org.ward.kerberos.http;

import com.sun.net.httpserver.HttpPrincipal;
import java.time.Instant;
import java.util.Optional;
import org.ward.users.UserAccount;

/**
 * The authenticated person, as {@code HttpExchange.getPrincipal()} returns it: the users.yaml
 * account (principal and roles) and when the session ends (empty for a request served without
 * a session).
 */
public final class WardPrincipal extends HttpPrincipal {

    private final UserAccount account;
    private final Optional<Instant> sessionExpires;

    WardPrincipal(UserAccount account, Optional<Instant> sessionExpires) {
        super(account.principal(), account.principal().substring(account.principal().lastIndexOf('@') + 1));
        this.account = account;
        this.sessionExpires = sessionExpires;
    }

    public UserAccount account() {
        return account;
    }

    public Optional<Instant> sessionExpires() {
        return sessionExpires;
    }
}
