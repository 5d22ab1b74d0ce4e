package org.ward.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.fhir.AuditEventSearch;
import org.ward.audit.repository.AuditRepository;
import org.ward.audit.repository.StoredRecord;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardFixture;
import org.ward.kerberos.GssClient;
import org.ward.mllp.MllpClient;
import org.ward.tls.TrustAnchors;

/**
 * {@code GET /fhir/AuditEvent} on a running Ward as {@code ward run} wires it: HTTPS, SPNEGO against
 * the embedded Kerby KDC, users.yaml roles, Ward's own audit repository holding the Import of a
 * PCD-01 that went through the engine. An auditor gets a FHIR Bundle, pages through it and reads
 * the original DICOM XML; a clinician gets 403, no ticket 401, a bad parameter 400 with an
 * OperationOutcome; each search and read is itself in the repository (110112, 110101).
 */
class AuditEventApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REALM = "WARD.TEST";

    @TempDir
    static Path dir;

    private static WardFixture ward;
    private static HttpApi api;
    private static GssClient alice;
    private static GssClient bob;
    private static GssClient dave;
    private static HttpClient http;
    private static Instant before;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("users.yaml"), String.join("\n",
                "users:",
                "  alice@" + REALM + ":",
                "    roles: [auditor]",
                "  bob@" + REALM + ":",
                "    roles: [clinician]",
                "  dave@" + REALM + ":",
                "    roles: [analyst]") + "\n");
        ward = WardFixture.start(dir, WardFixture.options().fullAudit()
                .policy("roles: {any-node: every node, auditor: auditors, clinician: clinicians, analyst: analysts}",
                        "nodes: [{subject: '*', roles: [any-node]}]",
                        "destinations: {'*': [any-node]}",
                        "rules:",
                        "  - {role: any-node, operation: [send, receive, read], message-type: '*', action: allow}",
                        "  - {role: clinician, operation: read, message-type: 'ORU^R01', action: allow}",
                        "  - {role: clinician, operation: read, message-type: 'ORU^R01', target: PID-5, action: redact}")
                .top("audit-repository:",
                        "  port: 0",
                        "  tls:",
                        "    key-store: var/pki/server.p12",
                        "    key-store-password-file: var/pki/server.p12.password",
                        "    trust-anchors: var/pki/trust-anchors.pem",
                        "api:",
                        "  port: 0",
                        "  tls:",
                        "    key-store: var/pki/server.p12",
                        "    key-store-password-file: var/pki/server.p12.password",
                        "eua:",
                        "  kdc: embedded",
                        "  realm: " + REALM));
        api = ward.engine().httpApi().orElseThrow();
        // The embedded KDC gave each users.yaml user a principal with a generated password at start.
        assertThat(api.embeddedKdc()).isPresent();
        assertThat(api.demoPasswords()).containsOnlyKeys("alice@" + REALM, "bob@" + REALM, "dave@" + REALM);
        alice = GssClient.login("alice@" + REALM, api.demoPasswords().get("alice@" + REALM));
        bob = GssClient.login("bob@" + REALM, api.demoPasswords().get("bob@" + REALM));
        dave = GssClient.login("dave@" + REALM, api.demoPasswords().get("dave@" + REALM));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {TrustAnchors.trustManager(ward.pki().trustAnchors())}, null);
        http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();

        before = Instant.now().minusSeconds(5);
        for (String id : List.of("API-1", "API-2", "API-3")) {
            try (MllpClient device = ward.connectAsDevice()) {
                String ack = new String(device.exchange(Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), id)
                        .getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                assertThat(ack).contains("MSA|AA|" + id);
            }
        }
        await("message-control-id", "API-3", records -> !records.isEmpty());
    }

    @AfterAll
    static void stop() throws Exception {
        if (ward != null) {
            ward.close();
        }
    }

    @Test
    void anAuditorSearchesByPatientAndPagesThroughABundle() throws Exception {
        String query = "date=ge" + enc(before.toString()) + "&patient.identifier=789567&type=110107&_count=2";
        HttpResponse<String> first = get("/fhir/AuditEvent?" + query, alice);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).get().asString().startsWith("application/fhir+json");
        assertThat(first.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Negotiate ");
        assertThat(first.body()).contains("\"resourceType\":\"Bundle\"", "\"type\":\"searchset\"",
                "\"resourceType\":\"AuditEvent\"", "789567", "\"relation\":\"next\"");
        assertThat(entries(first.body())).isEqualTo(2);
        String next = first.body().replaceAll("(?s).*\"relation\":\"next\",\"url\":\"([^\"]+)\".*", "$1");
        assertThat(next).startsWith(api.url("/fhir/AuditEvent?")).contains("_after=");

        HttpResponse<String> second = get(next.substring(next.indexOf("/fhir/")), alice);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(entries(second.body())).isEqualTo(1);
        assertThat(second.body()).doesNotContain("\"relation\":\"next\"");
    }

    @Test
    void theOriginalDicomXmlOfARecordIsAvailable() throws Exception {
        StoredRecord imported = await("message-control-id", "API-2", r -> !r.isEmpty()).get(0);
        HttpResponse<String> xml = get("/fhir/AuditEvent/" + imported.seq() + "/dicom", alice);
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.body()).startsWith("<AuditMessage>").contains("110107", "789567",
                Base64.getEncoder().encodeToString("API-2".getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<String> resource = get("/fhir/AuditEvent/" + imported.seq(), alice);
        assertThat(resource.body()).startsWith("{\"resourceType\":\"AuditEvent\",\"id\":\"" + imported.seq() + "\"");
        assertThat(get("/fhir/AuditEvent/999999999", alice).statusCode()).isEqualTo(404);
    }

    @Test
    void withoutTheAuditorRoleOrATicketOrWithABadParameterTheSearchIsRefused() throws Exception {
        assertThat(get("/fhir/AuditEvent?date=2026", bob).statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(api.url("/fhir/AuditEvent?date=2026")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Negotiate");
        HttpResponse<String> bad = get("/fhir/AuditEvent?patient.identifier=789567", alice);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("OperationOutcome", "'date' is required");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(api.url("/health"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void everySearchAndReadIsItselfAudited() throws Exception {
        String marker = "API-AUDITED";
        assertThat(get("/fhir/AuditEvent?date=ge" + enc(before.toString()) + "&message-control-id=" + marker, alice)
                .statusCode()).isEqualTo(200);
        List<StoredRecord> queries = await("agent", "alice@" + REALM,
                records -> records.stream().anyMatch(r -> r.dicomXml().orElse("").contains("110112")
                        && r.dicomXml().orElse("").contains(Base64.getEncoder().encodeToString(
                                ("date=ge" + enc(before.toString()) + "&message-control-id=" + marker)
                                        .getBytes(StandardCharsets.UTF_8)))));
        assertThat(queries).anySatisfy(r -> assertThat(r.dicomXml().orElse("")).contains("ITI-81", "alice@" + REALM));
        // the login that opened the session (110114 / 110122) is there too
        await("subtype", "110122", records -> records.stream()
                .anyMatch(r -> r.dicomXml().orElse("").contains("alice@" + REALM)));
    }

    @Test
    void aClinicianReadsAStoredMessageThroughTheReadPolicyAndTheReadIsAudited() throws Exception {
        long id = ward.engine().journal().list(org.ward.store.JournalQuery.byControlId("API-1")).stream()
                .filter(e -> e.controlId().equals("API-1")).findFirst().orElseThrow().id();
        HttpResponse<String> read = get("/api/messages/" + id, bob);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains("\"controlId\":\"API-1\"", "\"withheld\":[\"PID-5 redact\"]", "789567")
                .doesNotContain("Doe^John");
        // An auditor has no read rule for ORU^R01: refused, and the refusal is recorded too.
        assertThat(get("/api/messages/" + id, alice).statusCode()).isEqualTo(403);
        assertThat(get("/api/messages/99999999", bob).statusCode()).isEqualTo(404);
        List<StoredRecord> reads = await("agent", "bob@" + REALM, records -> records.stream()
                .anyMatch(r -> r.dicomXml().orElse("").contains("110110")));
        assertThat(reads).anySatisfy(r -> assertThat(r.dicomXml().orElse(""))
                .contains("110110", "EventActionCode=\"R\"", "789567", "AccessPolicyChange"));
        await("agent", "alice@" + REALM, records -> records.stream()
                .anyMatch(r -> r.dicomXml().orElse("").contains("110110")
                        && r.dicomXml().orElse("").contains("EventOutcomeIndicator=\"4\"")));
    }

    @Test
    void anAnalystSeesStatusRoutesAndPolicyExplanationsOthersDoNot() throws Exception {
        HttpResponse<String> status = get("/api/status", dave);
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(status.body()).contains("\"listeners\":{\"devices\":{\"received\":", "\"journalMessages\":");
        assertThat(get("/api/status", alice).statusCode()).isEqualTo(403);
        HttpResponse<String> routes = get("/api/routes", dave);
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("\"listeners\":[{\"name\":\"devices\"", "\"accept\":[\"PCD-01\"");

        HttpRequest explain = HttpRequest.newBuilder(URI.create(api.url(
                        "/api/policy/explain?role=clinician&operation=read")))
                .header("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(dave.httpToken("localhost")))
                .POST(HttpRequest.BodyPublishers.ofString(Pcd01Samples.bloodPressure())).build();
        HttpResponse<String> explained = http.send(explain, HttpResponse.BodyHandlers.ofString());
        assertThat(explained.statusCode()).as(explained.body()).isEqualTo(200);
        assertThat(explained.body()).contains("\"messageType\":\"ORU^R01\"", "\"result\":\"changed\"",
                "\"changes\":[\"PID-5 redact\"]", "\"where\":\"PID[1]-5\"").doesNotContain("Doe", "789567");
        HttpRequest asAuditor = HttpRequest.newBuilder(URI.create(api.url("/api/policy/explain?role=clinician&operation=read")))
                .header("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(alice.httpToken("localhost")))
                .POST(HttpRequest.BodyPublishers.ofString(Pcd01Samples.bloodPressure())).build();
        assertThat(http.send(asAuditor, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(get("/fhir/AuditEvent?date=2026", dave).statusCode()).isEqualTo(403);
    }

    private static int entries(String bundle) {
        return bundle.split("\"fullUrl\"", -1).length - 1;
    }

    private static HttpResponse<String> get(String path, GssClient who) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.url(path)))
                .header("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(who.httpToken("localhost")))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<StoredRecord> await(String name, String value, Predicate<List<StoredRecord>> done)
            throws Exception {
        AuditRepository repository = ward.engine().auditRepository().orElseThrow();
        Instant deadline = Instant.now().plus(WAIT);
        List<StoredRecord> records;
        do {
            Map<String, List<String>> query = new LinkedHashMap<>();
            query.put("date", List.of("ge" + before, "le" + Instant.now().plusSeconds(60)));
            query.put(name, List.of(value));
            records = new ArrayList<>(repository.store().search(AuditEventSearch.parse(query)).records());
            if (done.test(records)) {
                return records;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no matching audit records for " + name + "=" + value + " within " + WAIT);
    }
}
