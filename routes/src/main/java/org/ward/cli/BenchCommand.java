package org.ward.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.ward.bench.Bench;
import org.ward.bench.BenchReport;
import org.ward.config.Durations;
import org.ward.tls.KeyMaterial;
import org.ward.tls.PeerIdentity;
import org.ward.tls.TlsContexts;
import org.ward.tls.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = {"Load generator: sends HL7 v2 over MLLP/TLS from several connections and reports msg/s, ACK"
                + " latency percentiles (HdrHistogram; open loop corrected for coordinated omission) and errors by kind.",
            "--baseline first measures a bare camel-netty MLLP receiver (no TLS, no checks, AA at once) on this"
                    + " machine with the same load, and states the target's throughput as a ratio to it."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", converter = SendCommand.HostAndPort.Converter.class,
            description = "The MLLP/TLS listener to load, e.g. 127.0.0.1:2575.")
    private SendCommand.HostAndPort to;

    @Option(names = "--cert", required = true, paramLabel = "P12",
            description = "Client certificate and key (PKCS#12); its password is read from P12.password.")
    private Path cert;

    @Option(names = "--trust", paramLabel = "PEM", description = "CA certificates the server must chain to.")
    private Path trust;

    @Option(names = "--connections", defaultValue = "16", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "MSG/S",
            description = "Open loop at this total rate; 0 (default) is closed loop, as fast as ACKs come back.")
    private double rate;

    @Option(names = "--duration", defaultValue = "60s", description = "Measurement time (default: ${DEFAULT-VALUE}).")
    private String duration;

    @Option(names = "--warmup", defaultValue = "10s", description = "Load before measuring (default: ${DEFAULT-VALUE}).")
    private String warmup;

    @Option(names = "--message", paramLabel = "FILE",
            description = "Send the messages in these files (MSH-10 replaced per message) instead of generated PCD-01.")
    private List<Path> messageFiles;

    @Option(names = "--size", defaultValue = "1500", description = "Size of a generated PCD-01 in bytes (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--patients", defaultValue = "1000", description = "Patients generated messages spread over (default: ${DEFAULT-VALUE}).")
    private int patients;

    @Option(names = "--baseline", description = "Measure the bare reference receiver first and report the ratio.")
    private boolean baseline;

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (connections < 1 || connections > 10_000) {
            throw new ParameterException(spec.commandLine(), "--connections must be 1 to 10000");
        }
        if (rate < 0 || size < 200 || patients < 1) {
            throw new ParameterException(spec.commandLine(), "--rate must be >= 0, --size >= 200, --patients >= 1");
        }
        Duration measure = duration(duration, "--duration");
        Duration warm = duration(warmup, "--warmup");
        KeyMaterial key = KeyMaterial.load(cert, KeyMaterial.passwordFileFor(cert));
        SSLContext tls = TlsContexts.sslContext(key, trust != null ? TrustAnchors.trustManager(trust)
                : SendCommand.jdkTrustManager());
        Bench.Settings settings = new Bench.Settings(connections, rate, warm, measure,
                messageFiles == null ? Optional.empty() : Optional.of(readAll(messageFiles)), size, patients,
                deviceOf(key));
        PrintWriter err = spec.commandLine().getErr();
        BenchReport report = Bench.run(to.host(), to.port(), tls, settings, baseline, line -> {
            err.print("\r" + line + "   ");
            err.flush();
        });
        err.println();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try (JsonGenerator generator = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
                report.json(generator);
            }
            out.println();
        } else {
            out.print(report.text());
        }
        out.flush();
        return report.targetErrors() == 0 ? 0 : 1;
    }

    private Duration duration(String text, String option) {
        return Durations.parse(text).filter(d -> !d.isNegative())
                .orElseThrow(() -> new ParameterException(spec.commandLine(), option + " is not a duration such as 30s"));
    }

    private static List<String> readAll(List<Path> files) throws IOException {
        List<String> all = new java.util.ArrayList<>();
        for (Path file : files) {
            all.addAll(MessageFile.read(file));
        }
        return all;
    }

    /** The EUI-64 the client certificate names, so generated messages pass device identity binding. */
    private static String deviceOf(KeyMaterial key) throws GeneralSecurityException {
        KeyStore store = key.keyStore();
        for (String alias : Collections.list(store.aliases())) {
            if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                Optional<String> eui64 = PeerIdentity.of(certificate).deviceEui64();
                if (eui64.isPresent()) {
                    return eui64.get();
                }
            }
        }
        return "0123456789abcdef";
    }
}
