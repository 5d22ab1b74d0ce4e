package org.ward.engine;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.hl7.MessageHeader;
import org.ward.mllp.Mllp;
import org.ward.mllp.MllpClient;
import org.ward.pki.DevelopmentPki;

/** The listener end to end in-process: real TLS sockets, the real Camel route. */
class MllpListenerTest {

    static final String PCD01 = Pcd01Samples.bloodPressure();

    @TempDir
    static Path dir;
    static WardFixture ward;

    @BeforeAll
    static void start() throws Exception {
        ward = WardFixture.start(dir, "2s", 4096);
    }

    @AfterAll
    static void stop() throws IOException {
        ward.close();
    }

    private static String msa(byte[] ack) {
        for (String segment : new String(ack, ISO_8859_1).split("\r")) {
            if (segment.startsWith("MSA|")) {
                return segment;
            }
        }
        throw new AssertionError("no MSA in ACK");
    }

    @Test
    void deviceWithTrustedCertificateGetsAaWithItsControlId() throws Exception {
        try (MllpClient client = ward.connectAsDevice()) {
            byte[] ack = client.exchange(PCD01.getBytes(US_ASCII));
            assertThat(msa(ack)).isEqualTo("MSA|AA|MSGID1234");
            MessageHeader header = MessageHeader.read(new String(ack, US_ASCII)).orElseThrow();
            assertThat(header.messageType()).isEqualTo("ACK^R01");
            assertThat(header.field(5)).isEqualTo("AcmeInc^ACDE48234567ABCD^EUI-64");
            assertThat(header.controlId()).isNotEqualTo("MSGID1234").isNotEmpty();
            assertThat(header.field(3)).isEqualTo("WARD");
            assertThat(header.field(21)).isEqualTo("IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO");
        }
    }

    /** on-audit-failure: refuse with the spool unable to keep records: refused, not journalled, and the refusal audited. */
    @Test
    void aMessageIsRefusedWhileTheAuditTrailRefusesExchanges() throws Exception {
        String message = Pcd01Samples.withControlId(PCD01, "UNAUDITED-1");
        ward.audit().refuseExchanges(true);
        try (MllpClient client = ward.connectAsDevice()) {
            String ack = new String(client.exchange(message.getBytes(US_ASCII)), ISO_8859_1);
            assertThat(msa(ack.getBytes(ISO_8859_1))).isEqualTo("MSA|AR|UNAUDITED-1");
            assertThat(ack).contains("ERR|||207^Application internal error^HL70357|E||||Audit trail unavailable");
        } finally {
            ward.audit().refuseExchanges(false);
        }
        assertThat(ward.engine().journal().list(org.ward.store.JournalQuery.all()))
                .noneMatch(entry -> entry.controlId().equals("UNAUDITED-1"));
        assertThat(ward.audit().xml()).anySatisfy(xml -> assertThat(xml)
                .contains("EventOutcomeIndicator=\"8\"")
                .contains(java.util.Base64.getEncoder().encodeToString("UNAUDITED-1".getBytes(US_ASCII))));
        try (MllpClient client = ward.connectAsDevice()) {
            assertThat(msa(client.exchange(message.getBytes(US_ASCII)))).isEqualTo("MSA|AA|UNAUDITED-1");
        }
    }

    @Test
    void severalMessagesOnOneConnectionAreAnsweredInOrder() throws Exception {
        try (MllpClient client = ward.connectAsDevice()) {
            for (int i = 1; i <= 20; i++) {
                byte[] ack = client.exchange(Pcd01Samples.withControlId(PCD01, "M-" + i).getBytes(US_ASCII));
                assertThat(msa(ack)).isEqualTo("MSA|AA|M-" + i);
            }
        }
    }

    @Test
    void pipelinedFramesInOneWriteGetOneAckEachInOrder() throws Exception {
        try (MllpClient client = ward.connectAsDevice()) {
            // Warm the connection, then write three frames in one TCP write through the same socket.
            assertThat(msa(client.exchange(PCD01.getBytes(US_ASCII)))).isEqualTo("MSA|AA|MSGID1234");
        }
        SSLSocket socket = RawTls.connectAsDevice(ward);
        try (socket) {
            StringBuilder frames = new StringBuilder();
            for (int i = 1; i <= 3; i++) {
                frames.append((char) Mllp.START_BLOCK).append(Pcd01Samples.withControlId(PCD01, "P-" + i))
                        .append((char) Mllp.END_BLOCK).append((char) Mllp.CARRIAGE_RETURN);
            }
            OutputStream out = socket.getOutputStream();
            out.write(frames.toString().getBytes(US_ASCII));
            out.flush();
            String replies = RawTls.readUntilFrames(socket.getInputStream(), 3);
            assertThat(replies).containsSubsequence("MSA|AA|P-1", "MSA|AA|P-2", "MSA|AA|P-3");
        }
    }

    @Test
    void enhancedModeAlAlGetsAnAcceptAckThenAnApplicationAckOnTheSameConnection() throws Exception {
        String message = Pcd01Samples.withMsh(Pcd01Samples.withMsh(PCD01, 15, "AL"), 16, "AL");
        try (MllpClient client = ward.connectAsDevice()) {
            assertThat(msa(client.exchange(message.getBytes(US_ASCII)))).isEqualTo("MSA|CA|MSGID1234");
            assertThat(msa(client.receive())).isEqualTo("MSA|AA|MSGID1234");
        }
    }

    @Test
    void pcdDeviceAskingAlNeGetsExactlyOneCommitAccept() throws Exception {
        String alNe = Pcd01Samples.withControlId(Pcd01Samples.withMsh(Pcd01Samples.withMsh(PCD01, 15, "AL"), 16, "NE"), "FIRST");
        try (MllpClient client = ward.connectAsDevice()) {
            assertThat(msa(client.exchange(alNe.getBytes(US_ASCII)))).isEqualTo("MSA|CA|FIRST");
            // Nothing else is queued for FIRST: the next reply on the connection answers SECOND.
            assertThat(msa(client.exchange(Pcd01Samples.withControlId(PCD01, "SECOND").getBytes(US_ASCII))))
                    .isEqualTo("MSA|AA|SECOND");
        }
    }

    @Test
    void senderAskingForNoAcknowledgmentGetsNoneAndKeepsItsConnection() throws Exception {
        long accepted = ward.stats().acceptedCount();
        String neNe = Pcd01Samples.withControlId(Pcd01Samples.withMsh(Pcd01Samples.withMsh(PCD01, 15, "NE"), 16, "NE"), "QUIET");
        SSLSocket socket = RawTls.connectAsDevice(ward);
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(RawTls.frame(neNe));
            out.write(RawTls.frame(Pcd01Samples.withControlId(PCD01, "LOUD")));
            out.flush();
            String replies = RawTls.readUntilFrames(socket.getInputStream(), 1);
            assertThat(replies).contains("MSA|AA|LOUD").doesNotContain("QUIET");
        }
        assertThat(ward.stats().acceptedCount()).isEqualTo(accepted + 2);
    }

    @Test
    void unsupportedMessageTypeGetsArWith200() throws Exception {
        String adt = Pcd01Samples.withMsh(PCD01, 9, "ADT^A01^ADT_A01");
        try (MllpClient client = ward.connectAsDevice()) {
            String ack = new String(client.exchange(adt.getBytes(US_ASCII)), US_ASCII);
            assertThat(ack).contains("MSA|AR|MSGID1234\r").contains("ERR||MSH^1^9^1^1|200^Unsupported message type^HL70357|E");
            assertThat(MessageHeader.read(ack).orElseThrow().field(21)).isEmpty();
        }
    }

    @Test
    void unreadableMessageGetsArWithErrAndEchoedControlId() throws Exception {
        long refusedBefore = ward.stats().refusedCount();
        String badCharset = Pcd01Samples.withMsh(PCD01, 18, "EBCDIC");
        try (MllpClient client = ward.connectAsDevice()) {
            String ack = new String(client.exchange(badCharset.getBytes(US_ASCII)), US_ASCII);
            assertThat(ack).contains("MSA|AR|MSGID1234\r").contains("ERR||MSH^1^18^1|103^Table value not found^HL70357|E");
            assertThat(ack).doesNotContain("Doe", "789567", "Exception", "at org.");
        }
        assertThat(ward.stats().refusedCount()).isEqualTo(refusedBefore + 1);
    }

    @Test
    void payloadWithoutMshGetsArWithoutControlId() throws Exception {
        try (MllpClient client = ward.connectAsDevice()) {
            String ack = new String(client.exchange("PID|||123||DOE^JANE\r".getBytes(US_ASCII)), US_ASCII);
            assertThat(ack).contains("\rMSA|AR\r").contains("|100^Segment sequence error^HL70357|E");
            assertThat(ack).doesNotContain("DOE");
        }
    }

    @Test
    void latin1MessageIsAnsweredInLatin1() throws Exception {
        String latin1 = Pcd01Samples.withMsh(PCD01, 18, "8859/1").replace("Joseph", "Jos\u00e9");
        try (MllpClient client = ward.connectAsDevice()) {
            byte[] ack = client.exchange(latin1.getBytes(ISO_8859_1));
            assertThat(msa(ack)).isEqualTo("MSA|AA|MSGID1234");
            assertThat(MessageHeader.read(new String(ack, ISO_8859_1)).orElseThrow().characterSet()).isEqualTo("8859/1");
        }
    }

    @Test
    void oversizedFrameClosesTheConnectionWithoutProcessing() throws Exception {
        long before = ward.stats().receivedCount();
        String huge = PCD01 + "NTE|1||" + "x".repeat(5000) + "\r";
        try (MllpClient client = ward.connectAsDevice()) {
            assertThatThrownBy(() -> client.exchange(huge.getBytes(US_ASCII))).isInstanceOf(IOException.class);
        }
        assertThat(ward.stats().receivedCount()).isEqualTo(before);
    }

    @Test
    void idleConnectionIsClosedByTheServer() throws Exception {
        SSLSocket socket = RawTls.connectAsDevice(ward);
        try (socket) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            int read = socket.getInputStream().read();
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(read).isEqualTo(-1);
            assertThat(waitedMs).isBetween(1_500L, 9_000L);
        }
    }

    @Test
    void clientCertificateFromAnotherCaIsRefusedDuringTheHandshake(@TempDir Path otherDir) throws Exception {
        long before = ward.stats().receivedCount();
        var stranger = DevelopmentPki.ensure(otherDir.resolve("pki"));
        assertThatThrownBy(() -> {
            try (MllpClient client = ward.connect(stranger.deviceP12())) {
                client.exchange(PCD01.getBytes(US_ASCII));
            }
        }).isInstanceOfAny(SSLException.class, IOException.class);
        assertThat(ward.stats().receivedCount()).isEqualTo(before);
    }

    @Test
    void certificateWithoutTheClientAuthPurposeIsRefused() throws Exception {
        // The development server certificate chains to the same root but its EKU is serverAuth only
        // (RFC 5280 §4.2.1.12): it must not authenticate a client.
        long before = ward.stats().receivedCount();
        assertThatThrownBy(() -> {
            try (MllpClient client = ward.connect(ward.pki().serverP12())) {
                client.exchange(PCD01.getBytes(US_ASCII));
            }
        }).isInstanceOfAny(SSLException.class, IOException.class);
        assertThat(ward.stats().receivedCount()).isEqualTo(before);
    }

    @Test
    void ehrClientCertificateIsAcceptedToo() throws Exception {
        try (MllpClient client = ward.connect(ward.pki().ehrP12())) {
            assertThat(msa(client.exchange(PCD01.getBytes(US_ASCII)))).isEqualTo("MSA|AA|MSGID1234");
        }
    }

    static final class RawTls {
        static SSLSocket connectAsDevice(WardFixture ward) throws Exception {
            var keys = org.ward.tls.KeyMaterial.load(ward.pki().deviceP12(),
                    org.ward.tls.KeyMaterial.passwordFileFor(ward.pki().deviceP12()));
            var context = org.ward.tls.TlsContexts.sslContext(keys,
                    org.ward.tls.TrustAnchors.trustManager(ward.pki().trustAnchors()));
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", ward.port());
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket;
        }

        static byte[] frame(String message) {
            return ((char) Mllp.START_BLOCK + message + (char) Mllp.END_BLOCK + (char) Mllp.CARRIAGE_RETURN)
                    .getBytes(ISO_8859_1);
        }

        static String readUntilFrames(InputStream in, int frames) throws IOException {
            StringBuilder text = new StringBuilder();
            int seen = 0;
            while (seen < frames) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                text.append((char) b);
                if (b == Mllp.END_BLOCK) {
                    seen++;
                }
            }
            return text.toString();
        }
    }
}
