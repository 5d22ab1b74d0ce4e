package org.ward.kerberos.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.kerberos.KerberosFailure;
import org.ward.kerberos.LoginAudit;
import org.ward.kerberos.SpnegoAcceptor;
import org.ward.kerberos.SpnegoOutcome;
import org.ward.users.UserAccount;
import org.ward.users.UserDirectory;

/**
 * HTTP Negotiate (RFC 4559) with Kerberos only, for {@code com.sun.net.httpserver}.
 *
 * <ul>
 *   <li>No credentials: 401 with {@code WWW-Authenticate: Negotiate} and no other scheme (no
 *       Basic, no NTLM, ITI-4 §3.4.4.2).</li>
 *   <li>{@code Authorization: Negotiate <token>}: the {@link SpnegoAcceptor} decides; accepted
 *       responses carry {@code WWW-Authenticate: Negotiate <AP-REP>} (mutual authentication,
 *       RFC 4559 §5) and a session cookie ({@link SessionCookies}); refused ones get 401.</li>
 *   <li>A valid session cookie stands in for the exchange until it expires; a tampered one is
 *       audited and the client must negotiate again.</li>
 *   <li>Authenticated but unknown or disabled in users.yaml: 403. Known but no role for the
 *       path ({@link AccessRules}): 403.</li>
 * </ul>
 * Every outcome is audited through {@link LoginAudit}.
 */
public final class NegotiateAuthenticator extends Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(NegotiateAuthenticator.class);
    private static final String NEGOTIATE = "Negotiate";
    static final String LOGOUT_PATH = "/logout";
    /** Base64 of {@link org.ward.kerberos.NegotiateToken#MAX_TOKEN_BYTES} plus the scheme. */
    private static final int MAX_AUTHORIZATION_CHARS = 87_400 + NEGOTIATE.length() + 1;

    private final SpnegoAcceptor acceptor;
    private final UserDirectory users;
    private final AccessRules rules;
    private final SessionCookies sessions;
    private final LoginAudit audit;

    public NegotiateAuthenticator(SpnegoAcceptor acceptor, UserDirectory users, AccessRules rules,
                                  SessionCookies sessions, LoginAudit audit) {
        this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
        this.users = Objects.requireNonNull(users, "users");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        InetAddress client = exchange.getRemoteAddress().getAddress();
        String path = exchange.getRequestURI().getPath();
        expireSessions();

        Optional<String> cookie = sessionCookie(exchange.getRequestHeaders());
        if (cookie.isPresent()) {
            SessionCookies.Check check = sessions.check(cookie.get());
            if (check instanceof SessionCookies.Check.Valid valid) {
                return withSession(exchange, valid.session(), client, path);
            }
            if (check instanceof SessionCookies.Check.Tampered) {
                audit.failed(KerberosFailure.TAMPERED_SESSION, Optional.empty(), client);
            }
            exchange.getResponseHeaders().add("Set-Cookie", SessionCookies.clearCookie());
        }

        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            return challenge(exchange, KerberosFailure.NO_TOKEN, Optional.empty(), client);
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        if (!scheme.equalsIgnoreCase(NEGOTIATE)) {
            KerberosFailure why = scheme.equalsIgnoreCase("NTLM") ? KerberosFailure.NTLM_OFFERED
                    : KerberosFailure.UNSUPPORTED_MECHANISM;
            return challenge(exchange, why, Optional.empty(), client);
        }
        if (authorization.length() > MAX_AUTHORIZATION_CHARS) {
            return challenge(exchange, KerberosFailure.MALFORMED_TOKEN, Optional.empty(), client);
        }
        byte[] token;
        try {
            token = Base64.getDecoder().decode(authorization.substring(space + 1).trim());
        } catch (IllegalArgumentException e) {
            return challenge(exchange, KerberosFailure.MALFORMED_TOKEN, Optional.empty(), client);
        }
        SpnegoOutcome outcome = acceptor.accept(token);
        if (outcome instanceof SpnegoOutcome.Refused refused) {
            LOG.info("Negotiate from {} refused: {} ({})", client.getHostAddress(), refused.failure(), refused.detail());
            return challenge(exchange, refused.failure(), refused.claimedPrincipal(), client);
        }
        SpnegoOutcome.Accepted accepted = (SpnegoOutcome.Accepted) outcome;
        Optional<UserAccount> account = users.find(accepted.principal());
        if (account.isEmpty() || account.get().disabled()) {
            KerberosFailure why = account.isEmpty() ? KerberosFailure.UNKNOWN_USER : KerberosFailure.DISABLED_USER;
            audit.failed(why, Optional.of(accepted.principal()), client);
            return new Failure(403);
        }
        exchange.getResponseHeaders().set("WWW-Authenticate",
                NEGOTIATE + " " + Base64.getEncoder().encodeToString(accepted.responseToken()));
        Optional<SessionCookies.Session> session = sessions.open(accepted.principal(), client, accepted.ticketEnd());
        session.ifPresent(s -> exchange.getResponseHeaders().add("Set-Cookie", sessions.setCookie(s)));
        audit.loggedIn(accepted.principal(), client);
        return authorize(account.get(), session.map(SessionCookies.Session::expires), client, path);
    }

    /** Ends a session at the user's request (the {@code /logout} endpoint); audited as 110123. */
    public boolean logout(HttpExchange exchange) {
        Optional<String> cookie = sessionCookie(exchange.getRequestHeaders());
        exchange.getResponseHeaders().add("Set-Cookie", SessionCookies.clearCookie());
        if (cookie.isPresent() && sessions.check(cookie.get()) instanceof SessionCookies.Check.Valid valid
                && sessions.end(valid.session())) {
            audit.loggedOut(valid.session().principal(), exchange.getRemoteAddress().getAddress(), "logout");
            return true;
        }
        return false;
    }

    /** Audits 110123 for sessions whose time has passed; also run by the server's timer. */
    public void expireSessions() {
        for (SessionCookies.Session s : sessions.expireDue()) {
            audit.loggedOut(s.principal(), s.client(), "session expired");
        }
    }

    private Result withSession(HttpExchange exchange, SessionCookies.Session session, InetAddress client, String path) {
        Optional<UserAccount> account = users.find(session.principal());
        if (account.isEmpty() || account.get().disabled()) {
            if (sessions.end(session)) {
                audit.loggedOut(session.principal(), session.client(),
                        account.isEmpty() ? "account removed" : "account disabled");
            }
            audit.failed(account.isEmpty() ? KerberosFailure.UNKNOWN_USER : KerberosFailure.DISABLED_USER,
                    Optional.of(session.principal()), client);
            exchange.getResponseHeaders().add("Set-Cookie", SessionCookies.clearCookie());
            return new Failure(403);
        }
        return authorize(account.get(), Optional.of(session.expires()), client, path);
    }

    private Result authorize(UserAccount account, Optional<java.time.Instant> expires, InetAddress client, String path) {
        // Anyone signed in may end their own session.
        if (!path.equals(LOGOUT_PATH) && !rules.allows(path, account.roles())) {
            audit.accessDenied(account.principal(), client, path);
            return new Failure(403);
        }
        return new Success(new WardPrincipal(account, expires));
    }

    private Result challenge(HttpExchange exchange, KerberosFailure why, Optional<String> claimed, InetAddress client) {
        audit.failed(why, claimed, client);
        // RFC 4559 §4: the bare scheme asks for a token. Negotiate is the only scheme offered.
        exchange.getResponseHeaders().set("WWW-Authenticate", NEGOTIATE);
        return new Retry(401);
    }

    static Optional<String> sessionCookie(Headers headers) {
        List<String> values = headers.get("Cookie");
        if (values == null) {
            return Optional.empty();
        }
        for (String header : values) {
            for (String pair : header.split(";")) {
                String p = pair.trim();
                if (p.startsWith(SessionCookies.COOKIE_NAME + "=")) {
                    return Optional.of(p.substring(SessionCookies.COOKIE_NAME.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

}
