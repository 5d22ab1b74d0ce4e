package org.ward.conformance;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.ward.engine.Pcd01Samples;
import org.ward.mllp.MllpClient;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.TlsContexts;
import org.ward.tls.TlsProtocol;

/**
 * One device of {@link StoreAndForwardCrashTest}: sends its own control IDs in order
 * ({@code D3-000001}, {@code D3-000002}… for device 3), one at a time on one connection, each only
 * after the previous one was acknowledged. A transport error (Ward killed) means reconnect and resend
 * the same message, as a real sender does, for at most {@link #RESEND_WINDOW} per message.
 */
final class CrashSender implements Callable<Void> {

    /** How long the device keeps trying one message across a kill and restart. */
    private static final Duration RESEND_WINDOW = Duration.ofSeconds(90);

    private final int device;
    private final int messages;
    private final SSLContext tls;
    private final int port;
    private final String pcd01;
    /** Every attempt, resends included. */
    private final AtomicInteger sent = new AtomicInteger();
    /** Highest sequence number written at least once. */
    private final AtomicInteger attempted = new AtomicInteger();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();

    CrashSender(int device, int messages, SSLContext tls, int port, String pcd01) {
        this.device = device;
        this.messages = messages;
        this.tls = tls;
        this.port = port;
        this.pcd01 = pcd01;
    }

    @Override
    public Void call() throws Exception {
        MllpClient client = null;
        try {
            for (int i = 1; i <= messages; i++) {
                String id = controlId(i);
                byte[] message = Pcd01Samples.withControlId(pcd01, id).getBytes(US_ASCII);
                attempted.set(i);
                long giveUp = System.nanoTime() + RESEND_WINDOW.toNanos();
                while (true) {
                    try {
                        if (client == null) {
                            client = connect();
                        }
                        sent.incrementAndGet();
                        String msa = msa(client.exchange(message));
                        assertThat(msa).as("ACK to %s", id).isEqualTo("MSA|AA|" + id);
                        acknowledged.add(id);
                        break;
                    } catch (IOException e) {
                        closeQuietly(client);
                        client = null;
                        if (System.nanoTime() - giveUp > 0) {
                            throw new AssertionError(id + " not acknowledged within " + RESEND_WINDOW, e);
                        }
                        Thread.sleep(100);
                    }
                }
            }
        } finally {
            closeQuietly(client);
        }
        return null;
    }

    int device() {
        return device;
    }

    int sent() {
        return sent.get();
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Whether every message of this device was acknowledged. */
    boolean finished() {
        return acknowledged.size() == messages;
    }

    /** Highest sequence number this device wrote at least once: nothing above it may reach the receiver. */
    int attempted() {
        return attempted.get();
    }

    /** The control IDs Ward answered AA, in the order sent. */
    List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    String controlId(int sequence) {
        return String.format("D%d-%06d", device, sequence);
    }

    boolean owns(String controlId) {
        return controlId.startsWith("D" + device + "-");
    }

    /** The sequence number of one of this device's control IDs. */
    int sequence(String controlId) {
        return Integer.parseInt(controlId.substring(controlId.indexOf('-') + 1));
    }

    private MllpClient connect() throws IOException {
        return MllpClient.connect("127.0.0.1", port, tls,
                TlsContexts.clientParameters(List.of(TlsProtocol.values()), Bcp195CipherSuites.ALL),
                Duration.ofSeconds(10), 1048576);
    }

    private static void closeQuietly(MllpClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (IOException e) {
            // The connection is already broken (Ward was killed); nothing left to release.
        }
    }

    /** The MSA segment of an ACK, without its trailing fields. */
    private static String msa(byte[] ack) {
        for (String segment : new String(ack, US_ASCII).split("\r")) {
            if (segment.startsWith("MSA|")) {
                String[] fields = segment.split("\\|");
                return fields.length >= 3 ? "MSA|" + fields[1] + "|" + fields[2] : segment;
            }
        }
        return "(no MSA in " + new String(ack, US_ASCII).replace('\r', '\n') + ")";
    }
}
