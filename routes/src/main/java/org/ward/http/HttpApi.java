package org.ward.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.audit.AuditContext;
import org.ward.audit.AuditSink;
import org.ward.audit.repository.AuditStore;
import org.ward.config.ApiSettings;
import org.ward.config.EuaSettings;
import org.ward.config.WardConfig;
import org.ward.kdc.EmbeddedKdc;
import org.ward.kerberos.FailureThreshold;
import org.ward.kerberos.Krb5Conf;
import org.ward.kerberos.LoginAudit;
import org.ward.kerberos.ServicePrincipal;
import org.ward.kerberos.SpnegoAcceptor;
import org.ward.kerberos.http.AccessRule;
import org.ward.kerberos.http.AccessRules;
import org.ward.kerberos.http.ApiServer;
import org.ward.kerberos.http.NegotiateAuthenticator;
import org.ward.kerberos.http.SessionCookies;
import org.ward.policy.AccessPolicy;
import org.ward.store.MessageJournal;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.KeyMaterial;
import org.ward.users.UserAccount;
import org.ward.users.UsersFile;
import org.ward.users.UsersFileException;

/**
 * Ward's HTTPS API as {@code ward run} starts it: Kerberos (SPNEGO) only, through the embedded KDC
 * or the hospital's realm; users and roles from users.yaml; {@code /health} without sign-in;
 * {@code /fhir/AuditEvent} for the {@code auditor} role when Ward runs its own audit repository;
 * {@code /api/status}, {@code /api/routes} and {@code /api/policy/explain} for analysts and administrators; {@code /api/messages/ID} for any role, as the
 * policy's read rules let that role see the message.
 */
public final class HttpApi implements AutoCloseable {

    /** Who may search and read the audit repository. */
    public static final String AUDITOR = "auditor";
    /** Who may see routes and status. */
    public static final String ANALYST = "analyst";
    /** Who manages Ward. */
    public static final String ADMIN = "admin";

    /** What the engine offers the API besides the audit repository. */
    public record Engine(WardConfig config, MessageJournal journal, Supplier<AccessPolicy> policy,
                         Supplier<ApiStatus> status) {
    }
    /** The embedded KDC's folder under the data directory: krb5.conf, http.keytab, users.keytab. */
    public static final String KDC_DIRECTORY = "kdc";
    /** The longest ticket the embedded KDC issues. */
    static final Duration EMBEDDED_TICKET_LIFE = Duration.ofHours(10);
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final ApiServer server;
    private final Optional<EmbeddedKdc> kdc;
    private final ServicePrincipal service;
    private final Path krb5Conf;
    private final String serviceHost;
    private final Map<String, char[]> demoPasswords;

    private HttpApi(ApiServer server, Optional<EmbeddedKdc> kdc, ServicePrincipal service, Path krb5Conf,
                    String serviceHost, Map<String, char[]> demoPasswords) {
        this.server = server;
        this.demoPasswords = demoPasswords;
        this.kdc = kdc;
        this.service = service;
        this.krb5Conf = krb5Conf;
        this.serviceHost = serviceHost;
    }

    /**
     * @param roles          the roles policy.yaml declares (users.yaml may name only these)
     * @param auditStore     Ward's own audit repository's store, if it runs one
     * @param audit          where logins, failures and audit-log use are recorded
     */
    public static HttpApi start(ApiSettings api, EuaSettings eua, Path dataDir, Set<String> roles,
                                Optional<AuditStore> auditStore, Engine engine, AuditSink audit, AuditContext context)
            throws Exception {
        Optional<EmbeddedKdc> kdc = Optional.empty();
        ServicePrincipal service;
        Path keytab;
        Path krb5Conf;
        if (eua.kdc() == EuaSettings.Kdc.EMBEDDED) {
            EmbeddedKdc started = EmbeddedKdc.start(dataDir.resolve(KDC_DIRECTORY), eua.realm(), eua.serviceHost(), 0,
                    EMBEDDED_TICKET_LIFE);
            kdc = Optional.of(started);
            service = started.servicePrincipal();
            keytab = started.keytab();
            krb5Conf = started.krb5Conf();
            LOG.warn("Started an EMBEDDED Kerberos KDC for realm {} on 127.0.0.1:{} (demos and tests only;"
                    + " set eua.kdc: external in production)", eua.realm(), started.port());
        } else {
            service = ServicePrincipal.http(eua.serviceHost(), eua.realm());
            keytab = eua.keytab().orElseThrow();
            krb5Conf = eua.krb5Conf().orElseThrow();
        }
        try {
            Krb5Conf.use(krb5Conf);
            SpnegoAcceptor acceptor = SpnegoAcceptor.login(service, keytab);
            Clock clock = Clock.systemUTC();
            LoginAudit logins = new LoginAudit(audit, context, clock, FailureThreshold.defaults(), service);
            AccessRules rules = new AccessRules()
                    .add(AccessRule.of(AuditEventEndpoint.PATH, AUDITOR))
                    .add(AccessRule.of(StatusEndpoint.PATH, ANALYST, ADMIN))
                    .add(AccessRule.of(RoutesEndpoint.PATH, ANALYST, ADMIN))
                    .add(AccessRule.of(PolicyExplainEndpoint.PATH, ANALYST, ADMIN));
            if (!roles.isEmpty()) {
                // Any role may ask; the policy's read rules decide what each role sees.
                rules.add(new AccessRule(MessageEndpoint.PATH, roles));
            }
            NegotiateAuthenticator authenticator = new NegotiateAuthenticator(acceptor,
                    new LiveUsers(api.usersFile(), roles), rules, new SessionCookies(api.sessionLifetime(), clock),
                    logins);
            ApiServer server = ApiServer.start(new InetSocketAddress(InetAddress.getByName(api.bind()), api.port()),
                    new ApiServer.Tls(serverTls(api), List.of("TLSv1.3", "TLSv1.2"), Bcp195CipherSuites.ALL),
                    authenticator, 4);
            int port = server.address().getPort();
            String base = "https://" + eua.serviceHost() + ":" + port + "/fhir";
            auditStore.ifPresent(store -> server.handle(AuditEventEndpoint.PATH,
                    new AuditEventEndpoint(store, base, audit, context, clock)));
            server.handle(MessageEndpoint.PATH, new MessageEndpoint(engine.journal(), engine.policy(), audit, context,
                    clock));
            server.handle(StatusEndpoint.PATH, new StatusEndpoint(engine.status()));
            server.handle(RoutesEndpoint.PATH, new RoutesEndpoint(engine.config()));
            server.handle(PolicyExplainEndpoint.PATH, new PolicyExplainEndpoint(engine.policy(), () -> roles));
            LOG.info("HTTPS API listening on {}:{} (Kerberos {} via SPNEGO; users {})", api.bind(), port, service,
                    api.usersFile());
            Map<String, char[]> passwords = kdc.isPresent() ? demoPrincipals(kdc.get(), api.usersFile(), roles)
                    : Map.of();
            return new HttpApi(server, kdc, service, krb5Conf, eua.serviceHost(), passwords);
        } catch (Exception e) {
            if (kdc.isPresent()) {
                kdc.get().close();
            }
            throw e;
        }
    }

    /**
     * The embedded KDC keeps its users' keys in users.keytab ({@code ward users add} writes it): an
     * enabled users.yaml user of its realm who has no principal yet (the shipped demo auditor on a
     * first run) gets one here, with a generated password that {@code ward run} prints once.
     */
    private static Map<String, char[]> demoPrincipals(EmbeddedKdc kdc, Path usersFile, Set<String> roles)
            throws IOException {
        Map<String, char[]> passwords = new TreeMap<>();
        if (!Files.exists(usersFile)) {
            return passwords;
        }
        try {
            Set<String> existing = kdc.users().principals();
            for (UserAccount account : UsersFile.read(usersFile, roles).all()) {
                if (!account.disabled() && account.principal().endsWith("@" + kdc.realm())
                        && !existing.contains(account.principal())) {
                    passwords.put(account.principal(), kdc.addUser(account.principal()));
                }
            }
        } catch (UsersFileException e) {
            LOG.error("users file {} has errors; no principals were created in the embedded KDC: {}", usersFile,
                    e.getMessage());
        }
        return passwords;
    }

    /** Passwords the embedded KDC generated at this start for users.yaml's users who had none (else empty). */
    public Map<String, char[]> demoPasswords() {
        return Collections.unmodifiableMap(demoPasswords);
    }

    private static SSLContext serverTls(ApiSettings api) throws IOException, GeneralSecurityException {
        KeyMaterial keys = KeyMaterial.load(api.keyStore(), api.keyStorePasswordFile());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys.keyStore(), keys.password());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** The URL people use, with the service host of the service principal. */
    public String url(String path) {
        return "https://" + serviceHost + ":" + address().getPort() + path;
    }

    public ServicePrincipal servicePrincipal() {
        return service;
    }

    public Path krb5Conf() {
        return krb5Conf;
    }

    /** The embedded KDC (demos and tests), when {@code eua.kdc: embedded}. */
    public Optional<EmbeddedKdc> embeddedKdc() {
        return kdc;
    }

    @Override
    public void close() {
        server.close();
        if (kdc.isPresent()) {
            try {
                kdc.get().close();
            } catch (IOException e) {
                LOG.warn("embedded KDC did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
