package org.ward.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.ward.mllp.Mllp;
import org.ward.mllp.MllpFrameDecoder;

/**
 * MLLP framing of the shipped ~1.3 KB PCD-01 by {@link MllpFrameDecoder} on an {@link EmbeddedChannel}
 * (the channel's own pipeline cost is included): a frame arriving in one read, and the same frame
 * cut into four reads as TCP may deliver it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MllpDecodeBenchmark {

    private static final int PIECES = 4;

    private byte[] frame;
    private EmbeddedChannel channel;

    @Setup
    public void setUp() {
        byte[] payload = Samples.pcd01();
        frame = new byte[payload.length + 3];
        frame[0] = Mllp.START_BLOCK;
        System.arraycopy(payload, 0, frame, 1, payload.length);
        frame[frame.length - 2] = Mllp.END_BLOCK;
        frame[frame.length - 1] = Mllp.CARRIAGE_RETURN;
        channel = new EmbeddedChannel(new MllpFrameDecoder(1 << 20));
        byte[] decoded = wholeFrame();
        if (decoded.length != payload.length) {
            throw new IllegalStateException("the decoder must return the payload, returned " + decoded.length + " bytes");
        }
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    /** One frame in one read. */
    @Benchmark
    public byte[] wholeFrame() {
        channel.writeInbound(Unpooled.wrappedBuffer(frame));
        return channel.readInbound();
    }

    /** One frame in four reads: the decoder resumes its scan where it stopped. */
    @Benchmark
    public byte[] frameInFourReads() {
        int step = frame.length / PIECES;
        for (int from = 0; from < frame.length; from += step) {
            ByteBuf piece = Unpooled.wrappedBuffer(frame, from, Math.min(step, frame.length - from));
            channel.writeInbound(piece);
        }
        return channel.readInbound();
    }
}
