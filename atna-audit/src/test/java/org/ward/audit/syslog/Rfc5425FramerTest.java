package org.ward.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Rfc5425FramerTest {

    private static String written(EmbeddedChannel channel) {
        ByteBuf buf = channel.readOutbound();
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    @Test
    void octetCountingPrefixesTheDecimalLengthAndOneSpace() {
        EmbeddedChannel channel = new EmbeddedChannel(new Rfc5425Framer(1024));
        channel.writeOutbound("<85>1 - - - - IHE+RFC-3881 - x".getBytes(StandardCharsets.US_ASCII));
        assertThat(written(channel)).isEqualTo("30 <85>1 - - - - IHE+RFC-3881 - x");
    }

    @Test
    void lengthCountsOctetsNotCharacters() {
        EmbeddedChannel channel = new EmbeddedChannel(new Rfc5425Framer(1024));
        byte[] msg = "é€".getBytes(StandardCharsets.UTF_8); // 2 + 3 octets
        channel.writeOutbound(msg);
        assertThat(written(channel)).isEqualTo("5 é€");
    }

    @Test
    void framesFollowEachOtherWithoutSeparator() {
        EmbeddedChannel channel = new EmbeddedChannel(new Rfc5425Framer(1024));
        channel.writeOutbound("a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII));
        assertThat(written(channel) + written(channel)).isEqualTo("1 a2 bc");
    }

    @Test
    void emptyAndOversizedMessagesAreRefusedBeforeAnyByteIsWritten() {
        EmbeddedChannel channel = new EmbeddedChannel(new Rfc5425Framer(8));
        assertThatThrownBy(() -> channel.writeOutbound((Object) new byte[0]))
                .isInstanceOf(EncoderException.class).hasMessageContaining("nonzero");
        assertThatThrownBy(() -> channel.writeOutbound((Object) new byte[9]))
                .isInstanceOf(EncoderException.class).hasMessageContaining("exceeds 8 bytes (max-message-bytes)");
        assertThat((Object) channel.readOutbound()).isNull();
    }
}
