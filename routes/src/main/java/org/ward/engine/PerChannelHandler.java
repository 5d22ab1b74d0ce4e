package org.ward.engine;

import io.netty.channel.ChannelHandler;
import java.util.function.Supplier;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;

/** Lets camel-netty create a fresh instance of a stateful handler for every connection. */
public final class PerChannelHandler extends DefaultChannelHandlerFactory {

    private final Supplier<? extends ChannelHandler> supplier;

    public PerChannelHandler(Supplier<? extends ChannelHandler> supplier) {
        this.supplier = supplier;
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return supplier.get();
    }
}
