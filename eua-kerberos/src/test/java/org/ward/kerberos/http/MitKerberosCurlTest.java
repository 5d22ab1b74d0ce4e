package org.ward.kerberos.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.kerberos.FailureThreshold;
import org.ward.kerberos.GssClient;
import org.ward.kerberos.Krb5Conf;
import org.ward.kerberos.ServicePrincipal;
import org.ward.kerberos.SpnegoAcceptor;
import org.ward.users.UserAccount;
import org.ward.users.Users;

/**
 * The API against a real MIT Kerberos realm and curl: kinit with a password, then
 * {@code curl --negotiate -u : https://localhost:PORT/...}. Each case leaves its audit record.
 */
class MitKerberosCurlTest {

    static final String REALM = "MIT.TEST";
    @TempDir
    static Path dir;
    static MitKdc kdc;
    static ApiFixture api;
    static Path auditorCache;
    static Path clinicianCache;
    static Path strangerCache;
    static Path disabledCache;

    @BeforeAll
    static void start() throws Exception {
        kdc = MitKdc.start(dir.resolve("kdc"), REALM, Duration.ofMinutes(1));
        Path keytab = kdc.addService("localhost", dir.resolve("http.keytab"));
        kdc.addService("other.example", dir.resolve("other.keytab"));
        for (String user : new String[] {"auditor", "clinician", "stranger", "disabled"}) {
            kdc.addUser(user, "pw-" + user);
        }
        Krb5Conf.use(kdc.krb5Conf);
        SpnegoAcceptor acceptor = SpnegoAcceptor.login(ServicePrincipal.http("localhost", REALM), keytab);
        Users users = Users.of(
                new UserAccount("auditor@" + REALM, java.util.Set.of("auditor"), false),
                new UserAccount("clinician@" + REALM, java.util.Set.of("clinician"), false),
                new UserAccount("disabled@" + REALM, java.util.Set.of("auditor"), true));
        api = new ApiFixture(dir, acceptor, users, Clock.systemUTC(), Duration.ofMinutes(10),
                new FailureThreshold(3, Duration.ofMinutes(5), 100));
        auditorCache = kdc.kinit("auditor", "pw-auditor");
        clinicianCache = kdc.kinit("clinician", "pw-clinician");
        strangerCache = kdc.kinit("stranger", "pw-stranger");
        disabledCache = kdc.kinit("disabled", "pw-disabled");
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
    void clearAudit() {
        api.audit.clear();
    }

    MitKdc.Result curl(Path cache, String path) throws Exception {
        return kdc.curl(cache, api.pki.trustAnchors(), api.url(path));
    }

    static int status(MitKdc.Result r) {
        String out = r.stdout();
        return Integer.parseInt(out.substring(out.length() - 3));
    }

    @Test
    void anAuditorGets200WithMutualAuthenticationAndASessionBoundedByTheTicket() throws Exception {
        MitKdc.Result r = curl(auditorCache, "/api/audit/events");
        assertThat(status(r)).as(r.stderr()).isEqualTo(200);
        assertThat(r.stdout()).containsPattern("(?i)www-authenticate: Negotiate [A-Za-z0-9+/=]{20,}");
        Matcher cookie = Pattern.compile("(?i)set-cookie: (ward_session=[^;]+); Path=/; Max-Age=(\\d+); HttpOnly; Secure; SameSite=Strict")
                .matcher(r.stdout());
        assertThat(cookie.find()).as(r.stdout()).isTrue();
        // The KDC issues tickets for at most 1 minute: the session may not last longer.
        assertThat(Integer.parseInt(cookie.group(2))).isBetween(1, 60);
        assertThat(r.stdout()).doesNotContainIgnoringCase("Basic").doesNotContain("NTLM");
        assertThat(api.audit.lines()).contains(
                "110114 110122 outcome=0 user=auditor@MIT.TEST name=auditor@MIT.TEST from=127.0.0.1 \"\"");

        // The cookie alone opens the next request, without another Kerberos exchange.
        HttpResponse<String> again = api.get("/api/audit/events", "Cookie", cookie.group(1));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("hello auditor@MIT.TEST\n");
    }

    @Test
    void aUserWithoutTheRoleGets403() throws Exception {
        assertThat(status(curl(clinicianCache, "/api/audit/events"))).isEqualTo(403);
        assertThat(api.audit.lines()).contains(
                "110114 110122 outcome=0 user=clinician@MIT.TEST name=clinician@MIT.TEST from=127.0.0.1 \"\"",
                "110113 110147 outcome=4 user=clinician@MIT.TEST name=clinician@MIT.TEST from=127.0.0.1 \"\"");
    }

    @Test
    void aPrincipalNotInUsersYamlGets403() throws Exception {
        assertThat(status(curl(strangerCache, "/api/audit/events"))).isEqualTo(403);
        assertThat(api.audit.lines()).contains(
                "110114 110122 outcome=4 user=stranger@MIT.TEST name=stranger@MIT.TEST from=127.0.0.1 \"principal not listed in users.yaml\"");
    }

    @Test
    void aDisabledUserIsRefused() throws Exception {
        assertThat(status(curl(disabledCache, "/api/audit/events"))).isEqualTo(403);
        assertThat(api.audit.lines()).contains(
                "110114 110122 outcome=4 user=disabled@MIT.TEST name=disabled@MIT.TEST from=127.0.0.1 \"account disabled\"");
    }

    @Test
    void noTicketGets401OfferingOnlyNegotiate() throws Exception {
        MitKdc.Result r = curl(dir.resolve("no-such-cache"), "/api/audit/events");
        assertThat(status(r)).isEqualTo(401);
        assertThat(r.stdout()).containsIgnoringCase("www-authenticate: Negotiate\r\n")
                .doesNotContainIgnoringCase("Basic").doesNotContain("NTLM");
        assertThat(api.audit.lines()).containsExactly(
                "110114 110122 outcome=4 user=127.0.0.1 from=127.0.0.1 \"no Kerberos ticket presented\"");
    }

    @Test
    void healthNeedsNoTicket() throws Exception {
        assertThat(status(curl(dir.resolve("no-such-cache"), "/health"))).isEqualTo(200);
        assertThat(api.audit.lines()).isEmpty();
    }

    @Test
    void curlsAuthorizationHeaderReplayedIsRefused() throws Exception {
        MitKdc.Result r = curl(auditorCache, "/api/audit/events");
        assertThat(status(r)).isEqualTo(200);
        Matcher header = Pattern.compile("> Authorization: (Negotiate [A-Za-z0-9+/=]+)").matcher(r.stderr());
        assertThat(header.find()).as(r.stderr()).isTrue();
        api.audit.clear();

        HttpResponse<String> replay = api.get("/api/audit/events", "Authorization", header.group(1));
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(api.audit.lines()).containsExactly(
                "110114 110122 outcome=8 user=auditor@MIT.TEST name=auditor@MIT.TEST from=127.0.0.1 \"replayed Kerberos authenticator\"");
    }

    @Test
    void aTicketForAnotherServiceIsRefused() throws Exception {
        GssClient auditor = GssClient.login("auditor@" + REALM, "pw-auditor".toCharArray());
        byte[] token = auditor.httpToken("other.example");
        HttpResponse<String> r = api.get("/api/audit/events", "Authorization",
                "Negotiate " + Base64.getEncoder().encodeToString(token));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(api.audit.lines()).containsExactly(
                "110114 110122 outcome=4 user=127.0.0.1 from=127.0.0.1 \"ticket issued for another service\"");
    }

    @Test
    void repeatedFailuresFromOneAddressRaiseOneSecurityAlert() throws Exception {
        for (int i = 0; i < 5; i++) {
            api.get("/api/audit/events", "Authorization", "Negotiate AAAA");
        }
        assertThat(api.audit.lines()).filteredOn(l -> l.startsWith("110113 110143")).containsExactly(
                "110113 110143 outcome=4 user=127.0.0.1 from=127.0.0.1 \"repeated authentication failures\"");
    }
}
