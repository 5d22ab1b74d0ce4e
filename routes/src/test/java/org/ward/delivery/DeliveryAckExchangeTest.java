package org.ward.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ward.delivery.AttemptOutcome.Result;

/** {@link AckExchange} against a scripted transport: which replies end an exchange, and which drop the connection. */
class DeliveryAckExchangeTest {

    private static final byte[] MESSAGE = "MSH|^~\\&|GW|ICU|EHR|HOSP|20250101||ORU^R01|M1|P|2.6\r"
            .getBytes(StandardCharsets.ISO_8859_1);

    private final ScriptedTransport transport = new ScriptedTransport();

    @Test
    void applicationAckIsDelivered() {
        transport.replies(ack("AA", "M1"));

        assertThat(attempt(AckKind.APPLICATION)).isEqualTo(new AttemptOutcome(Result.DELIVERED, "AA"));
        assertThat(transport.sent).containsExactly(new String(MESSAGE, StandardCharsets.ISO_8859_1));
        assertThat(transport.disconnects).isZero();
    }

    @Test
    void acceptAckThenApplicationErrorRetriesOnTheSameConnection() {
        transport.replies(ack("CA", "M1"), ack("AE", "M1"));

        assertThat(attempt(AckKind.APPLICATION)).isEqualTo(new AttemptOutcome(Result.RETRY, "AE"));
        assertThat(transport.disconnects).isZero();
    }

    @Test
    void acceptAckThenSilenceIsATimeout() {
        transport.replies(ack("CA", "M1"));

        assertThat(attempt(AckKind.APPLICATION))
                .isEqualTo(new AttemptOutcome(Result.RETRY, "no acknowledgement within 200 ms"));
        assertThat(transport.disconnects).isEqualTo(1);
    }

    @Test
    void acceptAckForAnotherMessageDropsTheConnection() {
        transport.replies(ack("CA", "M0"), ack("AA", "M1"));

        AttemptOutcome outcome = attempt(AckKind.APPLICATION);

        assertThat(outcome.result()).isEqualTo(Result.RETRY);
        assertThat(outcome.reason()).startsWith("CA for another message");
        assertThat(transport.disconnects).isEqualTo(1);
    }

    @Test
    void replyThatIsNotAnAcknowledgementDropsTheConnection() {
        transport.replies("MSH|^~\\&|EHR|HOSP|GW|ICU|20250101||ORU^R01|X|P|2.6\rPID|1\r".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(attempt(AckKind.COMMIT)).isEqualTo(new AttemptOutcome(Result.RETRY,
                "reply is not an acknowledgement (no MSA segment with a table 0008 code)"));
        assertThat(transport.disconnects).isEqualTo(1);
    }

    @Test
    void failedSendDropsTheConnection() {
        transport.sendFailure = new ConnectException("Connection refused");

        assertThat(attempt(AckKind.COMMIT))
                .isEqualTo(new AttemptOutcome(Result.RETRY, "cannot send: ConnectException: Connection refused"));
        assertThat(transport.disconnects).isEqualTo(1);
    }

    @Test
    void rejectionCarriesTheErrorCode() {
        transport.replies((new String(ack("CR", "M1"), StandardCharsets.ISO_8859_1)
                + "ERR|||207^Application internal error^HL70357|E\r").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(attempt(AckKind.COMMIT)).isEqualTo(new AttemptOutcome(Result.REJECTED, "CR ERR-3=207"));
    }

    private AttemptOutcome attempt(AckKind kind) {
        return new AckExchange(transport, kind, Duration.ofMillis(200)).attempt(MESSAGE, "M1");
    }

    private static byte[] ack(String code, String controlId) {
        return ("MSH|^~\\&|EHR|HOSP|GW|ICU|20250101||ACK^R01^ACK|A-" + controlId + "|P|2.6\rMSA|" + code + "|"
                + controlId + "\r").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Answers each receive with the next scripted reply; none left means the wait timed out. */
    private static final class ScriptedTransport implements DestinationTransport {
        final Deque<byte[]> replies = new ArrayDeque<>();
        final List<String> sent = new ArrayList<>();
        IOException sendFailure;
        int disconnects;

        void replies(byte[]... scripted) {
            replies.addAll(List.of(scripted));
        }

        @Override
        public void send(byte[] payload) throws IOException {
            if (sendFailure != null) {
                throw sendFailure;
            }
            sent.add(new String(payload, StandardCharsets.ISO_8859_1));
        }

        @Override
        public Optional<byte[]> receive(Duration wait) {
            return Optional.ofNullable(replies.poll());
        }

        @Override
        public void disconnect() {
            disconnects++;
        }

        @Override
        public void close() {
            disconnect();
        }
    }
}
