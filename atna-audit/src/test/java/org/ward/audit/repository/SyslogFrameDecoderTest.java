package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framing decoder alone, one behaviour per test (RFC 5425 §4.3, RFC 6587 §3.4). */
class SyslogFrameDecoderTest {

    private static final int MAX = 600;
    private final RepositoryStats stats = new RepositoryStats();
    private final EmbeddedChannel channel = new EmbeddedChannel(new SyslogFrameDecoder(MAX, stats));

    @Test
    void octetCountedFramesAreCutByTheirLength() {
        channel.writeInbound(bytes("11 <85>1 first9 <85>1 two"));

        assertThat(frames()).containsExactly("<85>1 first", "<85>1 two");
        assertThat(stats.frames()).isEqualTo(2);
    }

    @Test
    void aFrameMayHoldLineFeedsUnderOctetCounting() {
        channel.writeInbound(bytes("9 <85>1 a\nb"));

        assertThat(frames()).containsExactly("<85>1 a\nb");
    }

    @Test
    void lfTerminatedFramingIsDetectedFromTheFirstByte() {
        channel.writeInbound(bytes("<85>1 first\n<85>1 second\r\n\n<85>1 third\n"));

        assertThat(frames()).containsExactly("<85>1 first", "<85>1 second", "<85>1 third");
    }

    @Test
    void framesSplitAcrossReadsAreReassembled() {
        byte[] stream = "11 <85>1 first9 <85>1 two".getBytes(StandardCharsets.UTF_8);
        for (byte b : stream) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(frames()).containsExactly("<85>1 first", "<85>1 two");

        EmbeddedChannel lf = new EmbeddedChannel(new SyslogFrameDecoder(MAX, stats));
        lf.writeInbound(bytes("<85>1 fi"));
        lf.writeInbound(bytes("rst\n<85"));
        lf.writeInbound(bytes(">1 x\n"));
        assertThat(frames(lf)).containsExactly("<85>1 first", "<85>1 x");
    }

    @Test
    void anOversizeOctetCountedFrameIsSkippedAndTheNextOneStillRead() {
        String big = "<85>1 " + "x".repeat(MAX);
        channel.writeInbound(bytes(big.length() + " " + big.substring(0, 100)));
        channel.writeInbound(bytes(big.substring(100) + "8 <85>1 ok"));

        assertThat(frames()).containsExactly("<85>1 ok");
        assertThat(stats.oversizeFrames()).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void anOversizeLineIsDiscardedUpToItsLineFeed() {
        channel.writeInbound(bytes("<85>1 " + "x".repeat(MAX)));
        channel.writeInbound(bytes("y".repeat(MAX) + "\n<85>1 ok\n"));

        assertThat(frames()).containsExactly("<85>1 ok");
        assertThat(stats.oversizeFrames()).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aBrokenLengthClosesTheConnectionAfterTheFramesBeforeIt() {
        channel.writeInbound(bytes("8 <85>1 ok12x <85>1 lost"));

        assertThat(frames()).containsExactly("<85>1 ok");
        assertThat(stats.framingErrors()).isEqualTo(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aLeadingZeroInMsgLenIsRefused() {
        channel.writeInbound(bytes("08 <85>1 x"));

        assertThat(frames()).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anOverlongMsgLenIsRefusedBeforeItOverflows() {
        channel.writeInbound(bytes("99999999999999999999 x"));

        assertThat(channel.isOpen()).isFalse();
        assertThat(stats.framingErrors()).isEqualTo(1);
    }

    @Test
    void garbageAsTheFirstByteClosesTheConnection() {
        channel.writeInbound(bytes("GET / HTTP/1.1\r\n\r\n"));

        assertThat(frames()).isEmpty();
        assertThat(channel.isOpen()).isFalse();
        assertThat(stats.framingErrors()).isEqualTo(1);
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> frames() {
        return frames(channel);
    }

    private static List<String> frames(EmbeddedChannel ch) {
        List<String> frames = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            frames.add(new String((byte[]) o, StandardCharsets.UTF_8));
        }
        return frames;
    }
}
