package org.ward.camel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Loads the operator's route files into Ward's Camel context before it starts. {@code ward run} has
 * already checked them ({@link YamlRouteReader}); what is checked again here is what must hold
 * whoever started the engine: every route starts from {@code ward:} (messages enter only through
 * Ward's listeners), and, once started, every {@code camel} destination has its route.
 */
public final class YamlRoutes {

    private YamlRoutes() {
    }

    /**
     * Adds the routes of {@code files} to {@code camel}, which must not be started yet.
     *
     * @throws IllegalStateException when a route starts from anything but {@code ward:}
     * @throws Exception when Camel cannot load a file
     */
    public static void load(CamelContext camel, List<Path> files) throws Exception {
        if (files.isEmpty()) {
            return;
        }
        List<RouteDefinition> before = new ArrayList<>(((ModelCamelContext) camel).getRouteDefinitions());
        List<Resource> resources = new ArrayList<>();
        for (Path file : files) {
            resources.add(ResourceHelper.resolveResource(camel, "file:" + file.toAbsolutePath()));
        }
        PluginHelper.getRoutesLoader(camel).loadRoutes(resources);
        for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
            if (before.contains(route)) {
                continue;
            }
            String from = route.getInput().getEndpointUri();
            if (from == null || !from.startsWith(WardComponent.SCHEME + ":")) {
                throw new IllegalStateException((route.getResource() == null ? "a route file" : route.getResource().getLocation())
                        + ": route '" + route.getRouteId() + "' starts from '" + from + "'; routes must start from"
                        + " ward:<destination>");
            }
            if (route.isContextScopedErrorHandler()) {
                route.setErrorHandlerFactory(quietErrorHandler());
            }
        }
    }

    /**
     * Camel's default error handler, its log of a failed exchange turned down to DEBUG: the
     * destination's worker logs every failure itself, naming the exception's class only, because an
     * exception's message (which Camel logs) may quote the HL7 content. A route that sets its own
     * error handler keeps it.
     */
    private static DefaultErrorHandlerDefinition quietErrorHandler() {
        return new DefaultErrorHandlerDefinition().loggingLevel(LoggingLevel.DEBUG).logExhaustedMessageHistory(false)
                .logStackTrace(false);
    }

    /** @throws IllegalStateException naming each {@code camel} destination that no running route consumes */
    public static void checkEveryDestinationConsumed(WardComponent component) {
        List<String> missing = component.unconsumed();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no running Camel route starts from "
                    + String.join(", ", missing.stream().map(m -> "ward:" + m).toList()));
        }
    }
}
