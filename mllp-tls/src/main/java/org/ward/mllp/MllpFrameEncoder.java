package org.ward.mllp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Wraps each outgoing payload in an MLLP block: {@code <SB> payload <EB><CR>}. Stateless. */
@Sharable
public final class MllpFrameEncoder extends MessageToByteEncoder<byte[]> {

    public MllpFrameEncoder() {
        super(byte[].class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, byte[] payload, ByteBuf out) {
        out.ensureWritable(payload.length + 3);
        out.writeByte(Mllp.START_BLOCK);
        out.writeBytes(payload);
        out.writeByte(Mllp.END_BLOCK);
        out.writeByte(Mllp.CARRIAGE_RETURN);
    }
}
