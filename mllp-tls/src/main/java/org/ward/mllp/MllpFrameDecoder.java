package org.ward.mllp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts MLLP frames out of a byte stream and passes each payload on as a {@code byte[]}. Knows
 * nothing of HL7: charset, segments and acknowledgements are decided further up.
 *
 * <p>Strict by design (STYLE "bound everything read from the wire"): a payload longer than
 * {@code maxFrameBytes}, any byte between frames, a start block inside a frame, or an end block not
 * followed by CR closes the connection. Each violation is logged with the remote address and the
 * rule or limit, fired as a {@link FramingViolation} user event, and never includes payload bytes.
 * Not sharable: one instance per channel.
 */
public final class MllpFrameDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(MllpFrameDecoder.class);

    private final int maxFrameBytes;
    private MllpDecoderState state = MllpDecoderState.AWAIT_START_BLOCK;
    /** Payload bytes of the current frame already scanned for an end block without finding one. */
    private int scanned;
    private byte[] completedPayload;

    public MllpFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("max-frame-bytes must be positive: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            switch (state) {
                case AWAIT_START_BLOCK -> awaitStartBlock(ctx, in);
                case IN_FRAME -> {
                    if (!scanPayload(ctx, in)) {
                        return;
                    }
                }
                case AWAIT_CARRIAGE_RETURN -> awaitCarriageReturn(ctx, in, out);
                case CLOSED -> in.skipBytes(in.readableBytes());
            }
        }
    }

    private void awaitStartBlock(ChannelHandlerContext ctx, ByteBuf in) {
        byte b = in.readByte();
        if (b == Mllp.START_BLOCK) {
            state = MllpDecoderState.IN_FRAME;
            scanned = 0;
        } else {
            violate(ctx, in, FramingViolation.Kind.BYTE_OUTSIDE_FRAME,
                    String.format("byte 0x%02X outside an MLLP frame (expected start block 0x0B)", b & 0xFF));
        }
    }

    /** Returns false when more bytes are needed. */
    private boolean scanPayload(ChannelHandlerContext ctx, ByteBuf in) {
        int from = in.readerIndex() + scanned;
        int length = in.writerIndex() - from;
        int stop = in.forEachByte(from, length, b -> b != Mllp.END_BLOCK && b != Mllp.START_BLOCK);
        int payloadLength = (stop < 0 ? in.writerIndex() : stop) - in.readerIndex();
        if (payloadLength > maxFrameBytes) {
            violate(ctx, in, FramingViolation.Kind.FRAME_TOO_LONG,
                    "MLLP frame exceeds " + maxFrameBytes + " bytes (max-frame-bytes)");
            return true;
        }
        if (stop < 0) {
            scanned = payloadLength;
            return false;
        }
        if (in.getByte(stop) == Mllp.START_BLOCK) {
            violate(ctx, in, FramingViolation.Kind.START_BLOCK_INSIDE_FRAME,
                    "start block 0x0B inside an MLLP frame (end block 0x1C missing)");
            return true;
        }
        completedPayload = new byte[payloadLength];
        in.readBytes(completedPayload);
        in.skipBytes(1);
        state = MllpDecoderState.AWAIT_CARRIAGE_RETURN;
        return true;
    }

    private void awaitCarriageReturn(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        byte b = in.readByte();
        if (b == Mllp.CARRIAGE_RETURN) {
            out.add(completedPayload);
            completedPayload = null;
            state = MllpDecoderState.AWAIT_START_BLOCK;
        } else {
            violate(ctx, in, FramingViolation.Kind.MISSING_CARRIAGE_RETURN,
                    String.format("end block 0x1C followed by 0x%02X instead of CR 0x0D", b & 0xFF));
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (state == MllpDecoderState.IN_FRAME || state == MllpDecoderState.AWAIT_CARRIAGE_RETURN) {
            int discarded = in.readableBytes() + (completedPayload == null ? 0 : completedPayload.length + 1);
            report(ctx, new FramingViolation(FramingViolation.Kind.TRUNCATED_FRAME,
                    "connection closed inside an MLLP frame; " + discarded + " bytes discarded"));
            state = MllpDecoderState.CLOSED;
            completedPayload = null;
            in.skipBytes(in.readableBytes());
        }
    }

    private void violate(ChannelHandlerContext ctx, ByteBuf in, FramingViolation.Kind kind, String detail) {
        state = MllpDecoderState.CLOSED;
        completedPayload = null;
        in.skipBytes(in.readableBytes());
        report(ctx, new FramingViolation(kind, detail));
        ctx.close();
    }

    private static void report(ChannelHandlerContext ctx, FramingViolation violation) {
        LOG.warn("Closing MLLP connection from {}: {}", ctx.channel().remoteAddress(), violation.detail());
        ctx.fireUserEventTriggered(violation);
    }
}
