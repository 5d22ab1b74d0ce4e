package org.ward.config;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ward.policy.PolicyDocument;
import org.ward.profile.PcdTransaction;
import org.ward.profile.ProfileIdentifiers;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates {@code ward.yaml} in one pass, collecting every error rather than stopping
 * at the first, so an operator fixes the file in one edit. Works on SnakeYAML's node tree, not on
 * constructed Java objects, to keep the line and column of every value.
 */
public final class WardConfigLoader {

    static final List<String> ROOT_KEYS = List.of("data-dir", "development-pki", "pcd-profiles", "audit", "journal",
            "listeners", "destinations", "routes", "camel-routes", "policy", "audit-repository", "api", "eua");
    static final List<String> LISTENER_KEYS = List.of(
            "name", "bind", "port", "max-frame-bytes", "idle-timeout", "default-charset", "log-phi", "accept",
            "bind-device-identity", "gateways", "tls");

    private final Path file;
    private final Path home;
    private final Problems problems;
    private final YamlValues values;
    private final ConfigPaths paths;
    private final TlsConfigReader tlsReader;
    private final PcdConfigReader pcdReader;
    private final AuditConfigReader auditReader;
    private final AuditRepositoryConfigReader auditRepositoryReader;
    private final ApiConfigReader apiReader;
    private final JournalConfigReader journalReader;
    private final RoutingConfigReader routingReader;
    private final CamelRoutesConfigReader camelRoutesReader;
    private final List<Claim> claims = new ArrayList<>();

    /** What an already-read listener claims, so later listeners can be checked against it. */
    private record Claim(String path, Optional<String> name, Node nameNode, String bind, Optional<Integer> port,
            Node portNode) {
    }

    private WardConfigLoader(Path file, Path home, Optional<CamelRouteReader> camelRoutes) {
        this.file = file;
        this.home = home.toAbsolutePath().normalize();
        this.problems = new Problems(file);
        this.values = new YamlValues(problems);
        this.paths = new ConfigPaths(this.home, values, problems);
        this.tlsReader = new TlsConfigReader(problems, values, paths);
        this.pcdReader = new PcdConfigReader(problems, values);
        this.auditReader = new AuditConfigReader(problems, values, paths);
        this.auditRepositoryReader = new AuditRepositoryConfigReader(problems, values, paths);
        this.apiReader = new ApiConfigReader(problems, values, paths);
        this.journalReader = new JournalConfigReader(problems, values, paths);
        this.routingReader = new RoutingConfigReader(problems, values, paths, pcdReader);
        this.camelRoutesReader = new CamelRoutesConfigReader(file, problems, paths, routingReader, camelRoutes);
    }

    /**
     * Loads and validates a configuration file. The Camel route files of {@code camel-routes} are
     * listed but not read: commands that do not run routes need no Camel. {@code ward run} and
     * {@code ward check-config} use {@link #load(Path, Path, CamelRouteReader)}.
     *
     * @param file the YAML file; errors name it as given
     * @param home the Ward home, against which relative paths in the file resolve
     * @throws ConfigException listing every mistake found
     */
    public static WardConfig load(Path file, Path home) throws ConfigException {
        return load(new WardConfigLoader(file, home, Optional.empty()));
    }

    /**
     * Loads and validates a configuration file and the Camel route files it uses, read by
     * {@code camelRoutes}: a file that does not parse, a route that does not start from a
     * {@code camel} destination, a {@code ward:} producer and a {@code camel} destination no route
     * consumes are errors too.
     */
    public static WardConfig load(Path file, Path home, CamelRouteReader camelRoutes) throws ConfigException {
        return load(new WardConfigLoader(file, home, Optional.of(camelRoutes)));
    }

    private static WardConfig load(WardConfigLoader loader) throws ConfigException {
        Optional<WardConfig> config = loader.read();
        List<ConfigError> errors = loader.problems.sorted();
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return config.orElseThrow(() -> new IllegalStateException("no config and no error for " + loader.file));
    }

    /** Every mistake in the file, in file order; empty when {@link #load(Path, Path)} would succeed. */
    public static List<ConfigError> validate(Path file, Path home) {
        WardConfigLoader loader = new WardConfigLoader(file, home, Optional.empty());
        loader.read();
        return loader.problems.sorted();
    }

    /**
     * Every mistake in the file and in its Camel route files, the file's first, then each route file's;
     * empty when {@link #load(Path, Path, CamelRouteReader)} would succeed.
     */
    public static List<ConfigError> validate(Path file, Path home, CamelRouteReader camelRoutes) {
        WardConfigLoader loader = new WardConfigLoader(file, home, Optional.of(camelRoutes));
        loader.read();
        return loader.problems.sorted();
    }

    private Optional<WardConfig> read() {
        return compose().flatMap(this::config);
    }

    private Optional<Node> compose() {
        return YamlFiles.compose(file, problems, "is empty; at least 'listeners' must be configured");
    }

    private Optional<WardConfig> config(Node rootNode) {
        Optional<YamlMapping> mapping = YamlMapping.of(rootNode, "", ROOT_KEYS, problems);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping root = mapping.get();
        int before = problems.count();
        Path dataDir = root.optional("data-dir")
                .flatMap(n -> paths.path(n, "data-dir"))
                .orElse(home.resolve(WardConfig.DEFAULT_DATA_DIR));
        boolean developmentPki = root.optional("development-pki")
                .flatMap(n -> values.bool(n, "development-pki"))
                .orElse(false);
        if (problems.count() == before) {
            paths.developmentPki(developmentPki, dataDir);
        } else {
            paths.skipExistenceChecks();
        }
        ProfileIdentifiers profiles = root.optional("pcd-profiles")
                .flatMap(n -> pcdReader.profiles(n, "pcd-profiles"))
                .orElseGet(ProfileIdentifiers::defaults);
        AuditConfig audit = root.optional("audit")
                .flatMap(n -> auditReader.read(n, "audit", dataDir))
                .orElseGet(() -> AuditConfig.defaults(dataDir));
        Optional<AuditRepositorySettings> auditRepository = root.optional("audit-repository")
                .flatMap(n -> auditRepositoryReader.read(n, "audit-repository", dataDir));
        Path configDir = file.toAbsolutePath().getParent() == null ? home : file.toAbsolutePath().getParent();
        Optional<ApiSettings> api = root.optional("api").flatMap(n -> apiReader.api(n, "api", configDir));
        Optional<EuaSettings> eua = root.optional("eua").flatMap(n -> apiReader.eua(n, "eua"));
        if (root.optional("api").isPresent() && root.optional("eua").isEmpty()) {
            problems.at(root.optional("api").get(), "eua", "is required with api: people sign in with Kerberos only"
                    + " (eua: {kdc: embedded, realm: WARD.LOCAL} for a demo realm)");
        }
        JournalSettings journal = root.optional("journal")
                .flatMap(n -> journalReader.read(n, "journal"))
                .orElseGet(JournalSettings::defaults);
        List<ListenerConfig> listeners = listeners(root);
        List<DestinationSettings> destinations = root.optional("destinations")
                .map(routingReader::destinations).orElse(List.of());
        java.util.Set<String> listenerNames = new java.util.LinkedHashSet<>();
        claims.forEach(claim -> claim.name().ifPresent(listenerNames::add));
        Optional<PolicyDocument> policy = policy(root, destinations);
        Set<String> roles = policy.map(PolicyDocument::roles).orElse(Set.of());
        List<RouteSettings> routes = root.optional("routes")
                .map(n -> routingReader.routes(n, listenerNames, destinations, roles)).orElse(List.of());
        List<Path> camelRoutes = camelRoutesReader.read(root.optional("camel-routes"), destinations);
        if (problems.count() > 0 || policy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WardConfig(file, home, dataDir, developmentPki, listeners, profiles, audit, journal,
                destinations, routes, camelRoutes, policy.get(), auditRepository, api, eua));
    }

    /**
     * The access policy: {@code policy:} names its file (relative to the Ward home); without the key,
     * {@code policy.yaml} next to ward.yaml is used when it exists, and otherwise nothing is allowed
     * (every message is refused; the engine says so at start-up).
     */
    private Optional<PolicyDocument> policy(YamlMapping root, List<DestinationSettings> destinations) {
        Optional<Node> key = root.optional("policy");
        Optional<Path> file = key.isPresent() ? key.flatMap(n -> paths.path(n, "policy")) : Optional.of(defaultPolicyFile());
        if (file.isEmpty()) {
            return Optional.empty();
        }
        if (key.isEmpty() && !Files.exists(file.get())) {
            return Optional.of(PolicyDocument.denyAll(file.get()));
        }
        Set<String> destinationNames = new java.util.LinkedHashSet<>();
        destinations.forEach(d -> destinationNames.add(d.name()));
        try {
            return Optional.of(PolicyLoader.load(file.get(), destinationNames));
        } catch (ConfigException e) {
            e.errors().forEach(problems::add);
            return Optional.empty();
        }
    }

    private Path defaultPolicyFile() {
        Path parent = file.toAbsolutePath().getParent();
        return (parent == null ? home : parent).resolve("policy.yaml");
    }

    private List<ListenerConfig> listeners(YamlMapping root) {
        Optional<Node> node = root.required("listeners");
        List<Node> items = node.flatMap(n -> values.list(n, "listeners")).orElse(null);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            problems.at(node.get(), "listeners", "at least one listener is required");
        }
        List<ListenerConfig> listeners = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            listener(items.get(i), "listeners[" + i + "]").ifPresent(listeners::add);
        }
        return listeners;
    }

    private Optional<ListenerConfig> listener(Node node, String path) {
        int before = problems.count();
        Optional<YamlMapping> mapping = YamlMapping.of(node, path, LISTENER_KEYS, problems);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping listener = mapping.get();
        Optional<Node> nameNode = listener.required("name");
        Optional<String> name = nameNode.flatMap(n -> name(n, listener.child("name")));
        String bind = listener.optional("bind")
                .flatMap(n -> bind(n, listener.child("bind")))
                .orElse(ListenerConfig.DEFAULT_BIND);
        Optional<Node> portNode = listener.required("port");
        Optional<Integer> port = portNode.flatMap(n -> port(n, listener.child("port")));
        int maxFrameBytes = listener.optional("max-frame-bytes")
                .flatMap(n -> maxFrameBytes(n, listener.child("max-frame-bytes")))
                .orElse(ListenerConfig.DEFAULT_MAX_FRAME_BYTES);
        Duration idleTimeout = listener.optional("idle-timeout")
                .flatMap(n -> idleTimeout(n, listener.child("idle-timeout")))
                .orElse(ListenerConfig.DEFAULT_IDLE_TIMEOUT);
        Charset charset = listener.optional("default-charset")
                .flatMap(n -> charset(n, listener.child("default-charset")))
                .orElse(ListenerConfig.DEFAULT_CHARSET);
        boolean logPhi = listener.optional("log-phi")
                .flatMap(n -> values.bool(n, listener.child("log-phi")))
                .orElse(false);
        Set<PcdTransaction> accept = listener.optional("accept")
                .flatMap(n -> pcdReader.accept(n, listener.child("accept")))
                .orElse(ListenerConfig.ALL_TRANSACTIONS);
        boolean bindDeviceIdentity = listener.optional("bind-device-identity")
                .flatMap(n -> values.bool(n, listener.child("bind-device-identity")))
                .orElse(false);
        Map<String, Set<String>> gateways = listener.optional("gateways")
                .flatMap(n -> pcdReader.gateways(n, listener.child("gateways")))
                .orElse(Map.of());
        Optional<TlsConfig> tls = listener.required("tls").flatMap(n -> tlsReader.read(n, listener.child("tls")));

        checkAgainstEarlierListeners(
                new Claim(path, name, nameNode.orElse(node), bind, port, portNode.orElse(node)));
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new ListenerConfig(
                name.get(), bind, port.get(), maxFrameBytes, idleTimeout, charset, logPhi, tls.get(), accept,
                bindDeviceIdentity, gateways));
    }

    private void checkAgainstEarlierListeners(Claim claim) {
        for (Claim earlier : claims) {
            if (claim.name().isPresent() && claim.name().equals(earlier.name())) {
                problems.at(claim.nameNode(), claim.path() + ".name", "listener name '" + claim.name().get()
                        + "' is already used by " + earlier.path() + " (line " + line(earlier.nameNode()) + ")");
            }
            if (claim.port().isPresent() && earlier.port().isPresent()
                    && ListenerConfig.socketsClash(claim.bind(), claim.port().get(), earlier.bind(), earlier.port().get())) {
                problems.at(claim.portNode(), claim.path() + ".port", claim.bind() + ":" + claim.port().get()
                        + " clashes with " + earlier.bind() + ":" + earlier.port().get() + " of " + earlier.path()
                        + " (line " + line(earlier.portNode()) + ")");
            }
        }
        claims.add(claim);
    }

    private Optional<String> name(Node node, String path) {
        return values.text(node, path).filter(name -> {
            if (ListenerConfig.isValidName(name)) {
                return true;
            }
            problems.at(node, path, "'" + name + "' is not a valid listener name: use lowercase letters, digits"
                    + " and '-', starting with a letter or digit (" + ListenerConfig.NAME.pattern() + ")");
            return false;
        });
    }

    private Optional<String> bind(Node node, String path) {
        return values.text(node, path).filter(bind -> {
            if (!bind.isBlank()) {
                return true;
            }
            problems.at(node, path, "is empty; expected an address such as 127.0.0.1");
            return false;
        });
    }

    private Optional<Integer> port(Node node, String path) {
        return values.port(node, path, ListenerConfig.MIN_PORT);
    }

    private Optional<Integer> maxFrameBytes(Node node, String path) {
        return values.wholeNumber(node, path).flatMap(bytes -> {
            if (bytes >= 1 && bytes <= ListenerConfig.MAX_FRAME_BYTES_LIMIT) {
                return Optional.of(bytes.intValue());
            }
            problems.at(node, path, bytes + " is out of range: max-frame-bytes must be 1 to "
                    + ListenerConfig.MAX_FRAME_BYTES_LIMIT + " (64 MiB)");
            return Optional.empty();
        });
    }

    private Optional<Duration> idleTimeout(Node node, String path) {
        Optional<String> text = values.text(node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> timeout = Durations.parse(text.get());
        if (timeout.isEmpty()) {
            problems.at(node, path, "'" + text.get() + "' is not a duration; write a whole number and a unit,"
                    + " such as 500ms, 30s, 5m or 1h");
        } else if (!ListenerConfig.isValidIdleTimeout(timeout.get())) {
            problems.at(node, path, text.get() + " is out of range: idle-timeout must be more than 0 and at most 24h");
            return Optional.empty();
        }
        return timeout;
    }

    private Optional<Charset> charset(Node node, String path) {
        Optional<String> name = values.text(node, path);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(name.get()));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            problems.at(node, path, "'" + name.get() + "' is not a charset this Java runtime supports,"
                    + " such as UTF-8 or ISO-8859-1");
            return Optional.empty();
        }
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
