package org.ward.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.ward.audit.syslog.RsyslogReceiver;
import org.ward.engine.WardFixture;
import org.ward.mllp.MllpClient;
import org.ward.pki.DevelopmentPki;
import org.ward.pki.DevelopmentPkiFiles;
import org.ward.pki.FacilityPki;
import org.ward.pki.IssueRequest;
import org.ward.pki.IssuedCredential;
import org.ward.pki.PkiEventListener;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TlsProtocol;
import org.ward.tls.TrustAnchors;

/**
 * A Ward home whose development PKI (var/pki) also certifies both ends of the audit path: Ward's
 * audit client certificate (client profile, CN {@value #AUDIT_CLIENT_CN}, rsyslog's one permitted
 * peer) and rsyslog's server certificate (server profile, localhost / 127.0.0.1). Writes a
 * ward.yaml with one MLLP/TLS listener on an ephemeral loopback port and an {@code audit:} section
 * pointing at the rsyslog receiver, which is configured but not started.
 */
final class AuditRepositorySetup {

    static final String AUDIT_CLIENT_CN = "ward-audit-client";
    private static final int DAYS = 30;

    private final Path home;
    private final Path config;
    private final DevelopmentPkiFiles pki;
    private final RsyslogReceiver rsyslog;
    private final RepositoryLog repositoryLog;

    private AuditRepositorySetup(Path home, Path config, DevelopmentPkiFiles pki, RsyslogReceiver rsyslog) {
        this.home = home;
        this.config = config;
        this.pki = pki;
        this.rsyslog = rsyslog;
        this.repositoryLog = new RepositoryLog(rsyslog.output());
    }

    static AuditRepositorySetup create(Path home) throws IOException, InterruptedException, GeneralSecurityException {
        RsyslogReceiver.requireInstalled();
        Path pkiDir = home.resolve("var").resolve("pki");
        DevelopmentPkiFiles pki = DevelopmentPki.ensure(pkiDir);
        // The same steps as `ward pki issue --profile client|server` on --pki-dir var/pki.
        FacilityPki facility = new FacilityPki(pkiDir, Clock.systemUTC(), new SecureRandom(),
                PkiEventListener.logging(), "audit repository test");
        facility.issue(IssueRequest.client(AUDIT_CLIENT_CN, DAYS), "ward-audit");
        IssuedCredential server = facility.issue(
                IssueRequest.server("audit-repository", List.of("localhost"), List.of("127.0.0.1"), DAYS),
                "audit-repository");
        Path rsyslogDir = Files.createDirectories(home.resolve("rsyslog"));
        Path serverKey = writeKeyPemForGnuTls(server.p12(), server.passwordFile(), rsyslogDir.resolve("server.key"));
        RsyslogReceiver rsyslog = new RsyslogReceiver(rsyslogDir, pki.trustAnchors(), server.chainPem(), serverKey,
                AUDIT_CLIENT_CN);
        Path config = home.resolve("ward.yaml");
        WardFixture.writeOpenPolicy(home);
        Files.writeString(config, String.join("\n",
                "data-dir: " + home.resolve("var"),
                "development-pki: true",
                "listeners:",
                "  - name: " + WardFixture.LISTENER,
                "    bind: 127.0.0.1",
                "    port: 0",
                "    idle-timeout: 5m",
                "    tls:",
                "      key-store: " + pki.serverP12(),
                "      key-store-password-file: " + pki.serverPassword(),
                "      trust-anchors: " + pki.trustAnchors(),
                "      crls: [" + pki.crlPem() + "]",
                "audit:",
                "  source-id: ward@audit-e2e",
                "  spool-directory: " + spoolDirectory(home),
                "  repository:",
                "    host: 127.0.0.1",
                "    port: " + rsyslog.port(),
                "    key-store: " + pkiDir.resolve("ward-audit.p12"),
                "    key-store-password-file: " + pkiDir.resolve("ward-audit.p12.password"),
                "    trust-anchors: " + pki.trustAnchors(),
                ""));
        return new AuditRepositorySetup(home, config, pki, rsyslog);
    }

    private static Path spoolDirectory(Path home) {
        return home.resolve("var").resolve("audit-spool");
    }

    /**
     * The credential's private key as unencrypted PEM for rsyslog's GnuTLS driver, exported the way
     * an operator would: {@code openssl pkcs12 -nocerts -nodes}. (GnuTLS 3.7 refuses EC keys whose
     * ECPrivateKey lacks the optional public key; Ward's PKI writes it, and this test proves it.)
     */
    private static Path writeKeyPemForGnuTls(Path p12, Path passwordFile, Path target)
            throws IOException, InterruptedException {
        Process export = new ProcessBuilder(Openssl.binary().toString(), "pkcs12", "-in", p12.toString(),
                "-passin", "file:" + passwordFile, "-nocerts", "-nodes", "-out", target.toString())
                .redirectErrorStream(true).start();
        String output = new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!export.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || export.exitValue() != 0) {
            throw new IOException("openssl pkcs12 export failed: " + output);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        return target;
    }

    Path home() {
        return home;
    }

    Path config() {
        return config;
    }

    RsyslogReceiver rsyslog() {
        return rsyslog;
    }

    RepositoryLog repository() {
        return repositoryLog;
    }

    /** Bytes of all spool segment files now. */
    long spoolBytes() throws IOException {
        try (var files = Files.list(spoolDirectory(home))) {
            long total = 0;
            for (Path file : files.filter(p -> p.toString().endsWith(".seg")).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    /** An MLLP/TLS connection to Ward on {@code port} authenticated with the development device certificate. */
    MllpClient connectAsDevice(int port) throws IOException, GeneralSecurityException {
        return connect(port, pki.deviceP12());
    }

    /** An MLLP/TLS connection presenting {@code clientP12}, trusting Ward's development root. */
    MllpClient connect(int port, Path clientP12) throws IOException, GeneralSecurityException {
        SSLContext context = TlsContexts.sslContext(KeyMaterial.load(clientP12, KeyMaterial.passwordFileFor(clientP12)),
                TrustAnchors.trustManager(pki.trustAnchors()));
        return MllpClient.connect("127.0.0.1", port, context,
                TlsContexts.clientParameters(List.of(TlsProtocol.values()), Bcp195CipherSuites.ALL),
                Duration.ofSeconds(10), 1048576);
    }
}
