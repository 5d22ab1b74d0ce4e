package org.ward.kerberos.http;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived sessions after a Negotiate login, so that not every request costs a Kerberos
 * exchange. The cookie is {@code id.expiry.mac}: a random 128-bit session id, the expiry in
 * epoch seconds and an HMAC-SHA256 over both with a key generated when the server starts (a
 * restart ends every session). The session itself (who, from where) stays on the server, so a
 * logout revokes it and its expiry can be audited (110123) even if the browser never returns.
 * A session never outlives the Kerberos ticket that opened it.
 */
public final class SessionCookies {

    public static final String COOKIE_NAME = "ward_session";
    /** Sessions the server holds at most; a login beyond it is served without a session. */
    public static final int MAX_SESSIONS = 10_000;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration maxLifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** One open session. */
    public record Session(String id, String principal, InetAddress client, Instant expires) {
    }

    /** What a presented cookie turned out to be. */
    public sealed interface Check {
        record Valid(Session session) implements Check { }
        /** The MAC does not verify or the value is not ours: forged or altered. */
        record Tampered() implements Check { }
        /** Signed by us but expired or ended (logout, restart): just negotiate again. */
        record Ended() implements Check { }
    }

    public SessionCookies(Duration maxLifetime, Clock clock) {
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("session lifetime must be positive");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.maxLifetime = maxLifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens a session until {@code min(now + maxLifetime, ticketEnd)}; empty when the ticket end
     * is unknown, already near, or the server holds {@link #MAX_SESSIONS}.
     */
    public Optional<Session> open(String principal, InetAddress client, Optional<Instant> ticketEnd) {
        Instant now = clock.instant();
        if (ticketEnd.isEmpty() || sessions.size() >= MAX_SESSIONS) {
            return Optional.empty();
        }
        Instant expires = now.plus(maxLifetime);
        if (ticketEnd.get().isBefore(expires)) {
            expires = ticketEnd.get();
        }
        if (!expires.isAfter(now.plusSeconds(1))) {
            return Optional.empty();
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        Session session = new Session(B64.encodeToString(id), principal, client, expires.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        sessions.put(session.id(), session);
        return Optional.of(session);
    }

    /** The {@code Set-Cookie} value: HttpOnly, Secure, SameSite=Strict, Max-Age to the expiry. */
    public String setCookie(Session session) {
        long maxAge = Math.max(0, Duration.between(clock.instant(), session.expires()).toSeconds());
        return COOKIE_NAME + "=" + value(session) + "; Path=/; Max-Age=" + maxAge
                + "; HttpOnly; Secure; SameSite=Strict";
    }

    /** A {@code Set-Cookie} value that makes the browser forget the cookie. */
    public static String clearCookie() {
        return COOKIE_NAME + "=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict";
    }

    String value(Session session) {
        String payload = session.id() + "." + session.expires().getEpochSecond();
        return payload + "." + B64.encodeToString(mac(payload));
    }

    /** Checks a cookie value (what follows {@code ward_session=}). */
    public Check check(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || value.length() > 200) {
            return new Check.Tampered();
        }
        String payload = parts[0] + "." + parts[1];
        byte[] presented;
        try {
            presented = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return new Check.Tampered();
        }
        if (!MessageDigest.isEqual(presented, mac(payload))) {
            return new Check.Tampered();
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return new Check.Tampered();
        }
        Session session = sessions.get(parts[0]);
        if (session == null || session.expires().getEpochSecond() != expiry
                || !clock.instant().isBefore(session.expires())) {
            return new Check.Ended();
        }
        return new Check.Valid(session);
    }

    /** Ends a session (logout, account disabled); true if it was open. */
    public boolean end(Session session) {
        return sessions.remove(session.id()) != null;
    }

    /** Removes and returns the sessions whose expiry has passed, for the 110123 records. */
    public List<Session> expireDue() {
        Instant now = clock.instant();
        List<Session> due = new ArrayList<>();
        sessions.values().removeIf(s -> {
            if (!now.isBefore(s.expires())) {
                due.add(s);
                return true;
            }
            return false;
        });
        return due;
    }

    public int openSessions() {
        return sessions.size();
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
