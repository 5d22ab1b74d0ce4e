package org.ward.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdleTimeoutHandlerTest {

    @Test
    void connectionIdlePastTheTimeoutIsClosed() throws InterruptedException {
        EmbeddedChannel ch = new EmbeddedChannel(new IdleTimeoutHandler(Duration.ofMillis(50)), new MllpFrameDecoder(1024));
        TimeUnit.MILLISECONDS.sleep(120);
        ch.runPendingTasks();
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void trafficBeforeTheTimeoutKeepsTheConnectionOpen() throws InterruptedException {
        EmbeddedChannel ch = new EmbeddedChannel(new IdleTimeoutHandler(Duration.ofMillis(300)), new MllpFrameDecoder(1024));
        for (int i = 0; i < 4; i++) {
            TimeUnit.MILLISECONDS.sleep(100);
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {i == 0 ? Mllp.START_BLOCK : (byte) 'M'}));
            ch.runScheduledPendingTasks();
        }
        assertThat(ch.isOpen()).isTrue();
    }
}
