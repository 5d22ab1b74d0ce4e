package org.ward.kerberos.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Ward's HTTPS API listener on the JDK's {@link HttpsServer}: {@code /health} answers without
 * authentication; every other path goes through the {@link NegotiateAuthenticator} and then to
 * the handler registered for its longest prefix ({@code /logout} is built in). Unknown paths are
 * 404 only after authentication, so they cannot be probed anonymously.
 */
public final class ApiServer implements AutoCloseable {

    /**
     * The listener's TLS: the context (Ward's key and chain) and what it may negotiate. The
     * engine passes {@code TLSv1.3, TLSv1.2} and {@code Bcp195CipherSuites.ALL} from mllp-tls.
     */
    public record Tls(SSLContext context, List<String> protocols, List<String> cipherSuites) {
        public Tls {
            Objects.requireNonNull(context, "context");
            protocols = List.copyOf(protocols);
            cipherSuites = List.copyOf(cipherSuites);
        }
    }

    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final HttpsServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();

    private ApiServer(HttpsServer server, ExecutorService workers, ScheduledExecutorService timer) {
        this.server = server;
        this.workers = workers;
        this.timer = timer;
    }

    /**
     * Binds and starts.
     *
     * @param threads request threads; a Kerberos acceptance takes about a millisecond of CPU
     */
    public static ApiServer start(InetSocketAddress bind, Tls tls, NegotiateAuthenticator authenticator, int threads)
            throws IOException {
        // The JDK server leaves Nagle on by default; with the client's delayed ACK every response
        // then waits ~40 ms on loopback. The switch is a JVM-wide property read once, when the
        // first server is made; an operator's explicit setting wins.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        HttpsServer server = HttpsServer.create(bind, 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.context()) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = tls.context().getDefaultSSLParameters();
                ssl.setProtocols(tls.protocols().toArray(String[]::new));
                ssl.setCipherSuites(tls.cipherSuites().toArray(String[]::new));
                ssl.setNeedClientAuth(false);
                parameters.setSSLParameters(ssl);
            }
        });
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ward-api");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ward-api-sessions");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        ApiServer api = new ApiServer(server, workers, timer);
        server.createContext("/health", ApiServer::health);
        HttpContext root = server.createContext("/", api::dispatch);
        root.setAuthenticator(authenticator);
        api.handle(NegotiateAuthenticator.LOGOUT_PATH, exchange -> {
            authenticator.logout(exchange);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        timer.scheduleWithFixedDelay(authenticator::expireSessions, 10, 10, TimeUnit.SECONDS);
        server.start();
        return api;
    }

    /** Serves {@code pathPrefix} and below with {@code handler} (after authentication and the role check). */
    public void handle(String pathPrefix, HttpHandler handler) {
        handlers.put(AccessRule.normalize(pathPrefix), Objects.requireNonNull(handler, "handler"));
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        HttpHandler handler = handlers.entrySet().stream()
                .filter(e -> AccessRule.covers(e.getKey(), path))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue).orElse(null);
        if (handler == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        handler.handle(exchange);
    }

    private static void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/health")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
