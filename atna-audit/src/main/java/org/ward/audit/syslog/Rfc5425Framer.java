package org.ward.audit.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/**
 * RFC 5425 §4.3 octet-counting: {@code SYSLOG-FRAME = MSG-LEN SP SYSLOG-MSG}, MSG-LEN the decimal
 * octet count of SYSLOG-MSG without leading zeros. Knows nothing of the message inside.
 *
 * <p>Takes one complete SYSLOG-MSG per {@code byte[]}; rejects an empty one (MSG-LEN is
 * NONZERO-DIGIT *DIGIT) or one above the configured bound before any byte is written.
 */
@Sharable
public final class Rfc5425Framer extends MessageToByteEncoder<byte[]> {

    private final int maxMessageBytes;

    public Rfc5425Framer(int maxMessageBytes) {
        super(byte[].class);
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("max-message-bytes must be positive, was " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, byte[] syslogMsg, ByteBuf out) {
        if (syslogMsg.length == 0) {
            throw new EncoderException("empty SYSLOG-MSG cannot be framed (RFC 5425 §4.3: MSG-LEN is nonzero)");
        }
        if (syslogMsg.length > maxMessageBytes) {
            throw new EncoderException("SYSLOG-MSG of " + syslogMsg.length + " bytes exceeds "
                    + maxMessageBytes + " bytes (max-message-bytes)");
        }
        out.writeCharSequence(Integer.toString(syslogMsg.length), StandardCharsets.US_ASCII);
        out.writeByte(' ');
        out.writeBytes(syslogMsg);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, byte[] msg, boolean preferDirect) {
        int size = msg.length + 11; // at most 10 digits and the space
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }
}
