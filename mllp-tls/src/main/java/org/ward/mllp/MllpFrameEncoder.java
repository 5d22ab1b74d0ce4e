package org.ward.mllp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Wraps each outgoing payload in an MLLP block {@code <SB> payload <EB><CR>}; a {@link MllpReplies}
 * becomes consecutive blocks in one write, in order. Stateless.
 */
@Sharable
public final class MllpFrameEncoder extends MessageToByteEncoder<Object> {

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof byte[] || msg instanceof MllpReplies;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        if (msg instanceof MllpReplies replies) {
            for (byte[] payload : replies.payloads()) {
                frame(payload, out);
            }
        } else {
            frame((byte[]) msg, out);
        }
    }

    private static void frame(byte[] payload, ByteBuf out) {
        out.ensureWritable(payload.length + 3);
        out.writeByte(Mllp.START_BLOCK);
        out.writeBytes(payload);
        out.writeByte(Mllp.END_BLOCK);
        out.writeByte(Mllp.CARRIAGE_RETURN);
    }
}
