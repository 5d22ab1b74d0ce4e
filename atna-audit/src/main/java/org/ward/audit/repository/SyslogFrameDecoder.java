package org.ward.audit.repository;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a syslog TCP stream into SYSLOG-MSG frames ({@code byte[]}); knows nothing of what is inside.
 * Framing per connection from the first byte ({@link SyslogFramingState#DETECT}).
 *
 * <p>Bounds: a frame above max-frame-bytes is skipped whole, counted and logged, and the frames
 * after it are still read (octet counting knows where it ends; LF framing discards to the next LF).
 * An octet count that is not {@code NONZERO-DIGIT *9DIGIT SP}, or a first byte that is neither,
 * leaves no way to find the next frame: counted, logged, connection closed. The frames before it
 * were already passed on.
 */
final class SyslogFrameDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogFrameDecoder.class);
    /** RFC 5425 §4.3: MSG-LEN is NONZERO-DIGIT *DIGIT; 10 digits exceed any int frame limit anyway. */
    private static final int MAX_LENGTH_DIGITS = 10;

    private final int maxFrameBytes;
    private final RepositoryStats stats;
    private SyslogFramingState state = SyslogFramingState.DETECT;
    private long length;
    private int lengthDigits;
    private long toSkip;

    SyslogFrameDecoder(int maxFrameBytes, RepositoryStats stats) {
        if (maxFrameBytes < 480) {
            throw new IllegalArgumentException("max-frame-bytes must be at least 480 (RFC 5424 §6.1), was "
                    + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.stats = stats;
    }

    SyslogFramingState state() {
        return state;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            switch (state) {
                case DETECT -> detect(ctx, in);
                case LENGTH -> {
                    if (!length(ctx, in)) {
                        return;
                    }
                }
                case BODY -> {
                    if (in.readableBytes() < length) {
                        return;
                    }
                    out.add(frame(in, (int) length));
                    length = 0;
                    state = SyslogFramingState.LENGTH;
                }
                case SKIP_BODY -> {
                    int skip = (int) Math.min(toSkip, in.readableBytes());
                    in.skipBytes(skip);
                    toSkip -= skip;
                    if (toSkip == 0) {
                        state = SyslogFramingState.LENGTH;
                    }
                }
                case LINE -> {
                    if (!line(ctx, in, out)) {
                        return;
                    }
                }
                case SKIP_LINE -> {
                    int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                    if (lf < 0) {
                        in.skipBytes(in.readableBytes());
                        return;
                    }
                    in.readerIndex(lf + 1);
                    state = SyslogFramingState.LINE;
                }
                case BROKEN -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    private void detect(ChannelHandlerContext ctx, ByteBuf in) {
        byte first = in.getByte(in.readerIndex());
        if (first >= '1' && first <= '9') {
            state = SyslogFramingState.LENGTH;
        } else if (first == '<') {
            state = SyslogFramingState.LINE;
        } else {
            broken(ctx, in, "first byte 0x" + Integer.toHexString(first & 0xFF)
                    + " is neither an RFC 5425 MSG-LEN digit nor an RFC 6587 '<'");
        }
    }

    /** @return false when more bytes are needed */
    private boolean length(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.readByte();
            if (b == ' ' && lengthDigits > 0) {
                long frameLength = length;
                length = 0;
                lengthDigits = 0;
                stats.frameReceived();
                if (frameLength > maxFrameBytes) {
                    stats.oversizeFrame();
                    LOG.warn("syslog frame of {} bytes from {} exceeds {} bytes (max-frame-bytes); skipped",
                            frameLength, ctx.channel().remoteAddress(), maxFrameBytes);
                    toSkip = frameLength;
                    state = SyslogFramingState.SKIP_BODY;
                } else {
                    length = frameLength;
                    state = SyslogFramingState.BODY;
                }
                return true;
            }
            boolean digit = b >= '0' && b <= '9' && !(b == '0' && lengthDigits == 0);
            if (!digit || lengthDigits == MAX_LENGTH_DIGITS) {
                broken(ctx, in, "MSG-LEN is not NONZERO-DIGIT *DIGIT SP (RFC 5425 §4.3)");
                return false;
            }
            length = length * 10 + (b - '0');
            lengthDigits++;
        }
        return false;
    }

    /** @return false when more bytes are needed */
    private boolean line(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int search = Math.min(in.readableBytes(), maxFrameBytes + 2); // frame, an optional CR, the LF
        int lf = in.indexOf(in.readerIndex(), in.readerIndex() + search, (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > maxFrameBytes + 1) {
                stats.frameReceived();
                stats.oversizeFrame();
                LOG.warn("LF-terminated syslog frame from {} exceeds {} bytes (max-frame-bytes); discarded up to"
                        + " its LF", ctx.channel().remoteAddress(), maxFrameBytes);
                in.skipBytes(in.readableBytes());
                state = SyslogFramingState.SKIP_LINE;
                return true;
            }
            return false;
        }
        int end = lf;
        if (end > in.readerIndex() && in.getByte(end - 1) == '\r') {
            end--; // RFC 6587 §3.4.2: some senders end with CR LF
        }
        int frameLength = end - in.readerIndex();
        if (frameLength == 0) {
            in.readerIndex(lf + 1); // an empty line is no frame
            return true;
        }
        stats.frameReceived();
        if (frameLength > maxFrameBytes) {
            stats.oversizeFrame();
            LOG.warn("LF-terminated syslog frame of {} bytes from {} exceeds {} bytes (max-frame-bytes); skipped",
                    frameLength, ctx.channel().remoteAddress(), maxFrameBytes);
            in.readerIndex(lf + 1);
            return true;
        }
        out.add(frame(in, frameLength));
        in.readerIndex(lf + 1);
        return true;
    }

    private static byte[] frame(ByteBuf in, int length) {
        byte[] frame = new byte[length];
        in.readBytes(frame);
        return frame;
    }

    private void broken(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        state = SyslogFramingState.BROKEN;
        stats.framingError();
        LOG.warn("closing syslog connection from {}: {}", ctx.channel().remoteAddress(), reason);
        in.skipBytes(in.readableBytes());
        ctx.close();
    }
}
