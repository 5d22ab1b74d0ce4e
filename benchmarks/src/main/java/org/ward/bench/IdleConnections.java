package org.ward.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.ward.mllp.MllpClient;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TlsProtocol;
import org.ward.tls.TrustAnchors;

/**
 * Opens N mutual-TLS MLLP connections to Ward, holds them idle, then proves each is still served by
 * sending one message on every connection and counting the AA (or CA) answers. Between "held" and the check
 * it waits for a line on stdin (or EOF), so the caller can measure Ward's heap while all are open.
 *
 * <pre>IdleConnections HOST PORT DEVICE.p12 TRUST.pem N MESSAGE-FILE</pre>
 * MESSAGE-FILE's MSH-10 is replaced per connection. Prints {@code held N}, then {@code answered AA/CA K of N}.
 * Exit 0 when every connection answered AA or CA.
 */
public final class IdleConnections {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private IdleConnections() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: IdleConnections HOST PORT DEVICE.p12 TRUST.pem N MESSAGE-FILE");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Path p12 = Path.of(args[2]);
        SSLContext context = TlsContexts.sslContext(KeyMaterial.load(p12, KeyMaterial.passwordFileFor(p12)),
                TrustAnchors.trustManager(Path.of(args[3])));
        SSLParameters parameters = TlsContexts.clientParameters(List.of(TlsProtocol.values()), Bcp195CipherSuites.ALL);
        int count = Integer.parseInt(args[4]);
        String message = Files.readString(Path.of(args[5]), StandardCharsets.ISO_8859_1)
                .replace("\r\n", "\r").replace('\n', '\r');

        long start = System.nanoTime();
        List<MllpClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<MllpClient>> opening = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                opening.add(pool.submit(() -> MllpClient.connect(host, port, context, parameters, TIMEOUT, 1 << 20)));
            }
            for (Future<MllpClient> client : opening) {
                clients.add(client.get(60, TimeUnit.SECONDS));
            }
            System.out.printf("held %d (opened in %.1f s)%n", clients.size(), (System.nanoTime() - start) / 1e9);
            System.out.flush();
            System.in.read(); // the caller measures Ward now

            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                MllpClient client = clients.get(i);
                String controlId = "IDLE-" + i;
                answers.add(pool.submit(() -> {
                    byte[] ack = client.exchange(Bench.withControlId(message, controlId)
                            .getBytes(StandardCharsets.ISO_8859_1));
                    String text = new String(ack, StandardCharsets.ISO_8859_1);
                    return text.contains("MSA|AA|" + controlId) || text.contains("MSA|CA|" + controlId);
                }));
            }
            int answered = 0;
            for (Future<Boolean> answer : answers) {
                try {
                    answered += answer.get(60, TimeUnit.SECONDS) ? 1 : 0;
                } catch (java.util.concurrent.ExecutionException e) {
                    System.err.println("a connection failed: " + e.getCause());
                }
            }
            System.out.printf("answered AA/CA %d of %d%n", answered, clients.size());
            System.exit(answered == count ? 0 : 1);
        } finally {
            for (MllpClient client : clients) {
                try {
                    client.close();
                } catch (IOException e) {
                    // closing at the end of the run anyway
                }
            }
            pool.shutdownNow();
        }
    }
}
