package org.ward.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ward.config.DestinationSettings;
import org.ward.config.RouteSettings;
import org.ward.profile.PcdTransaction;

/**
 * Which destinations an accepted message must reach: every route from its listener whose
 * {@code when} matches, with {@code route} destinations followed into the routes they name (their
 * {@code when} must match too). Only terminal destinations (MLLP, directory, camel) are returned, each
 * once, in configuration order. The configuration loader has already refused loops.
 */
final class RouteResolver {

    private final List<RouteSettings> routes;
    private final Map<String, RouteSettings> routesByName = new HashMap<>();
    private final Map<String, DestinationSettings> destinations = new HashMap<>();

    RouteResolver(List<RouteSettings> routes, List<DestinationSettings> destinations) {
        this.routes = List.copyOf(routes);
        routes.forEach(r -> routesByName.put(r.name(), r));
        destinations.forEach(d -> this.destinations.put(d.name(), d));
    }

    List<String> destinationsFor(String listener, Optional<PcdTransaction> transaction, String messageType) {
        return destinationsFor(listener, transaction, messageType, Set.of());
    }

    /** The destinations for a message from a sender holding {@code senderRoles} (routes with {@code sender-role} need one). */
    List<String> destinationsFor(String listener, Optional<PcdTransaction> transaction, String messageType,
                                 Set<String> senderRoles) {
        Set<String> found = new LinkedHashSet<>();
        for (RouteSettings route : routes) {
            if (route.from().equals(listener) && route.matches(transaction, messageType, senderRoles)) {
                follow(route, transaction, messageType, senderRoles, found, new LinkedHashSet<>());
            }
        }
        return new ArrayList<>(found);
    }

    private void follow(RouteSettings route, Optional<PcdTransaction> transaction, String messageType,
                        Set<String> senderRoles, Set<String> found, Set<String> visited) {
        if (!visited.add(route.name())) {
            return;
        }
        for (String name : route.to()) {
            DestinationSettings destination = destinations.get(name);
            if (destination instanceof DestinationSettings.Route via) {
                RouteSettings next = routesByName.get(via.route());
                if (next != null && next.matches(transaction, messageType, senderRoles)) {
                    follow(next, transaction, messageType, senderRoles, found, visited);
                }
            } else if (destination != null) {
                found.add(name);
            }
        }
    }
}
