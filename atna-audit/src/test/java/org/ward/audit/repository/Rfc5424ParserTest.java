package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 5424 §6 header grammar. */
class Rfc5424ParserTest {

    @Test
    void wardsOwnRecordParses() throws Exception {
        byte[] frame = Records.importSyslog("PAT-1", "MSG-1");

        SyslogMessage m = Rfc5424Parser.parse(frame);

        assertThat(m.priority()).isEqualTo(85);
        assertThat(m.facility()).isEqualTo(10);
        assertThat(m.severity()).isEqualTo(5);
        assertThat(m.version()).isEqualTo(1);
        assertThat(m.timestamp()).isEqualTo("2026-11-22T10:15:30.123Z");
        assertThat(m.hostname()).isEqualTo("icu-gw-1");
        assertThat(m.appName()).isEqualTo("ward");
        assertThat(m.procId()).isEqualTo("4242");
        assertThat(m.msgId()).isEqualTo("IHE+RFC-3881");
        assertThat(m.structuredData()).isNull();
        assertThat(m.bom()).isTrue();
        assertThat(new String(frame, m.msgOffset(), 13, StandardCharsets.UTF_8)).isEqualTo("<AuditMessage");
    }

    @Test
    void nilValuesStructuredDataAndNoBom() throws Exception {
        SyslogMessage m = parse("<0>1 - - - - - [exampleSDID@32473 iut=\"3\" eventSource=\"A\\]pp\"][x@1] hello");

        assertThat(m.timestamp()).isNull();
        assertThat(m.hostname()).isNull();
        assertThat(m.structuredData()).isEqualTo("[exampleSDID@32473 iut=\"3\" eventSource=\"A\\]pp\"][x@1]");
        assertThat(m.bom()).isFalse();
    }

    @Test
    void aMessageWithoutMsgEndsAfterStructuredData() throws Exception {
        byte[] frame = "<191>999 2003-10-11T22:14:15.003-07:00 h a p m -".getBytes(StandardCharsets.US_ASCII);

        assertThat(Rfc5424Parser.parse(frame).msgOffset()).isEqualTo(frame.length);
    }

    @Test
    void malformedHeadersAreRefusedNamingTheField() {
        assertMalformed("<192>1 - - - - - -", "PRIVAL 192");
        assertMalformed("85>1 - - - - - -", "PRI");
        assertMalformed("<85>01 - - - - - -", "VERSION");
        assertMalformed("<85>1 yesterday h a p m -", "TIMESTAMP");
        assertMalformed("<85>1 2003-10-11 22:14:15Z h a p m -", "TIMESTAMP");
        assertMalformed("<85>1 - h " + "a".repeat(49) + " p m -", "APP-NAME");
        assertMalformed("<85>1 - h a p " + "m".repeat(33) + " -", "MSGID");
        assertMalformed("<85>1 - h a p m [unclosed", "SD-ELEMENT");
        assertMalformed("<85>1 - h a p m x", "STRUCTURED-DATA");
        assertMalformed("<85>1 -  a p m -", "HOSTNAME");
    }

    private static SyslogMessage parse(String s) throws MalformedSyslogException {
        return Rfc5424Parser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertMalformed(String s, String field) {
        assertThatThrownBy(() -> parse(s)).as(s).isInstanceOf(MalformedSyslogException.class)
                .hasMessageContaining(field);
    }
}
