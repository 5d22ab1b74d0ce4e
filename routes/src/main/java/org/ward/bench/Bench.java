package org.ward.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.ward.mllp.MllpClient;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.TlsContexts;
import org.ward.tls.TlsProtocol;

/** {@code ward bench}: runs the load, and first the bare baseline when asked. */
public final class Bench {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ACK_BYTES = 1 << 20;

    /**
     * @param rate     total offered msg/s for open loop; 0 for closed loop
     * @param messages messages to send in turn (MSH-10 replaced); empty for generated PCD-01
     * @param eui64    the device EUI-64 generated messages name (the client certificate's)
     */
    public record Settings(int connections, double rate, Duration warmup, Duration duration, Optional<List<String>> messages,
                           int size, int patients, String eui64) {
        public Settings {
            Objects.requireNonNull(warmup, "warmup");
            Objects.requireNonNull(duration, "duration");
            messages = messages.map(List::copyOf);
        }
    }

    private Bench() {
    }

    public static BenchReport run(String host, int port, SSLContext tls, Settings settings, boolean baseline,
                                  Consumer<String> progress) throws Exception {
        LoadRun.Messages messages = messages(settings);
        Optional<BenchResult> reference = Optional.empty();
        if (baseline) {
            try (BaselineReceiver receiver = BaselineReceiver.start()) {
                reference = Optional.of(new LoadRun(
                        () -> MllpClient.connectPlain("127.0.0.1", receiver.port(), CONNECT_TIMEOUT, MAX_ACK_BYTES),
                        messages, settings.connections(), settings.rate(), settings.warmup(), settings.duration())
                        .run(line -> progress.accept("baseline " + line)));
            }
        }
        BenchResult target = new LoadRun(
                () -> MllpClient.connect(host, port, tls,
                        TlsContexts.clientParameters(List.of(TlsProtocol.values()), Bcp195CipherSuites.ALL),
                        CONNECT_TIMEOUT, MAX_ACK_BYTES),
                messages, settings.connections(), settings.rate(), settings.warmup(), settings.duration())
                .run(line -> progress.accept("target " + line));
        return new BenchReport(host + ":" + port, target, reference);
    }

    private static LoadRun.Messages messages(Settings settings) {
        if (settings.messages().isPresent()) {
            List<String> files = settings.messages().get();
            return (controlId, sequence) -> withControlId(files.get((int) (sequence % files.size())), controlId);
        }
        Pcd01Generator generator = new Pcd01Generator(settings.eui64(), settings.size(), settings.patients());
        return generator::message;
    }

    /** The message with MSH-10 set to {@code controlId}. */
    static String withControlId(String message, String controlId) {
        int end = message.indexOf('\r');
        String header = end < 0 ? message : message.substring(0, end);
        String[] fields = header.split("\\|", -1);
        if (fields.length < 10) {
            throw new IllegalArgumentException("a message to send must have MSH-10");
        }
        fields[9] = controlId;
        return String.join("|", fields) + (end < 0 ? "" : message.substring(end));
    }
}
