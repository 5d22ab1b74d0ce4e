package org.ward.camel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.LineNumberAware;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.DynamicRouterDefinition;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.PollEnrichDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RecipientListDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RoutingSlipDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.ward.config.CamelRouteFacts;
import org.ward.config.CamelRouteReader;
import org.ward.config.ConfigError;

/**
 * Reads Camel YAML DSL route files with Camel's own YAML DSL loader, into a Camel context that is
 * never started (nothing is connected, listened on or written), and reports each route's consumer
 * and every {@code ward:} endpoint it sends to, at the line Camel recorded for it. A file the loader
 * refuses is an error at the line and column of the YAML node it names.
 */
public final class YamlRouteReader implements CamelRouteReader {

    /** EIPs whose endpoint is an expression; a constant {@code ward:} one is found, a computed one only fails at run time. */
    private static final Set<Class<?>> ENDPOINT_EXPRESSIONS = Set.of(EnrichDefinition.class, PollEnrichDefinition.class,
            RecipientListDefinition.class, RoutingSlipDefinition.class, DynamicRouterDefinition.class);

    /** How many lines after a step's own the URI is looked for. */
    private static final int LINES_TO_SEARCH = 5;

    @Override
    public CamelRouteFacts read(List<Path> files) {
        List<ConfigError> errors = new ArrayList<>();
        List<CamelRouteFacts.Route> routes = new ArrayList<>();
        for (Path file : files) {
            // One context per file, so that each route is known to come from its file.
            DefaultCamelContext camel = new DefaultCamelContext();
            try {
                Resource resource = ResourceHelper.resolveResource(camel, "file:" + file.toAbsolutePath());
                try {
                    PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
                } catch (Exception e) {
                    errors.add(error(file, e));
                    continue;
                }
                List<String> lines = lines(file);
                for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
                    routes.add(route(file, lines, route));
                }
            } finally {
                camel.stop();
            }
        }
        return new CamelRouteFacts(errors, routes);
    }

    private static CamelRouteFacts.Route route(Path file, List<String> lines, RouteDefinition route) {
        String fromUri = Optional.ofNullable(route.getInput().getEndpointUri()).orElse("");
        CamelRouteFacts.Endpoint from = endpoint(file, lines, route.getInput(), fromUri);
        List<CamelRouteFacts.Endpoint> targets = new ArrayList<>();
        Set<ProcessorDefinition<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collectWardTargets(file, lines, route.getOutputs(), targets, seen);
        return new CamelRouteFacts.Route(Optional.ofNullable(route.getRouteId()), from, targets);
    }

    private static void collectWardTargets(Path file, List<String> lines, List<? extends ProcessorDefinition<?>> steps,
                                           List<CamelRouteFacts.Endpoint> targets, Set<ProcessorDefinition<?>> seen) {
        for (ProcessorDefinition<?> step : steps) {
            if (!seen.add(step)) {
                continue;
            }
            targetUri(step).filter(uri -> uri.startsWith(WardComponent.SCHEME + ":"))
                    .ifPresent(uri -> targets.add(endpoint(file, lines, step, uri)));
            collectWardTargets(file, lines, step.getOutputs(), targets, seen);
            if (step instanceof ChoiceDefinition choice) {
                for (WhenDefinition when : choice.getWhenClauses()) {
                    collectWardTargets(file, lines, when.getOutputs(), targets, seen);
                }
                if (choice.getOtherwise() != null) {
                    collectWardTargets(file, lines, choice.getOtherwise().getOutputs(), targets, seen);
                }
            }
        }
    }

    private static Optional<String> targetUri(ProcessorDefinition<?> step) {
        if (step instanceof SendDefinition<?> send) {
            return Optional.ofNullable(send.getEndpointUri());
        }
        if (step instanceof ToDynamicDefinition dynamic) {
            return Optional.ofNullable(dynamic.getUri());
        }
        if (step instanceof ExpressionNode node && ENDPOINT_EXPRESSIONS.contains(step.getClass())
                && node.getExpression() != null) {
            return Optional.ofNullable(node.getExpression().getExpression()).map(String::trim);
        }
        return Optional.empty();
    }

    /**
     * Where {@code uri} is written: on the line Camel recorded for the step or the first of the few
     * after it that holds the URI (a {@code wireTap:} step's {@code uri:} is on the next line), at its
     * column; else at the recorded line's first character.
     */
    private static CamelRouteFacts.Endpoint endpoint(Path file, List<String> lines, LineNumberAware node, String uri) {
        int line = node.getLineNumber() >= 1 ? node.getLineNumber() : 1;
        if (line > lines.size()) {
            return new CamelRouteFacts.Endpoint(file, line, 1, uri);
        }
        for (int i = line; !uri.isEmpty() && i <= Math.min(lines.size(), line + LINES_TO_SEARCH); i++) {
            int at = lines.get(i - 1).indexOf(uri);
            if (at >= 0) {
                return new CamelRouteFacts.Endpoint(file, i, at + 1, uri);
            }
        }
        return new CamelRouteFacts.Endpoint(file, line, firstNonBlank(lines.get(line - 1)) + 1, uri);
    }

    private static int firstNonBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return 0;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Camel has just read it; if it cannot be read again, columns fall back to 1.
            return List.of();
        }
    }

    /** The loader's complaint at the YAML node it names, without the source excerpt Camel appends. */
    private static ConfigError error(Path file, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException marked) {
                Optional<Mark> mark = marked.getProblemMark().or(marked::getContextMark);
                String problem = marked.getProblem() != null ? marked.getProblem() : firstLine(marked.getMessage());
                String context = marked.getContext() != null ? marked.getContext() + ": " : "";
                return new ConfigError(file, mark.map(m -> m.getLine() + 1).orElse(1),
                        mark.map(m -> m.getColumn() + 1).orElse(1), "(route file)", context + problem);
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new ConfigError(file, 1, 1, "(route file)", "Camel cannot load it: " + firstLine(String.valueOf(root.getMessage())));
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }
}
