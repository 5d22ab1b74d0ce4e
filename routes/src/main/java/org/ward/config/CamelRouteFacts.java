package org.ward.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Camel YAML DSL route files say, as far as Ward's rules on them need: each route's consumer,
 * and every place a route names a {@code ward:} endpoint otherwise (as a producer).
 *
 * @param errors files that do not parse, each at the line Camel names
 * @param routes the routes of the files that do parse, in file and then document order
 */
public record CamelRouteFacts(List<ConfigError> errors, List<Route> routes) {

    public CamelRouteFacts {
        errors = List.copyOf(errors);
        routes = List.copyOf(routes);
    }

    /**
     * One route.
     *
     * @param id         the route's {@code id}, when it has one
     * @param from       the endpoint it consumes
     * @param wardTargets every {@code ward:} endpoint it sends to ({@code to}, {@code toD}, {@code wireTap},
     *                   {@code enrich}, …); Ward's endpoint only feeds routes, so each is a mistake
     */
    public record Route(Optional<String> id, Endpoint from, List<Endpoint> wardTargets) {
        public Route {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(from, "from");
            wardTargets = List.copyOf(wardTargets);
        }

        /** {@code route 'alarms'}, or {@code the route at line 4} for a route without an id. */
        public String describe() {
            return id.map(i -> "route '" + i + "'").orElse("the route at line " + from.line());
        }
    }

    /**
     * An endpoint URI as written in a route file, located by 1-based line and column.
     *
     * @param uri the URI as written, e.g. {@code ward:alarm-files}
     */
    public record Endpoint(Path file, int line, int column, String uri) {
        public Endpoint {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(uri, "uri");
            if (line < 1 || column < 1) {
                throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
            }
        }
    }
}
