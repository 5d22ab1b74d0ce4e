package org.ward.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.ward.audit.AuditContext;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.camel.YamlRouteReader;
import org.ward.config.WardConfig;
import org.ward.config.WardConfigLoader;
import org.ward.mllp.MllpClient;
import org.ward.pki.DevelopmentPkiFiles;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TlsProtocol;
import org.ward.tls.TrustAnchors;

/**
 * A real Ward engine for tests: its own data directory and development PKI under a temporary
 * folder, one listener named {@code devices} on an ephemeral loopback port, revocation checked
 * against the development CRL, audit records kept by a {@link RecordingAuditSink}. With
 * {@link Options#pki}, the listener uses another PKI's server credential and trust anchors instead.
 */
public final class WardFixture implements AutoCloseable {

    public static final String LISTENER = "devices";

    private final WardEngine engine;
    private final WardConfig config;
    private final RecordingAuditSink audit;

    private WardFixture(WardEngine engine, WardConfig config, RecordingAuditSink audit) {
        this.engine = engine;
        this.config = config;
        this.audit = audit;
    }

    /** The listener's server credential and client trust anchors, as ward.yaml paths. */
    private record ListenerPki(String keyStore, String keyStorePasswordFile, String trustAnchors) {
    }

    /** How the fixture's listener is set up; every setter returns the same options. */
    public static final class Options {
        private String bind = "127.0.0.1";
        private String idleTimeout = "5m";
        private int maxFrameBytes = 1048576;
        private final List<String> listenerLines = new ArrayList<>();
        private final List<String> topLines = new ArrayList<>();
        private List<String> policyLines = OPEN_POLICY;
        private boolean fullAudit;
        private final List<String> tlsLines = new ArrayList<>(List.of(
                "      crls: [var/pki/crl.pem]"));
        private ListenerPki pki = new ListenerPki("var/pki/server.p12", "var/pki/server.p12.password",
                "var/pki/trust-anchors.pem");

        /**
         * The listener's key store (and its password file) and client trust anchors from another PKI
         * than the development one, e.g. {@code TestCertificates}; combine with {@link #tls} to name
         * that PKI's CRL, since the default {@code crls} is the development CRL.
         */
        public Options pki(Path trustAnchors, Path serverP12, Path serverPasswordFile) {
            pki = new ListenerPki(serverP12.toAbsolutePath().toString(),
                    serverPasswordFile.toAbsolutePath().toString(), trustAnchors.toAbsolutePath().toString());
            return this;
        }

        /**
         * Starts the engine as {@code ward run} does, with its own audit spool and sender (and its own
         * audit repository when the top lines configure one) instead of a recording sink.
         */
        public Options fullAudit() {
            fullAudit = true;
            return this;
        }

        public Options bind(String value) {
            bind = value;
            return this;
        }

        public Options idleTimeout(String value) {
            idleTimeout = value;
            return this;
        }

        public Options maxFrameBytes(int value) {
            maxFrameBytes = value;
            return this;
        }

        /** The lines of policy.yaml; by default {@link #OPEN_POLICY}, which lets every node and destination do everything. */
        public Options policy(String... lines) {
            policyLines = List.of(lines);
            return this;
        }

        /** Extra top-level lines of ward.yaml, e.g. a {@code journal:} section. */
        public Options top(String... lines) {
            topLines.addAll(List.of(lines));
            return this;
        }

        /** Extra listener lines, indented four spaces, e.g. {@code "    bind-device-identity: true"}. */
        public Options listener(String line) {
            listenerLines.add(line);
            return this;
        }

        /** Replaces the tls lines after the key store and trust anchors (indented six spaces). */
        public Options tls(String... lines) {
            tlsLines.clear();
            tlsLines.addAll(List.of(lines));
            return this;
        }
    }

    /** A test policy that allows every node to send, and every destination to receive, any message unchanged. */
    public static final List<String> OPEN_POLICY = List.of(
            "roles: {any-node: every node (tests only)}",
            "nodes: [{subject: '*', roles: [any-node]}]",
            "destinations: {'*': [any-node]}",
            "rules: [{role: any-node, operation: [send, receive, read], message-type: '*', action: allow}]");

    /** Writes {@link #OPEN_POLICY} as policy.yaml into {@code dir}, where a ward.yaml there finds it. */
    public static Path writeOpenPolicy(Path dir) throws java.io.IOException {
        return Files.writeString(dir.resolve("policy.yaml"), String.join("\n", OPEN_POLICY) + "\n");
    }

    public static Options options() {
        return new Options();
    }

    public static WardFixture start(Path dir) throws Exception {
        return start(dir, options());
    }

    public static WardFixture start(Path dir, String idleTimeout, int maxFrameBytes) throws Exception {
        return start(dir, options().idleTimeout(idleTimeout).maxFrameBytes(maxFrameBytes));
    }

    /** @param bind a loopback address; the development server certificate names only 127.0.0.1, ::1 and localhost */
    public static WardFixture start(Path dir, String bind, String idleTimeout, int maxFrameBytes) throws Exception {
        return start(dir, options().bind(bind).idleTimeout(idleTimeout).maxFrameBytes(maxFrameBytes));
    }

    public static WardFixture start(Path dir, Options options) throws Exception {
        Path yaml = dir.resolve("ward.yaml");
        List<String> lines = new ArrayList<>(List.of(
                "data-dir: var",
                "development-pki: true"));
        lines.addAll(options.topLines);
        lines.addAll(List.of(
                "listeners:",
                "  - name: " + LISTENER,
                "    bind: " + options.bind,
                "    port: 0",
                "    idle-timeout: " + options.idleTimeout,
                "    max-frame-bytes: " + options.maxFrameBytes));
        lines.addAll(options.listenerLines);
        lines.addAll(List.of(
                "    tls:",
                "      key-store: " + options.pki.keyStore(),
                "      key-store-password-file: " + options.pki.keyStorePasswordFile(),
                "      trust-anchors: " + options.pki.trustAnchors()));
        lines.addAll(options.tlsLines);
        Files.writeString(yaml, String.join("\n", lines) + "\n");
        Files.writeString(dir.resolve("policy.yaml"), String.join("\n", options.policyLines) + "\n");
        WardConfig config = WardConfigLoader.load(yaml, dir, new YamlRouteReader());
        RecordingAuditSink audit = new RecordingAuditSink();
        if (options.fullAudit) {
            return new WardFixture(WardEngine.start(config), config, audit);
        }
        AuditContext context = AuditContext.applicationServer("ward@test", null, NetworkAccessPoint.machineName("localhost"));
        return new WardFixture(WardEngine.start(config, audit, context), config, audit);
    }

    public WardEngine engine() {
        return engine;
    }

    public WardConfig config() {
        return config;
    }

    public RecordingAuditSink audit() {
        return audit;
    }

    public int port() {
        return engine.addresses().get(0).port();
    }

    public DevelopmentPkiFiles pki() {
        return engine.developmentPki().orElseThrow();
    }

    public ListenerStats stats() {
        return engine.stats(LISTENER);
    }

    /** An MLLP/TLS connection authenticated with the development device certificate. */
    public MllpClient connectAsDevice() throws Exception {
        return connect(pki().deviceP12());
    }

    /** The trust anchors of the listener's PKI, which also issued its server certificate. */
    public Path trustAnchors() {
        return config.listeners().get(0).tls().trustAnchors();
    }

    /** An MLLP/TLS connection authenticated with {@code clientP12}, trusting the listener's anchors. */
    public MllpClient connect(Path clientP12) throws Exception {
        SSLContext context = TlsContexts.sslContext(KeyMaterial.load(clientP12, KeyMaterial.passwordFileFor(clientP12)),
                TrustAnchors.trustManager(trustAnchors()));
        return MllpClient.connect("127.0.0.1", port(), context,
                TlsContexts.clientParameters(List.of(TlsProtocol.values()), Bcp195CipherSuites.ALL),
                Duration.ofSeconds(10), 1048576);
    }

    @Override
    public void close() throws IOException {
        engine.close();
    }
}
