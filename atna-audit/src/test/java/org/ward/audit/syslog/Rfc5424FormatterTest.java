package org.ward.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Rfc5424FormatterTest {

    private static final SyslogIdentity IDENTITY = new SyslogIdentity("ward.example.org", "ward", "4711");
    private static final byte[] XML = "<AuditMessage>é</AuditMessage>".getBytes(StandardCharsets.UTF_8);

    @Test
    void headerIsExactWithBom() {
        byte[] out = new Rfc5424Formatter(IDENTITY, MsgEncoding.UTF8_WITH_BOM, 4096)
                .format(Instant.parse("2026-03-01T08:09:10.123456Z"), XML);
        byte[] header = "<85>1 2026-03-01T08:09:10.123Z ward.example.org ward 4711 IHE+RFC-3881 - "
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(Arrays.copyOfRange(out, 0, header.length)).isEqualTo(header);
        // RFC 5424 §6.4 MSG-UTF8: BOM, then the XML unchanged.
        assertThat(Arrays.copyOfRange(out, header.length, header.length + 3))
                .containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(Arrays.copyOfRange(out, header.length + 3, out.length)).isEqualTo(XML);
    }

    @Test
    void withoutBomTheMsgIsTheXmlAlone() {
        byte[] out = new Rfc5424Formatter(IDENTITY, MsgEncoding.UTF8_WITHOUT_BOM, 4096)
                .format(Instant.parse("2026-03-01T08:09:10Z"), XML);
        String expected = "<85>1 2026-03-01T08:09:10.000Z ward.example.org ward 4711 IHE+RFC-3881 - "
                + "<AuditMessage>é</AuditMessage>";
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void timestampIsUtcWithMillisecondsWhateverTheInstant() {
        byte[] out = new Rfc5424Formatter(IDENTITY, MsgEncoding.UTF8_WITHOUT_BOM, 4096)
                .format(Instant.parse("1999-12-31T23:59:59.999999999Z"), XML);
        assertThat(new String(out, StandardCharsets.US_ASCII)).startsWith("<85>1 1999-12-31T23:59:59.999Z ");
    }

    @Test
    void structuredDataIsTheNilValueAndMsgIdIsIheRfc3881() {
        String text = new String(new Rfc5424Formatter(IDENTITY, MsgEncoding.UTF8_WITHOUT_BOM, 4096)
                .format(Instant.EPOCH, XML), StandardCharsets.UTF_8);
        String[] fields = text.split(" ", 8);
        assertThat(fields[0]).isEqualTo("<85>1");
        assertThat(fields[5]).isEqualTo("IHE+RFC-3881");
        assertThat(fields[6]).isEqualTo("-");
    }

    @Test
    void tooLongMessageIsRefusedNamingTheLimit() {
        Rfc5424Formatter formatter = new Rfc5424Formatter(IDENTITY, MsgEncoding.UTF8_WITH_BOM, 480);
        assertThatThrownBy(() -> formatter.format(Instant.EPOCH, new byte[480]))
                .isInstanceOf(Rfc5424Formatter.MessageTooLongException.class)
                .hasMessageContaining("max-message-bytes");
    }

    @Test
    void identityFieldsAreValidatedPerRfc5424Section6() {
        assertThatThrownBy(() -> new SyslogIdentity("host name", "ward", "1"))
                .hasMessageContaining("HOSTNAME").hasMessageContaining("PRINTUSASCII");
        assertThatThrownBy(() -> new SyslogIdentity("h".repeat(256), "ward", "1"))
                .hasMessageContaining("HOSTNAME must be 1 to 255");
        assertThatThrownBy(() -> new SyslogIdentity("h", "a".repeat(49), "1"))
                .hasMessageContaining("APP-NAME must be 1 to 48");
        assertThatThrownBy(() -> new SyslogIdentity("h", "ward", "p".repeat(129)))
                .hasMessageContaining("PROCID must be 1 to 128");
        assertThatThrownBy(() -> new SyslogIdentity("h", "", "1")).hasMessageContaining("APP-NAME");
        assertThatThrownBy(() -> new SyslogIdentity("h", "wärd", "1")).hasMessageContaining("PRINTUSASCII");
        assertThat(new SyslogIdentity("h".repeat(255), "a".repeat(48), "p".repeat(128))).isNotNull();
        assertThat(new SyslogIdentity("-", "-", "-")).isNotNull(); // NILVALUE everywhere is allowed
    }

    @Test
    void yearOutsideFourDigitsIsRefused() {
        Rfc5424Formatter formatter = new Rfc5424Formatter(IDENTITY, MsgEncoding.UTF8_WITH_BOM, 4096);
        assertThatThrownBy(() -> formatter.format(Instant.parse("+10000-01-01T00:00:00Z"), XML))
                .hasMessageContaining("DATE-FULLYEAR");
    }
}
