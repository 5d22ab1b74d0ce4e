package org.ward.mllp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per MLLP framing clause (HL7 v2.5.1 Appendix C §C.2.1.1). */
class MllpFrameDecoderTest {

    private static final String MSG_1 = "MSH|^~\\&|A|B|C|D|20260101||ORU^R01^ORU_R01|1|P|2.6\r";
    private static final String MSG_2 = "MSH|^~\\&|A|B|C|D|20260101||ORU^R01^ORU_R01|2|P|2.6\r";

    private final List<FramingViolation> violations = new ArrayList<>();

    private EmbeddedChannel channel(int maxFrameBytes) {
        return new EmbeddedChannel(new MllpFrameDecoder(maxFrameBytes), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof FramingViolation v) {
                    violations.add(v);
                }
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.fireChannelRead(msg);
            }
        });
    }

    private static byte[] frame(String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Mllp.START_BLOCK);
        out.writeBytes(payload.getBytes(US_ASCII));
        out.write(Mllp.END_BLOCK);
        out.write(Mllp.CARRIAGE_RETURN);
        return out.toByteArray();
    }

    private static String text(Object payload) {
        return new String((byte[]) payload, US_ASCII);
    }

    @Test
    void oneFrameInOneRead() {
        EmbeddedChannel ch = channel(1024);
        ch.writeInbound(Unpooled.wrappedBuffer(frame(MSG_1)));
        assertThat(text(ch.readInbound())).isEqualTo(MSG_1);
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void frameSplitOverManyReadsIsReassembled() {
        EmbeddedChannel ch = channel(1024);
        byte[] bytes = frame(MSG_1);
        for (byte b : bytes) {
            assertThat((Object) ch.readInbound()).isNull();
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(text(ch.readInbound())).isEqualTo(MSG_1);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void endBlockAndCarriageReturnSplitAcrossReads() {
        EmbeddedChannel ch = channel(1024);
        byte[] bytes = frame(MSG_1);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, bytes.length - 1));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, bytes.length - 1, 1));
        assertThat(text(ch.readInbound())).isEqualTo(MSG_1);
    }

    @Test
    void pipelinedFramesInOneReadComeOutInOrder() {
        EmbeddedChannel ch = channel(1024);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(frame(MSG_1));
        both.writeBytes(frame(MSG_2));
        ch.writeInbound(Unpooled.wrappedBuffer(both.toByteArray()));
        assertThat(text(ch.readInbound())).isEqualTo(MSG_1);
        assertThat(text(ch.readInbound())).isEqualTo(MSG_2);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void frameAtExactlyTheLimitIsAccepted() {
        EmbeddedChannel ch = channel(MSG_1.length());
        ch.writeInbound(Unpooled.wrappedBuffer(frame(MSG_1)));
        assertThat(text(ch.readInbound())).isEqualTo(MSG_1);
    }

    @Test
    void oversizedFrameClosesTheConnectionBeforeTheEndBlockArrives() {
        EmbeddedChannel ch = channel(16);
        byte[] bytes = frame(MSG_1);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, 20));
        assertThat(ch.isOpen()).isFalse();
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(FramingViolation.Kind.FRAME_TOO_LONG);
            assertThat(v.detail()).isEqualTo("MLLP frame exceeds 16 bytes (max-frame-bytes)");
        });
    }

    @Test
    void oversizedFrameSplitOverReadsIsCaughtToo() {
        EmbeddedChannel ch = channel(16);
        byte[] bytes = frame(MSG_1);
        for (int i = 0; i < 18 && ch.isOpen(); i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, 1));
        }
        assertThat(ch.isOpen()).isFalse();
        assertThat(violations).extracting(FramingViolation::kind).containsExactly(FramingViolation.Kind.FRAME_TOO_LONG);
    }

    @Test
    void garbageBeforeTheStartByteClosesTheConnection() {
        EmbeddedChannel ch = channel(1024);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GET / HTTP/1.1\r\n".getBytes(US_ASCII));
        out.writeBytes(frame(MSG_1));
        ch.writeInbound(Unpooled.wrappedBuffer(out.toByteArray()));
        assertThat(ch.isOpen()).isFalse();
        assertThat((Object) ch.readInbound()).as("no frame is processed after garbage").isNull();
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(FramingViolation.Kind.BYTE_OUTSIDE_FRAME);
            assertThat(v.detail()).contains("0x47");
        });
    }

    @Test
    void garbageBetweenFramesClosesTheConnectionAfterTheGoodFrame() {
        EmbeddedChannel ch = channel(1024);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(frame(MSG_1));
        out.write('\n');
        out.writeBytes(frame(MSG_2));
        ch.writeInbound(Unpooled.wrappedBuffer(out.toByteArray()));
        assertThat(text(ch.readInbound())).isEqualTo(MSG_1);
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void endBlockWithoutCarriageReturnClosesTheConnection() {
        EmbeddedChannel ch = channel(1024);
        byte[] bytes = frame(MSG_1);
        bytes[bytes.length - 1] = 'X';
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.isOpen()).isFalse();
        assertThat(violations).extracting(FramingViolation::kind)
                .containsExactly(FramingViolation.Kind.MISSING_CARRIAGE_RETURN);
    }

    @Test
    void missingEndByteThenANewStartBlockClosesTheConnection() {
        EmbeddedChannel ch = channel(1024);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Mllp.START_BLOCK);
        out.writeBytes(MSG_1.getBytes(US_ASCII));
        out.writeBytes(frame(MSG_2));
        ch.writeInbound(Unpooled.wrappedBuffer(out.toByteArray()));
        assertThat((Object) ch.readInbound()).as("two messages must never be merged").isNull();
        assertThat(ch.isOpen()).isFalse();
        assertThat(violations).extracting(FramingViolation::kind)
                .containsExactly(FramingViolation.Kind.START_BLOCK_INSIDE_FRAME);
    }

    @Test
    void missingEndByteAtConnectionCloseDiscardsThePartialFrame() {
        EmbeddedChannel ch = channel(1024);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {Mllp.START_BLOCK}, MSG_1.getBytes(US_ASCII)));
        ch.finish();
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(FramingViolation.Kind.TRUNCATED_FRAME);
            assertThat(v.detail()).contains(MSG_1.length() + " bytes discarded");
        });
    }

    @Test
    void payloadIsNeverInTheViolationDetail() {
        EmbeddedChannel ch = channel(8);
        ch.writeInbound(Unpooled.wrappedBuffer(frame("PID|||12345^^^MRN||DOE^JANE\r")));
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.detail()).doesNotContain("DOE", "12345"));
    }

    @Test
    void encoderWritesSeveralRepliesAsConsecutiveBlocksInOrder() {
        EmbeddedChannel out = new EmbeddedChannel(new MllpFrameEncoder());
        out.writeOutbound(new MllpReplies(java.util.List.of(MSG_1.getBytes(US_ASCII), MSG_2.getBytes(US_ASCII))));
        io.netty.buffer.ByteBuf encoded = out.readOutbound();
        EmbeddedChannel in = channel(1024);
        in.writeInbound(encoded);
        assertThat(text(in.readInbound())).isEqualTo(MSG_1);
        assertThat(text(in.readInbound())).isEqualTo(MSG_2);
    }

    @Test
    void encoderWrapsPayloadInABlockTheDecoderReadsBack() {
        EmbeddedChannel out = new EmbeddedChannel(new MllpFrameEncoder());
        out.writeOutbound(MSG_1.getBytes(US_ASCII));
        io.netty.buffer.ByteBuf encoded = out.readOutbound();
        byte[] bytes = new byte[encoded.readableBytes()];
        encoded.readBytes(bytes);
        encoded.release();
        assertThat(bytes).isEqualTo(frame(MSG_1));
    }
}
