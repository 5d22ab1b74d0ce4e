package org.ward.audit.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tiny CA made with the openssl CLI in a temp directory: ECDSA P-256, a server certificate for
 * rsyslog (CN=localhost, SAN localhost + 127.0.0.1) and a client certificate for Ward. Public for
 * the repository tests, which use the same files the other way round.
 */
public final class TestPki {

    public static final String CLIENT_CN = "ward-audit-client";
    private static final char[] P12_PASSWORD = "test-only".toCharArray();

    public final Path dir;
    public final Path caPem;
    public final Path serverPem;
    public final Path serverKey;

    private TestPki(Path dir) {
        this.dir = dir;
        this.caPem = dir.resolve("ca.pem");
        this.serverPem = dir.resolve("server.pem");
        this.serverKey = dir.resolve("server.key");
    }

    public static TestPki create(Path dir) throws IOException, InterruptedException {
        TestPki pki = new TestPki(dir);
        pki.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key");
        pki.openssl("req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=Ward Test Audit CA", "-days", "2",
                "-out", "ca.pem", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        pki.issue("server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
                + "keyUsage=critical,digitalSignature\n");
        pki.issue("client", CLIENT_CN, "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n");
        pki.issue("stranger", "not-permitted", "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n");
        return pki;
    }

    private void issue(String name, String cn, String extensions) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
        openssl("req", "-new", "-key", name + ".key", "-subj", "/CN=" + cn, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-out", name + ".pem", "-extfile", name + ".ext");
        openssl("pkcs12", "-export", "-inkey", name + ".key", "-in", name + ".pem", "-certfile", "ca.pem",
                "-name", name, "-out", name + ".p12", "-passout", "pass:" + new String(P12_PASSWORD));
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    /** Ward's client key (CN=ward-audit-client) and the test CA as the only anchor. */
    public SyslogTlsCredentials clientCredentials() throws IOException, GeneralSecurityException {
        return credentials("client");
    }

    /** A client the CA signed but rsyslog does not permit (CN=not-permitted). */
    public SyslogTlsCredentials strangerCredentials() throws IOException, GeneralSecurityException {
        return credentials("stranger");
    }

    private SyslogTlsCredentials credentials(String name) throws IOException, GeneralSecurityException {
        return new SyslogTlsCredentials(keyStore(name), password(), List.of(ca()));
    }

    /** The PKCS#12 of "server", "client" or "stranger" (password {@link #password()}). */
    public KeyStore keyStore(String name) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            keyStore.load(in, P12_PASSWORD);
        }
        return keyStore;
    }

    public char[] password() {
        return P12_PASSWORD.clone();
    }

    public X509Certificate ca() throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(caPem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
