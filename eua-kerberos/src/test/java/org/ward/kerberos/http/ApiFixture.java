package org.ward.kerberos.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.ward.audit.AuditContext;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.kerberos.FailureThreshold;
import org.ward.kerberos.LoginAudit;
import org.ward.kerberos.SpnegoAcceptor;
import org.ward.pki.TestCertificates;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TrustAnchors;
import org.ward.users.UserDirectory;

/**
 * The API as the engine will run it: HTTPS with the facility test PKI, Negotiate, sessions, and
 * two endpoints: {@code /api/audit} for auditors and {@code /api/messages} for clinicians.
 */
final class ApiFixture implements AutoCloseable {

    final RecordingSink audit = new RecordingSink();
    final TestCertificates pki;
    final ApiServer server;
    final SessionCookies sessions;
    final HttpClient http;

    ApiFixture(Path dir, SpnegoAcceptor acceptor, UserDirectory users, Clock clock, Duration sessionMax,
               FailureThreshold threshold) throws Exception {
        pki = TestCertificates.create(dir.resolve("pki"));
        var keys = KeyMaterial.load(pki.server().p12(), pki.server().passwordFile());
        var trust = TrustAnchors.trustManager(pki.trustAnchors());
        SSLContext serverTls = TlsContexts.sslContext(keys, trust);
        AuditContext context = AuditContext.applicationServer("ward@test", null, NetworkAccessPoint.machineName("localhost"));
        LoginAudit loginAudit = new LoginAudit(audit, context, clock, threshold, acceptor.principal());
        sessions = new SessionCookies(sessionMax, clock);
        AccessRules rules = new AccessRules()
                .add(AccessRule.of("/api/audit", "auditor"))
                .add(AccessRule.of("/api/messages", "clinician"));
        NegotiateAuthenticator authenticator = new NegotiateAuthenticator(acceptor, users, rules, sessions, loginAudit);
        server = ApiServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new ApiServer.Tls(serverTls, List.of("TLSv1.3", "TLSv1.2"), Bcp195CipherSuites.ALL), authenticator, 2);
        server.handle("/api", exchange -> {
            byte[] body = ("hello " + exchange.getPrincipal().getUsername() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, new TrustManager[] {trust}, null);
        http = HttpClient.newBuilder().sslContext(clientTls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    String url(String path) {
        return "https://localhost:" + server.address().getPort() + path;
    }

    /** GET with the given headers (name, value, name, value...). */
    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
