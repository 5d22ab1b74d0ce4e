package org.ward.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ward.profile.PcdTransaction;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code destinations:} and {@code routes:} and checks that they refer to each other and to
 * the listeners correctly: an unknown listener, destination or route is an error at the line
 * that names it, and so is a route that leads back to itself.
 */
final class RoutingConfigReader {

    static final List<String> DESTINATION_KEYS = List.of("name", "type", "host", "port", "key-store",
            "key-store-password-file", "trust-anchors", "ack-timeout", "acks", "batch-size", "path", "route");
    static final List<String> ROUTE_KEYS = List.of("name", "from", "when", "to");
    /** A key of another destination type is a mistake, e.g. {@code host:} on a directory. */
    private static final Map<String, List<String>> KEYS_BY_TYPE = Map.of(
            "mllp", List.of("name", "type", "host", "port", "key-store", "key-store-password-file", "trust-anchors",
                    "ack-timeout", "acks", "batch-size"),
            "directory", List.of("name", "type", "path"),
            "route", List.of("name", "type", "route"),
            "camel", List.of("name", "type"));
    static final List<String> WHEN_KEYS = List.of("transaction", "message-type", "sender-role");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern MESSAGE_TYPE = Pattern.compile("[A-Z0-9]{3}(\\^([A-Z0-9]{1,3}|[A-Z0-9]{0,2}\\*))?|[A-Z0-9]{0,2}\\*");

    private final Problems problems;
    private final YamlValues values;
    private final ConfigPaths paths;
    private final PcdConfigReader pcd;
    /** Where each route destination names its route, to report an unknown one at that line. */
    private final Map<String, Node> routeReferences = new HashMap<>();
    private final Map<String, String> routeReferencePaths = new HashMap<>();
    /** Where each valid destination is named, to report a problem found later (a camel destination no route consumes). */
    private final Map<String, Node> destinationNameNodes = new HashMap<>();
    private final Map<String, String> destinationNamePaths = new HashMap<>();

    RoutingConfigReader(Problems problems, YamlValues values, ConfigPaths paths, PcdConfigReader pcd) {
        this.problems = problems;
        this.values = values;
        this.paths = paths;
        this.pcd = pcd;
    }

    List<DestinationSettings> destinations(Node node) {
        List<DestinationSettings> destinations = new ArrayList<>();
        List<Node> items = values.list(node, "destinations").orElse(List.of());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String path = "destinations[" + i + "]";
            destination(item, path).ifPresent(d -> {
                if (!names.add(d.name())) {
                    problems.at(item, path + ".name", "destination name '" + d.name() + "' is used twice");
                }
                destinations.add(d);
                destinationNameNodes.putIfAbsent(d.name(), item);
                destinationNamePaths.putIfAbsent(d.name(), path);
            });
        }
        return destinations;
    }

    private Optional<DestinationSettings> destination(Node node, String path) {
        int before = problems.count();
        Optional<YamlMapping> mapping = YamlMapping.of(node, path, DESTINATION_KEYS, problems);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping d = mapping.get();
        Optional<String> name = d.required("name").flatMap(n -> name(n, d.child("name")));
        Optional<String> type = d.required("type").flatMap(n -> values.text(n, d.child("type")).filter(t -> {
            if (List.of("mllp", "directory", "route", "camel").contains(t)) {
                return true;
            }
            problems.at(n, d.child("type"), "'" + t + "' is not a destination type: mllp, directory, route or camel");
            return false;
        }));
        if (name.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        List<String> own = KEYS_BY_TYPE.get(type.get());
        d.given().forEach((key, value) -> {
            if (!own.contains(key)) {
                problems.at(value, d.child(key), "'" + key + "' does not apply to a " + type.get()
                        + " destination; its keys are " + String.join(", ", own));
            }
        });
        Optional<DestinationSettings> result = switch (type.get()) {
            case "mllp" -> mllp(d, name.get());
            case "directory" -> d.required("path").flatMap(n -> paths.path(n, d.child("path")))
                    .map(p -> new DestinationSettings.Directory(name.get(), p));
            case "camel" -> Optional.of(new DestinationSettings.Camel(name.get()));
            default -> d.required("route").flatMap(n -> {
                routeReferences.put(name.get(), n);
                routeReferencePaths.put(name.get(), d.child("route"));
                return name(n, d.child("route"));
            }).map(r -> new DestinationSettings.Route(name.get(), r));
        };
        return problems.count() == before ? result : Optional.empty();
    }

    private Optional<DestinationSettings> mllp(YamlMapping d, String name) {
        Optional<String> host = d.required("host").flatMap(n -> values.text(n, d.child("host")));
        Optional<Integer> port = d.required("port").flatMap(n -> values.port(n, d.child("port"), 1));
        Optional<Path> keyStore = d.required("key-store").flatMap(n -> paths.existingFile(n, d.child("key-store")));
        Optional<Path> password = d.required("key-store-password-file")
                .flatMap(n -> paths.existingFile(n, d.child("key-store-password-file")));
        Optional<Path> anchors = d.required("trust-anchors").flatMap(n -> paths.existingFile(n, d.child("trust-anchors")));
        Duration ackTimeout = d.optional("ack-timeout").flatMap(n -> values.text(n, d.child("ack-timeout")).flatMap(t -> {
            Optional<Duration> parsed = Durations.parse(t).filter(v -> !v.isZero());
            if (parsed.isEmpty()) {
                problems.at(n, d.child("ack-timeout"), "'" + t + "' is not a duration such as 30s");
            }
            return parsed;
        })).orElse(Duration.ofSeconds(30));
        DestinationSettings.AckKind acks = d.optional("acks").flatMap(n -> values.text(n, d.child("acks")).flatMap(t -> {
            if (t.equals("commit")) {
                return Optional.of(DestinationSettings.AckKind.COMMIT);
            }
            if (t.equals("application")) {
                return Optional.of(DestinationSettings.AckKind.APPLICATION);
            }
            problems.at(n, d.child("acks"), "'" + t + "' is not commit or application");
            return Optional.empty();
        })).orElse(DestinationSettings.AckKind.APPLICATION);
        int batchSize = d.optional("batch-size").flatMap(n -> values.wholeNumber(n, d.child("batch-size")).flatMap(b -> {
            if (b < 1 || b > DestinationSettings.Mllp.MAX_BATCH_SIZE) {
                problems.at(n, d.child("batch-size"), b + " is not a batch size from 1 to "
                        + DestinationSettings.Mllp.MAX_BATCH_SIZE);
                return Optional.empty();
            }
            return Optional.of(b.intValue());
        })).orElse(DestinationSettings.Mllp.DEFAULT_BATCH_SIZE);
        if (host.isEmpty() || port.isEmpty() || keyStore.isEmpty() || password.isEmpty() || anchors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DestinationSettings.Mllp(name, host.get(), port.get(), keyStore.get(), password.get(),
                anchors.get(), ackTimeout, acks, batchSize));
    }

    /** The node of the destination named {@code name}, as read by {@link #destinations}. */
    Node destinationNode(String name) {
        return destinationNameNodes.get(name);
    }

    /** The key path of the destination named {@code name} ({@code destinations[2]}). */
    String destinationPath(String name) {
        return destinationNamePaths.get(name);
    }

    /** Reads the routes and checks every reference; {@code destinations} and listener names are already known. */
    List<RouteSettings> routes(Node node, Set<String> listeners, List<DestinationSettings> destinations,
                               Set<String> roles) {
        Map<String, DestinationSettings> byName = new HashMap<>();
        destinations.forEach(d -> byName.put(d.name(), d));
        List<Node> items = values.list(node, "routes").orElse(List.of());
        List<RouteSettings> routes = new ArrayList<>();
        Map<String, Node> routeNodes = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String path = "routes[" + i + "]";
            route(item, path, listeners, byName, roles).ifPresent(r -> {
                if (routeNodes.containsKey(r.name())) {
                    problems.at(item, path + ".name", "route name '" + r.name() + "' is used twice");
                }
                routeNodes.put(r.name(), item);
                routes.add(r);
            });
        }
        for (DestinationSettings d : destinations) {
            if (d instanceof DestinationSettings.Route via && !routeNodes.containsKey(via.route())) {
                problems.at(routeReferences.get(d.name()), routeReferencePaths.get(d.name()),
                        "no route named '" + via.route() + "'");
            }
        }
        checkNoCycles(routes, byName, routeNodes);
        return routes;
    }

    private Optional<RouteSettings> route(Node node, String path, Set<String> listeners, Map<String, DestinationSettings> destinations,
                                          Set<String> roles) {
        int before = problems.count();
        Optional<YamlMapping> mapping = YamlMapping.of(node, path, ROUTE_KEYS, problems);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping r = mapping.get();
        Optional<String> name = r.required("name").flatMap(n -> name(n, r.child("name")));
        Optional<String> from = r.required("from").flatMap(n -> values.text(n, r.child("from")).filter(f -> {
            if (listeners.contains(f)) {
                return true;
            }
            problems.at(n, r.child("from"), "no listener named '" + f + "'; listeners: " + String.join(", ", listeners));
            return false;
        }));
        Set<PcdTransaction> transactions = EnumSet.noneOf(PcdTransaction.class);
        List<String> types = new ArrayList<>();
        Set<String> senderRoles = new java.util.LinkedHashSet<>();
        r.optional("when").ifPresent(n -> YamlMapping.of(n, r.child("when"), WHEN_KEYS, problems).ifPresent(when -> {
            when.optional("transaction").flatMap(t -> pcd.accept(t, when.child("transaction"))).ifPresent(transactions::addAll);
            when.optional("message-type").ifPresent(t -> {
                List<Node> list = values.list(t, when.child("message-type")).orElse(List.of());
                for (int i = 0; i < list.size(); i++) {
                    Node item = list.get(i);
                    String itemPath = when.child("message-type") + "[" + i + "]";
                    values.text(item, itemPath).ifPresent(type -> {
                        if (MESSAGE_TYPE.matcher(type).matches()) {
                            types.add(type);
                        } else {
                            problems.at(item, itemPath, "'" + type + "' is not a message type such as ORU^R01 or ADT^A*");
                        }
                    });
                }
            });
            when.optional("sender-role").ifPresent(t -> senderRoles.addAll(senderRoles(t, when.child("sender-role"), roles)));
        }));
        List<String> to = new ArrayList<>();
        r.required("to").ifPresent(n -> {
            List<Node> list = values.list(n, r.child("to")).orElse(List.of());
            if (list.isEmpty()) {
                problems.at(n, r.child("to"), "a route needs at least one destination");
            }
            for (int i = 0; i < list.size(); i++) {
                Node item = list.get(i);
                String itemPath = r.child("to") + "[" + i + "]";
                values.text(item, itemPath).ifPresent(dest -> {
                    if (destinations.containsKey(dest)) {
                        to.add(dest);
                    } else {
                        problems.at(item, itemPath, "no destination named '" + dest + "'");
                    }
                });
            }
        });
        if (problems.count() != before || name.isEmpty() || from.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RouteSettings(name.get(), from.get(), transactions, types, senderRoles, to));
    }

    /** Roles from policy.yaml; a route on a role no node can hold would silently match nothing. */
    private List<String> senderRoles(Node node, String path, Set<String> roles) {
        List<String> found = new ArrayList<>();
        for (String role : PolicyRuleReader.names(node, path, values)) {
            if (roles.contains(role)) {
                found.add(role);
            } else {
                problems.at(node, path, "unknown role '" + role + "'" + (roles.isEmpty()
                        ? "; policy.yaml declares no roles" : "; policy.yaml declares " + String.join(", ", roles)));
            }
        }
        return found;
    }

    private void checkNoCycles(List<RouteSettings> routes, Map<String, DestinationSettings> destinations,
                               Map<String, Node> routeNodes) {
        Map<String, RouteSettings> byName = new HashMap<>();
        routes.forEach(r -> byName.put(r.name(), r));
        for (RouteSettings start : routes) {
            Set<String> seen = new HashSet<>();
            List<String> pending = new ArrayList<>(List.of(start.name()));
            while (!pending.isEmpty()) {
                RouteSettings route = byName.get(pending.remove(pending.size() - 1));
                if (route == null) {
                    continue;
                }
                for (String dest : route.to()) {
                    if (destinations.get(dest) instanceof DestinationSettings.Route via) {
                        if (via.route().equals(start.name())) {
                            problems.at(routeNodes.get(start.name()), "routes." + start.name(),
                                    "route leads back to itself through destination '" + dest + "'");
                            pending.clear();
                            break;
                        }
                        if (seen.add(via.route())) {
                            pending.add(via.route());
                        }
                    }
                }
            }
        }
    }

    private Optional<String> name(Node node, String path) {
        return values.text(node, path).filter(name -> {
            if (NAME.matcher(name).matches()) {
                return true;
            }
            problems.at(node, path, "'" + name + "' is not a valid name: lowercase letters, digits and '-'");
            return false;
        });
    }
}
