package org.ward.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code camel-routes} (the directory of Camel YAML DSL route files) and, given a
 * {@link CamelRouteReader}, holds the routes in it to Ward's rules: every route starts
 * {@code from: ward:<camel destination>}, one route per destination, no {@code ward:} endpoint as
 * a producer, and every {@code camel} destination consumed by a route.
 *
 * <p>A route must start from {@code ward:} so that messages enter Ward only through its listeners,
 * where they are authenticated, journalled and audited: a route file cannot open a second, unchecked
 * way in. Route files are code that runs with Ward's privileges, so the directory and the files must
 * not be writable by group or others.
 */
final class CamelRoutesConfigReader {

    /** Where route files are looked for when {@code camel-routes} is not given: next to ward.yaml. */
    static final String DEFAULT_DIRECTORY = "routes";
    private static final String SCHEME = "ward:";

    private final Path file;
    private final Problems problems;
    private final ConfigPaths paths;
    private final RoutingConfigReader routing;
    private final Optional<CamelRouteReader> reader;

    CamelRoutesConfigReader(Path file, Problems problems, ConfigPaths paths, RoutingConfigReader routing,
                            Optional<CamelRouteReader> reader) {
        this.file = file;
        this.problems = problems;
        this.paths = paths;
        this.routing = routing;
        this.reader = reader;
    }

    /** The route files, absolute, in name order; empty when there is no routes directory. */
    List<Path> read(Optional<Node> node, List<DestinationSettings> destinations) {
        Optional<Path> directory = directory(node);
        List<Path> files = directory.map(d -> files(d, node)).orElse(List.of());
        Set<String> camel = new LinkedHashSet<>();
        destinations.stream().filter(d -> d instanceof DestinationSettings.Camel).forEach(d -> camel.add(d.name()));
        if (reader.isEmpty()) {
            return files;
        }
        CamelRouteFacts facts = files.isEmpty() ? new CamelRouteFacts(List.of(), List.of()) : reader.get().read(files);
        facts.errors().forEach(problems::add);
        Set<String> consumed = check(facts, camel);
        if (!facts.errors().isEmpty()) {
            // A file that does not parse may well hold the missing route: its own error says enough.
            return files;
        }
        for (String name : camel) {
            if (!consumed.contains(name)) {
                problems.at(routing.destinationNode(name), routing.destinationPath(name),
                        "no Camel route starts from ward:" + name + " " + whereRoutesAre(directory));
            }
        }
        return files;
    }

    private Optional<Path> directory(Optional<Node> node) {
        if (node.isPresent()) {
            Optional<Path> given = paths.path(node.get(), "camel-routes");
            given.ifPresent(d -> {
                if (!Files.isDirectory(d)) {
                    problems.at(node.get(), "camel-routes", d + (Files.exists(d) ? " is not a directory" : " does not exist"));
                }
            });
            return given.filter(Files::isDirectory);
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        return Optional.ofNullable(parent).map(p -> p.resolve(DEFAULT_DIRECTORY)).filter(Files::isDirectory);
    }

    private List<Path> files(Path directory, Optional<Node> node) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".yaml") && !name.startsWith(".") && Files.isRegularFile(f);
            }).sorted().toList();
        } catch (IOException e) {
            fileProblem(directory, node, "cannot be listed: " + e);
            return List.of();
        }
        writableByOthers(directory).ifPresent(who -> fileProblem(directory, node, "is writable by " + who
                + "; route files run inside Ward with its privileges: chmod go-w " + directory));
        for (Path route : files) {
            writableByOthers(route).ifPresent(who -> problems.add(new ConfigError(route, 1, 1, "(file)",
                    "is writable by " + who + "; route files run inside Ward with its privileges: chmod go-w " + route)));
        }
        return files;
    }

    /** At the camel-routes key when it was given, else on the directory itself. */
    private void fileProblem(Path directory, Optional<Node> node, String message) {
        if (node.isPresent()) {
            problems.at(node.get(), "camel-routes", directory + " " + message);
        } else {
            problems.add(new ConfigError(directory, 1, 1, "(directory)", message));
        }
    }

    /** "group", "others" or "group and others" when the file system has POSIX permissions and grants that write. */
    private static Optional<String> writableByOthers(Path path) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean group = permissions.contains(PosixFilePermission.GROUP_WRITE);
        boolean others = permissions.contains(PosixFilePermission.OTHERS_WRITE);
        if (group && others) {
            return Optional.of("group and others");
        }
        return group ? Optional.of("group") : others ? Optional.of("others") : Optional.empty();
    }

    /** Reports what breaks the rules; returns the camel destinations a route consumes. */
    private Set<String> check(CamelRouteFacts facts, Set<String> camel) {
        Map<String, CamelRouteFacts.Route> consumers = new HashMap<>();
        Map<String, CamelRouteFacts.Route> ids = new HashMap<>();
        for (CamelRouteFacts.Route route : facts.routes()) {
            CamelRouteFacts.Endpoint from = route.from();
            Optional<String> name = destinationName(from.uri());
            if (name.isEmpty()) {
                error(from, "from", route.describe() + " starts from '" + from.uri() + "'; a route here must start from"
                        + " ward:<destination>, so that messages enter Ward only through its listeners");
            } else if (from.uri().contains("?")) {
                error(from, "from", "ward: endpoints take no options: write ward:" + name.get());
            } else if (!camel.contains(name.get())) {
                error(from, "from", route.describe() + " starts from ward:" + name.get() + ", but ward.yaml has no"
                        + " camel destination named '" + name.get() + "'"
                        + (camel.isEmpty() ? " (it has none)" : "; camel destinations: " + String.join(", ", camel)));
            } else if (consumers.containsKey(name.get())) {
                error(from, "from", "ward:" + name.get() + " is already consumed by "
                        + consumers.get(name.get()).describe() + " at " + at(consumers.get(name.get()).from())
                        + "; a camel destination feeds exactly one route");
            } else {
                consumers.put(name.get(), route);
            }
            route.id().ifPresent(id -> {
                CamelRouteFacts.Route earlier = ids.putIfAbsent(id, route);
                if (earlier != null) {
                    error(from, "id", "route id '" + id + "' is also used at " + at(earlier.from()));
                }
            });
            for (CamelRouteFacts.Endpoint target : route.wardTargets()) {
                error(target, "to", route.describe() + " sends to '" + target.uri() + "'; ward: endpoints can only"
                        + " start a route (to reach another destination, name it in the ward.yaml route instead)");
            }
        }
        return consumers.keySet();
    }

    /** The destination name of a {@code ward:NAME} or {@code ward://NAME} URI, options cut off. */
    static Optional<String> destinationName(String uri) {
        if (!uri.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String rest = uri.substring(SCHEME.length());
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        int query = rest.indexOf('?');
        return Optional.of(query < 0 ? rest : rest.substring(0, query));
    }

    private void error(CamelRouteFacts.Endpoint where, String keyPath, String message) {
        problems.add(new ConfigError(where.file(), where.line(), where.column(), keyPath, message));
    }

    private static String at(CamelRouteFacts.Endpoint endpoint) {
        return endpoint.file().getFileName() + ":" + endpoint.line();
    }

    private String whereRoutesAre(Optional<Path> directory) {
        if (directory.isPresent()) {
            return "(route files: " + directory.get() + "/*.yaml)";
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        return "(there are no route files: " + (parent == null ? DEFAULT_DIRECTORY : parent.resolve(DEFAULT_DIRECTORY))
                + " does not exist and camel-routes is not given)";
    }
}
