package org.ward.kerberos.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.kdc.EmbeddedKdc;
import org.ward.kerberos.FailureThreshold;
import org.ward.kerberos.GssClient;
import org.ward.kerberos.Krb5Conf;
import org.ward.kerberos.SpnegoAcceptor;
import org.ward.users.UserAccount;
import org.ward.users.Users;

/**
 * The same flows as {@link MitKerberosCurlTest}, in pure Java against the embedded Kerby KDC
 * (JDK GSS initiator, JDK HttpClient), plus the session cookie's life: bounded by the ticket,
 * ended by logout, expiry and disabling, refused when tampered with.
 */
class KerbyNegotiateHttpTest {

    static final String REALM = "WARD.TEST";
    /** The KDC's longest ticket: shorter than the session maximum, so the ticket bounds the session. */
    static final Duration TICKET_LIFE = Duration.ofMinutes(2);

    /** Real time plus an offset the test moves forward. */
    static final class TestClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @TempDir
    static Path dir;
    static EmbeddedKdc kdc;
    static ApiFixture api;
    static final TestClock clock = new TestClock();
    static final AtomicReference<Users> users = new AtomicReference<>();
    static GssClient auditor;
    static GssClient clinician;
    static GssClient stranger;
    static GssClient disabled;

    @BeforeAll
    static void start() throws Exception {
        kdc = EmbeddedKdc.start(dir.resolve("kdc"), REALM, "localhost", 0, TICKET_LIFE);
        Krb5Conf.use(kdc.krb5Conf());
        kdc.addServiceWithKeytab("HTTP/other.example@" + REALM, dir.resolve("other.keytab"));
        auditor = GssClient.login("auditor@" + REALM, kdc.addUser("auditor@" + REALM));
        clinician = GssClient.login("clinician@" + REALM, kdc.addUser("clinician@" + REALM));
        stranger = GssClient.login("stranger@" + REALM, kdc.addUser("stranger@" + REALM));
        disabled = GssClient.login("disabled@" + REALM, kdc.addUser("disabled@" + REALM));
        SpnegoAcceptor acceptor = SpnegoAcceptor.login(kdc.servicePrincipal(), kdc.keytab());
        api = new ApiFixture(dir, acceptor, p -> users.get().find(p), clock, Duration.ofMinutes(10),
                new FailureThreshold(3, Duration.ofMinutes(5), 100));
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (kdc != null) {
            kdc.close();
        }
    }

    @BeforeEach
    void reset() {
        users.set(Users.of(
                new UserAccount("auditor@" + REALM, Set.of("auditor"), false),
                new UserAccount("clinician@" + REALM, Set.of("clinician"), false),
                new UserAccount("disabled@" + REALM, Set.of("auditor"), true)));
        clock.offset = Duration.ZERO;
        api.audit.clear();
    }

    static String negotiate(GssClient client, String host) throws Exception {
        return "Negotiate " + Base64.getEncoder().encodeToString(client.httpToken(host));
    }

    HttpResponse<String> get(GssClient client) throws Exception {
        return api.get("/api/audit/events", "Authorization", negotiate(client, "localhost"));
    }

    static String cookie(HttpResponse<?> r) {
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    @Test
    void anAuditorIsAuthenticatedMutuallyAndGetsASessionNoLongerThanTheTicket() throws Exception {
        HttpResponse<String> r = get(auditor);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello auditor@WARD.TEST\n");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).matches("Negotiate [A-Za-z0-9+/=]{20,}");
        Matcher maxAge = Pattern.compile("Max-Age=(\\d+); HttpOnly; Secure; SameSite=Strict")
                .matcher(r.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(maxAge.find()).isTrue();
        // The service ticket ends with the TGT the client got at start-up, at most TICKET_LIFE ago.
        assertThat(Long.parseLong(maxAge.group(1))).isBetween(1L, TICKET_LIFE.toSeconds());
        assertThat(api.audit.lines()).containsExactly(
                "110114 110122 outcome=0 user=auditor@WARD.TEST name=auditor@WARD.TEST from=127.0.0.1 \"\"");
    }

    @Test
    void roleUnknownDisabledNoTicketWrongServiceReplayAndNtlmAreRefused() throws Exception {
        assertThat(api.get("/api/audit/events", "Authorization", negotiate(clinician, "localhost")).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/messages", "Authorization", negotiate(auditor, "localhost")).statusCode()).isEqualTo(403);
        assertThat(get(stranger).statusCode()).isEqualTo(403);
        assertThat(get(disabled).statusCode()).isEqualTo(403);
        HttpResponse<String> none = api.get("/api/audit/events");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().allValues("WWW-Authenticate")).containsExactly("Negotiate");
        assertThat(api.get("/api/audit/events", "Authorization", negotiate(auditor, "other.example")).statusCode()).isEqualTo(401);
        String once = negotiate(auditor, "localhost");
        assertThat(api.get("/api/audit/events", "Authorization", once).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/audit/events", "Authorization", once).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/audit/events", "Authorization", "NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/audit/events", "Authorization", "Negotiate TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/audit/events", "Authorization", "Basic YWxpY2U6c2VjcmV0").statusCode()).isEqualTo(401);

        assertThat(api.audit.lines()).containsExactly(
                "110114 110122 outcome=0 user=clinician@WARD.TEST name=clinician@WARD.TEST from=127.0.0.1 \"\"",
                "110113 110147 outcome=4 user=clinician@WARD.TEST name=clinician@WARD.TEST from=127.0.0.1 \"\"",
                "110114 110122 outcome=0 user=auditor@WARD.TEST name=auditor@WARD.TEST from=127.0.0.1 \"\"",
                "110113 110147 outcome=4 user=auditor@WARD.TEST name=auditor@WARD.TEST from=127.0.0.1 \"\"",
                "110114 110122 outcome=4 user=stranger@WARD.TEST name=stranger@WARD.TEST from=127.0.0.1 \"principal not listed in users.yaml\"",
                "110114 110122 outcome=4 user=disabled@WARD.TEST name=disabled@WARD.TEST from=127.0.0.1 \"account disabled\"",
                "110114 110122 outcome=4 user=127.0.0.1 from=127.0.0.1 \"no Kerberos ticket presented\"",
                "110114 110122 outcome=4 user=127.0.0.1 from=127.0.0.1 \"ticket issued for another service\"",
                "110114 110122 outcome=0 user=auditor@WARD.TEST name=auditor@WARD.TEST from=127.0.0.1 \"\"",
                "110114 110122 outcome=8 user=auditor@WARD.TEST name=auditor@WARD.TEST from=127.0.0.1 \"replayed Kerberos authenticator\"",
                // Unknown, disabled, another service: three tolerated; the replay goes beyond the threshold.
                // (The missing ticket does not count: every client first asks without one.)
                "110113 110143 outcome=4 user=127.0.0.1 from=127.0.0.1 \"repeated authentication failures\"",
                "110114 110122 outcome=4 user=127.0.0.1 from=127.0.0.1 \"NTLM offered; only Kerberos is accepted\"",
                "110114 110122 outcome=4 user=127.0.0.1 from=127.0.0.1 \"NTLM offered; only Kerberos is accepted\"",
                "110114 110122 outcome=4 user=127.0.0.1 from=127.0.0.1 \"no Kerberos mechanism token offered\"");
    }

    @Test
    void theSessionCookieExpiresWithTheTicket() throws Exception {
        HttpResponse<String> login = get(auditor);
        String session = cookie(login);
        Matcher maxAge = Pattern.compile("Max-Age=(\\d+)").matcher(login.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(maxAge.find()).isTrue();
        Duration untilTicketEnd = Duration.ofSeconds(Long.parseLong(maxAge.group(1)));
        assertThat(untilTicketEnd).isLessThanOrEqualTo(TICKET_LIFE);
        clock.offset = untilTicketEnd.minusSeconds(3);
        assertThat(api.get("/api/audit/events", "Cookie", session).statusCode()).isEqualTo(200);
        clock.offset = untilTicketEnd.plusSeconds(1);
        HttpResponse<String> after = api.get("/api/audit/events", "Cookie", session);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().allValues("WWW-Authenticate")).containsExactly("Negotiate");
        assertThat(api.audit.lines()).contains(
                "110114 110123 outcome=0 user=auditor@WARD.TEST name=auditor@WARD.TEST from=127.0.0.1 \"session expired\"");
    }

    @Test
    void aTamperedCookieIsRefusedAndAudited() throws Exception {
        String session = cookie(get(auditor));
        String value = session.substring(session.indexOf('=') + 1);
        String[] parts = value.split("\\.");
        // A later expiry with the old signature, and a flipped signature byte.
        String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
        char[] mac = parts[2].toCharArray();
        mac[0] = mac[0] == 'A' ? 'B' : 'A';
        String flipped = parts[0] + "." + parts[1] + "." + new String(mac);
        api.audit.clear();
        for (String forged : Arrays.asList(longer, flipped, "garbage")) {
            assertThat(api.get("/api/audit/events", "Cookie", SessionCookies.COOKIE_NAME + "=" + forged).statusCode())
                    .isEqualTo(401);
        }
        assertThat(api.audit.lines()).filteredOn(l -> l.contains("session cookie signature invalid")).hasSize(3)
                .allMatch(l -> l.startsWith("110114 110122 outcome=8 user=127.0.0.1"));
        assertThat(api.get("/api/audit/events", "Cookie", session).statusCode()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String session = cookie(get(auditor));
        assertThat(api.get("/logout", "Cookie", session).statusCode()).isEqualTo(204);
        assertThat(api.get("/api/audit/events", "Cookie", session).statusCode()).isEqualTo(401);
        assertThat(api.audit.lines()).contains(
                "110114 110123 outcome=0 user=auditor@WARD.TEST name=auditor@WARD.TEST from=127.0.0.1 \"logout\"");
    }

    @Test
    void disablingAUserEndsTheirSessionAtTheNextRequest() throws Exception {
        String session = cookie(get(auditor));
        users.set(Users.of(new UserAccount("auditor@" + REALM, Set.of("auditor"), true)));
        assertThat(api.get("/api/audit/events", "Cookie", session).statusCode()).isEqualTo(403);
        assertThat(api.audit.lines()).contains(
                "110114 110123 outcome=0 user=auditor@WARD.TEST name=auditor@WARD.TEST from=127.0.0.1 \"account disabled\"",
                "110114 110122 outcome=4 user=auditor@WARD.TEST name=auditor@WARD.TEST from=127.0.0.1 \"account disabled\"");
    }

    @Test
    void healthIsOpenAndUnknownPathsAreHiddenBehindAuthentication() throws Exception {
        assertThat(api.get("/health").statusCode()).isEqualTo(200);
        assertThat(api.get("/nothing-here").statusCode()).isEqualTo(401);
    }

    @Test
    void concurrentNegotiationsShareTheAcceptorCredential() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> get(auditor).statusCode()));
            }
            for (var r : results) {
                assertThat(r.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.audit.lines()).hasSize(20).allMatch(l -> l.startsWith("110114 110122 outcome=0 user=auditor@"));
    }

    /** Prints, does not assert: the cost of a Negotiate round trip, and of a request with a session. */
    @Test
    void negotiateRoundTripLatency() throws Exception {
        int warmup = 20;
        int n = 100;
        long[] negotiate = new long[n];
        long[] withCookie = new long[n];
        String session = cookie(get(auditor));
        for (int i = 0; i < warmup + n; i++) {
            String header = negotiate(auditor, "localhost");
            long t0 = System.nanoTime();
            HttpResponse<String> r = api.get("/api/audit/events", "Authorization", header);
            long t1 = System.nanoTime();
            HttpResponse<String> c = api.get("/api/audit/events", "Cookie", session);
            long t2 = System.nanoTime();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(c.statusCode()).isEqualTo(200);
            if (i >= warmup) {
                negotiate[i - warmup] = t1 - t0;
                withCookie[i - warmup] = t2 - t1;
            }
        }
        System.out.printf("LATENCY Negotiate round trip (accept + users + session, HTTPS keep-alive, loopback): %s%n", stats(negotiate));
        System.out.printf("LATENCY request with session cookie: %s%n", stats(withCookie));
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            auditor.httpToken("localhost");
        }
        System.out.printf("LATENCY client token (initSecContext, service ticket cached): mean %.3f ms%n",
                (System.nanoTime() - t0) / 1e6 / n);
    }

    static String stats(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0) / 1e6;
        return String.format("n=%d mean %.3f ms, p50 %.3f ms, p90 %.3f ms, p99 %.3f ms", s.length, mean,
                s[s.length / 2] / 1e6, s[(int) (s.length * 0.9)] / 1e6, s[(int) (s.length * 0.99)] / 1e6);
    }
}
