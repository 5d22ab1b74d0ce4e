package org.ward.camel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * Camel component {@code ward}: one consumer-only endpoint per {@code camel} destination of ward.yaml,
 * {@code ward:<destination>}, and a register of the routes currently consuming them, for the
 * destinations' workers to hand messages to. An endpoint for any other name cannot be created.
 */
public final class WardComponent extends DefaultComponent {

    /** The scheme routes write: {@code from: ward:alarm-files}. */
    public static final String SCHEME = "ward";

    private final Set<String> destinations;
    private final Map<String, WardConsumer> consumers = new ConcurrentHashMap<>();

    /** @param destinations the names of the {@code camel} destinations */
    public WardComponent(Set<String> destinations) {
        this.destinations = Set.copyOf(destinations);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!destinations.contains(remaining)) {
            throw new IllegalArgumentException(uri + ": ward.yaml has no camel destination named '" + remaining + "'");
        }
        WardEndpoint endpoint = new WardEndpoint(uri, this, remaining);
        // Unknown options are refused by Camel after this, as for any component.
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The running route that consumes {@code destination}, if there is one now. */
    public Optional<WardConsumer> consumer(String destination) {
        return Optional.ofNullable(consumers.get(destination));
    }

    /** The camel destinations no running route consumes, in name order. */
    public List<String> unconsumed() {
        Set<String> missing = new LinkedHashSet<>(destinations.stream().sorted().toList());
        missing.removeAll(consumers.keySet());
        return List.copyOf(missing);
    }

    void register(WardConsumer consumer) {
        WardConsumer earlier = consumers.putIfAbsent(consumer.destination(), consumer);
        if (earlier != null && earlier != consumer) {
            throw new IllegalStateException("ward:" + consumer.destination() + " is already consumed by route '"
                    + earlier.getRouteId() + "'; a camel destination feeds exactly one route");
        }
    }

    void unregister(WardConsumer consumer) {
        consumers.remove(consumer.destination(), consumer);
    }
}
