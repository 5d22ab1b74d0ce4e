package org.ward.mllp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that has sent nothing for {@code idle-timeout}, so a silent or stalled peer
 * cannot hold a socket (and a half-read frame) forever. One instance per channel.
 */
public final class IdleTimeoutHandler extends IdleStateHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IdleTimeoutHandler.class);

    private final Duration idleTimeout;

    public IdleTimeoutHandler(Duration idleTimeout) {
        super(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
        this.idleTimeout = idleTimeout;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (event.state() == IdleState.READER_IDLE) {
            LOG.warn("Closing MLLP connection from {}: nothing received for {} ms (idle-timeout)",
                    ctx.channel().remoteAddress(), idleTimeout.toMillis());
            ctx.fireUserEventTriggered(event);
            ctx.close();
        }
    }
}
