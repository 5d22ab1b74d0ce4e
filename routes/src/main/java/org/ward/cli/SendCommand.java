package org.ward.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.ward.hl7.MessageHeader;
import org.ward.mllp.MllpClient;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TlsProtocol;
import org.ward.tls.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "send", description = "Send HL7 v2 messages over MLLP/TLS with a client certificate; print MSA-1 and MSA-2 of each ACK.")
final class SendCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", converter = HostAndPort.Converter.class,
            description = "Where to send, e.g. localhost:2575 or [::1]:2575.")
    private HostAndPort to;

    @Option(names = "--cert", required = true, paramLabel = "P12", description = "Client key and certificate chain (PKCS#12).")
    private Path cert;

    @Option(names = "--cert-password-file", paramLabel = "FILE", description = "Password of --cert (default: P12 path + .password).")
    private Path certPasswordFile;

    @Option(names = "--trust", paramLabel = "PEM", description = "CA certificates to trust for the server (default: the JDK's CA store).")
    private Path trust;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Connect and ACK timeout in seconds (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--max-frame-bytes", paramLabel = "N", defaultValue = "1048576", description = "Largest ACK accepted (default: ${DEFAULT-VALUE}).")
    private int maxFrameBytes;

    @Option(names = "--grace-ms", paramLabel = "MS", defaultValue = "1000",
            description = "How long to wait for an acknowledgment the receiver sends only on error or only on success (MSH-15/16 ER or SU; default: ${DEFAULT-VALUE}).")
    private long graceMillis;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Message files; CR, LF or CRLF segment endings; several messages per file allowed.")
    private List<Path> files;

    @Override
    public Integer call() throws IOException, GeneralSecurityException {
        PrintWriter out = spec.commandLine().getOut();
        HostAndPort target = to;
        SSLContext context = TlsContexts.sslContext(
                KeyMaterial.load(cert, certPasswordFile != null ? certPasswordFile : KeyMaterial.passwordFileFor(cert)),
                trust != null ? TrustAnchors.trustManager(trust) : jdkTrustManager());
        int failures = 0;
        try (MllpClient client = MllpClient.connect(target.host(), target.port(), context,
                TlsContexts.clientParameters(List.of(TlsProtocol.values()), Bcp195CipherSuites.ALL),
                Duration.ofSeconds(timeoutSeconds), maxFrameBytes)) {
            for (Path file : files) {
                List<String> messages = MessageFile.read(file);
                for (int i = 0; i < messages.size(); i++) {
                    String label = messages.size() == 1 ? file.toString() : file + "#" + (i + 1);
                    failures += exchange(client, messages.get(i), label, out);
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /**
     * Sends one message and prints every acknowledgment it draws: none (NE/NE), one, or an accept
     * ACK followed by an application ACK (enhanced mode). Returns the number of failures.
     */
    private int exchange(MllpClient client, String message, String label, PrintWriter out) throws IOException {
        Optional<MessageHeader> sent = MessageHeader.read(message);
        client.send(message.getBytes(StandardCharsets.ISO_8859_1));
        ReplyExpectation expectation = ReplyExpectation.first(sent);
        int replies = 0;
        int failures = 0;
        while (expectation != ReplyExpectation.NONE) {
            Optional<byte[]> reply = expectation == ReplyExpectation.CERTAIN
                    ? Optional.of(client.receive())
                    : client.receive(Duration.ofMillis(graceMillis));
            if (reply.isEmpty()) {
                break;
            }
            replies++;
            AckSummary ack = AckSummary.of(new String(reply.get(), StandardCharsets.ISO_8859_1));
            out.println(label + ": " + ack);
            out.flush();
            if (!ack.isPositive()) {
                failures++;
            }
            expectation = ReplyExpectation.after(sent, ack.code());
        }
        if (replies == 0) {
            out.println(label + ": sent; no acknowledgment (MSH-15/MSH-16 asked for none)");
            out.flush();
        }
        return failures;
    }

    static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((java.security.KeyStore) null);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    /** {@code host:port} or {@code [v6]:port}. */
    record HostAndPort(String host, int port) {

        /** Lets picocli report a malformed --to as a usage error (exit 2). */
        static final class Converter implements ITypeConverter<HostAndPort> {
            @Override
            public HostAndPort convert(String value) {
                try {
                    return parse(value);
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException(e.getMessage());
                }
            }
        }

        static HostAndPort parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("--to must be HOST:PORT, got '" + text + "'");
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--to port is not a number in '" + text + "'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--to port must be 1-65535, got " + port);
            }
            return new HostAndPort(host, port);
        }
    }
}
