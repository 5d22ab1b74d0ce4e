package org.ward.camel;

import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * The route end of {@code ward:<destination>}: while it runs, the destination's worker hands it
 * messages through {@link RouteReceiver}; a stopped or suspended route receives nothing, and the
 * worker waits and tries again.
 */
public final class WardConsumer extends DefaultConsumer {

    WardConsumer(WardEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public WardEndpoint getEndpoint() {
        return (WardEndpoint) super.getEndpoint();
    }

    String destination() {
        return getEndpoint().destination();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getEndpoint().getComponent().register(this);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().unregister(this);
        super.doStop();
    }

    @Override
    protected void doSuspend() throws Exception {
        getEndpoint().getComponent().unregister(this);
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        super.doResume();
        getEndpoint().getComponent().register(this);
    }
}
