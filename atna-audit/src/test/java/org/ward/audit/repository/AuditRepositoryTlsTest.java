package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.security.KeyStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.syslog.ConnectionListener;
import org.ward.audit.syslog.SyslogConfig;
import org.ward.audit.syslog.SyslogIdentity;
import org.ward.audit.syslog.SyslogTlsSender;
import org.ward.audit.syslog.TestPki;

/** The repository over real mutual TLS: Ward's own RFC 5425 sender, a misbehaving JSSE peer, a client without a certificate. */
class AuditRepositoryTlsTest {

    @TempDir
    static Path pkiDir;
    static TestPki pki;

    @TempDir
    Path dataDir;
    private AuditRepository repository;

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.create(pkiDir);
    }

    @BeforeEach
    void start() throws Exception {
        repository = AuditRepository.start(RepositoryPeers.config(pki, dataDir));
    }

    @AfterEach
    void stop() {
        repository.close();
    }

    @Test
    void wardsSyslogTlsSenderDeliversRecordsThatAreStoredIndexedAndVerify() throws Exception {
        SyslogConfig config = SyslogConfig.of("localhost", repository.address().getPort(),
                new SyslogIdentity("icu-gw-1", "ward", "4242"));
        try (SyslogTlsSender sender = new SyslogTlsSender(config, pki.clientCredentials(), ConnectionListener.NONE)) {
            sender.start();
            long generation = sender.awaitConnected(Duration.ofSeconds(10));
            assertThat(generation).isPositive();
            List<byte[]> messages = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                messages.add(Records.importSyslog("PAT-" + (i % 10), "MSG-" + i));
            }
            CompletableFuture.allOf(sender.sendAll(generation, messages).toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);

            List<AuditRow> rows = RepositoryPeers.awaitPatient(repository, "PAT-3", 10, Duration.ofSeconds(15), "");
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.status()).isEqualTo(RecordStatus.VALID);
                assertThat(row.source()).contains("CN=" + TestPki.CLIENT_CN);
                assertThat(row.eventId()).isEqualTo("110107");
            });
        }
        awaitStored(100);
        repository.close();
        assertThat(repository.stats().checkpoints()).isPositive();
        VerifyResult result = AuditRepository.verify(repository.store().config(), VerifyProgress.NONE);
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.lastSeq()).isEqualTo(100);
    }

    @Test
    void badRecordsAndOversizeFramesAreCountedAndTheRecordsAroundThemStored() throws Exception {
        try (SSLSocket socket = clientSocket()) {
            OutputStream out = socket.getOutputStream();
            write(out, Records.importSyslog("PAT-BEFORE", "M1"));
            write(out, "not a syslog header".getBytes(StandardCharsets.US_ASCII));
            byte[] big = new byte[AuditRepositoryConfig.DEFAULT_MAX_FRAME_BYTES + 1];
            java.util.Arrays.fill(big, (byte) 'x');
            write(out, big);
            write(out, "<85>1 - h a p IHE+RFC-3881 - \u00e9".getBytes(StandardCharsets.ISO_8859_1));
            write(out, Records.importSyslog("PAT-AFTER", "M2"));
            out.flush();
            RepositoryPeers.awaitPatient(repository, "PAT-AFTER", 1, Duration.ofSeconds(15), "");
        }
        awaitStored(4);
        RepositoryStats stats = repository.stats();
        assertThat(stats.frames()).isEqualTo(5);
        assertThat(stats.oversizeFrames()).isEqualTo(1);
        assertThat(stats.malformedHeader()).isEqualTo(1);
        assertThat(stats.notUtf8()).isEqualTo(1);
        assertThat(repository.store().findByPatient("PAT-BEFORE", 1)).hasSize(1);
    }

    @Test
    void aClientWithoutCertificateIsRefusedAndCounted() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                repository.address().getPort())) {
            socket.setSoTimeout(2000);
            try {
                socket.startHandshake();
                socket.getOutputStream().write("5 <0>1 ".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                socket.getInputStream().read(); // TLS 1.3: the refusal arrives after our Finished
            } catch (java.io.IOException expected) {
                // handshake_failure / certificate_required
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (repository.stats().handshakeFailures() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(repository.stats().handshakeFailures()).isEqualTo(1);
        assertThat(repository.stats().frames()).isZero();
    }

    private void awaitStored(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (repository.stats().stored() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(repository.stats().stored()).isEqualTo(count);
    }

    private static void write(OutputStream out, byte[] msg) throws java.io.IOException {
        out.write((msg.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(msg);
    }

    private SSLSocket clientSocket() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(pki.keyStore("client"), pki.password());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), trust(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                repository.address().getPort());
        socket.startHandshake();
        return socket;
    }

    private static javax.net.ssl.TrustManager[] trust() throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", pki.ca());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        return tmf.getTrustManagers();
    }
}
