package org.ward.camel;

import org.apache.camel.Consumer;
import org.apache.camel.PollingConsumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code ward:<destination>}: where a route receives the messages queued for a {@code camel}
 * destination. Consumer-only: sending to it would put messages into Ward that no listener
 * authenticated, and polling it would take them from under the destination's route.
 */
public final class WardEndpoint extends DefaultEndpoint {

    private final String destination;

    WardEndpoint(String uri, WardComponent component, String destination) {
        super(uri, component);
        this.destination = destination;
    }

    public String destination() {
        return destination;
    }

    @Override
    public WardComponent getComponent() {
        return (WardComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(getEndpointUri() + " is consumer-only: a route can start from it,"
                + " not send to it");
    }

    @Override
    public PollingConsumer createPollingConsumer() {
        throw new UnsupportedOperationException(getEndpointUri() + " cannot be polled: only the route that starts"
                + " from it receives its messages");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        WardConsumer consumer = new WardConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
