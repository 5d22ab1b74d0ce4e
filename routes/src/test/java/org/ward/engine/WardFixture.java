package org.ward.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
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
 * folder, one listener named {@code devices} on an ephemeral loopback port.
 */
public final class WardFixture implements AutoCloseable {

    public static final String LISTENER = "devices";

    private final WardEngine engine;
    private final WardConfig config;

    private WardFixture(WardEngine engine, WardConfig config) {
        this.engine = engine;
        this.config = config;
    }

    public static WardFixture start(Path dir) throws Exception {
        return start(dir, "5m", 1048576);
    }

    public static WardFixture start(Path dir, String idleTimeout, int maxFrameBytes) throws Exception {
        return start(dir, "127.0.0.1", idleTimeout, maxFrameBytes);
    }

    /** @param bind a loopback address; the development server certificate names only 127.0.0.1, ::1 and localhost */
    public static WardFixture start(Path dir, String bind, String idleTimeout, int maxFrameBytes) throws Exception {
        Path yaml = dir.resolve("ward.yaml");
        Files.writeString(yaml, String.join("\n",
                "data-dir: var",
                "development-pki: true",
                "listeners:",
                "  - name: " + LISTENER,
                "    bind: " + bind,
                "    port: 0",
                "    idle-timeout: " + idleTimeout,
                "    max-frame-bytes: " + maxFrameBytes,
                "    tls:",
                "      key-store: var/pki/server.p12",
                "      key-store-password-file: var/pki/server.p12.password",
                "      trust-anchors: var/pki/trust-anchors.pem",
                ""));
        WardConfig config = WardConfigLoader.load(yaml, dir);
        return new WardFixture(WardEngine.start(config), config);
    }

    public WardEngine engine() {
        return engine;
    }

    public WardConfig config() {
        return config;
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

    public MllpClient connect(Path clientP12) throws Exception {
        SSLContext context = TlsContexts.sslContext(KeyMaterial.load(clientP12, KeyMaterial.passwordFileFor(clientP12)),
                TrustAnchors.trustManager(pki().trustAnchors()));
        return MllpClient.connect("127.0.0.1", port(), context,
                TlsContexts.clientParameters(List.of(TlsProtocol.values()), Bcp195CipherSuites.ALL),
                Duration.ofSeconds(10), 1048576);
    }

    @Override
    public void close() throws IOException {
        engine.close();
    }
}
