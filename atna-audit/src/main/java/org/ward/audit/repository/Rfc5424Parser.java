package org.ward.audit.repository;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses the header of an RFC 5424 SYSLOG-MSG (§6):
 * {@code PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]}.
 * Strict on the grammar and the field lengths, since every field ends up in a bounded column;
 * stateless and thread-safe.
 */
public final class Rfc5424Parser {

    private static final byte SP = ' ';
    private static final int MAX_PRIVAL = 191;

    private Rfc5424Parser() {
    }

    public static SyslogMessage parse(byte[] frame) throws MalformedSyslogException {
        Cursor c = new Cursor(frame);
        // §6.2.1 PRI = "<" PRIVAL ">", PRIVAL 1*3DIGIT, at most 191
        c.expect((byte) '<', "PRI");
        int priority = c.number(3, "PRIVAL");
        if (priority > MAX_PRIVAL) {
            throw new MalformedSyslogException("PRIVAL " + priority + " exceeds 191 (RFC 5424 §6.2.1)");
        }
        c.expect((byte) '>', "PRI");
        // §6.2.2 VERSION = NONZERO-DIGIT 0*2DIGIT
        if (c.peek() == '0') {
            throw new MalformedSyslogException("VERSION starts with 0 at byte " + c.pos + " (RFC 5424 §6.2.2)");
        }
        int version = c.number(3, "VERSION");
        c.expect(SP, "SP after VERSION");
        String timestamp = c.field(64, "TIMESTAMP");
        if (timestamp != null) {
            checkTimestamp(timestamp);
        }
        c.expect(SP, "SP after TIMESTAMP");
        String hostname = c.field(255, "HOSTNAME"); // §6.2.4
        c.expect(SP, "SP after HOSTNAME");
        String appName = c.field(48, "APP-NAME"); // §6.2.5
        c.expect(SP, "SP after APP-NAME");
        String procId = c.field(128, "PROCID"); // §6.2.6
        c.expect(SP, "SP after PROCID");
        String msgId = c.field(32, "MSGID"); // §6.2.7
        c.expect(SP, "SP after MSGID");
        String structuredData = c.structuredData();
        int msgOffset = frame.length;
        boolean bom = false;
        if (c.pos < frame.length) {
            c.expect(SP, "SP before MSG");
            msgOffset = c.pos;
            // §6.4: MSG-UTF8 = BOM UTF-8-STRING
            if (frame.length - msgOffset >= 3 && (frame[msgOffset] & 0xFF) == 0xEF
                    && (frame[msgOffset + 1] & 0xFF) == 0xBB && (frame[msgOffset + 2] & 0xFF) == 0xBF) {
                bom = true;
                msgOffset += 3;
            }
        }
        return new SyslogMessage(priority, version, timestamp, hostname, appName, procId, msgId, structuredData,
                msgOffset, bom);
    }

    /** §6.2.3: FULL-DATE "T" FULL-TIME (RFC 3339), "Z" or a numeric offset; no leap seconds. */
    private static void checkTimestamp(String timestamp) throws MalformedSyslogException {
        try {
            OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new MalformedSyslogException("TIMESTAMP is not an RFC 3339 date-time (RFC 5424 §6.2.3)");
        }
        if (timestamp.indexOf('T') != 10) {
            throw new MalformedSyslogException("TIMESTAMP is not an RFC 3339 date-time (RFC 5424 §6.2.3)");
        }
    }

    private static final class Cursor {
        private final byte[] b;
        private int pos;

        Cursor(byte[] b) {
            this.b = b;
        }

        int peek() {
            return pos < b.length ? b[pos] & 0xFF : -1;
        }

        void expect(byte expected, String what) throws MalformedSyslogException {
            if (pos >= b.length || b[pos] != expected) {
                throw new MalformedSyslogException("expected " + what + " at byte " + pos + " (RFC 5424 §6)");
            }
            pos++;
        }

        int number(int maxDigits, String what) throws MalformedSyslogException {
            int start = pos;
            int value = 0;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9' && pos - start < maxDigits) {
                value = value * 10 + (b[pos] - '0');
                pos++;
            }
            if (pos == start) {
                throw new MalformedSyslogException(what + " has no digits at byte " + start + " (RFC 5424 §6)");
            }
            return value;
        }

        /** NILVALUE ("-", returned as null) or 1*max PRINTUSASCII (%d33-126). */
        String field(int max, String what) throws MalformedSyslogException {
            int start = pos;
            while (pos < b.length && b[pos] >= 33 && b[pos] <= 126) {
                pos++;
                if (pos - start > max) {
                    throw new MalformedSyslogException(what + " is longer than " + max + " characters (RFC 5424 §6)");
                }
            }
            if (pos == start) {
                throw new MalformedSyslogException(what + " is empty or not PRINTUSASCII at byte " + start
                        + " (RFC 5424 §6)");
            }
            if (pos - start == 1 && b[start] == '-') {
                return null;
            }
            return new String(b, start, pos - start, StandardCharsets.US_ASCII);
        }

        /**
         * §6.3: NILVALUE or 1*SD-ELEMENT, SD-ELEMENT = "[" SD-ID *(SP SD-PARAM) "]", PARAM-VALUE in
         * double quotes with '"', '\' and ']' escaped by '\'. Checks the brackets and quotes; returned
         * as received.
         */
        String structuredData() throws MalformedSyslogException {
            if (peek() == '-') {
                pos++;
                return null;
            }
            int start = pos;
            if (peek() != '[') {
                throw new MalformedSyslogException("STRUCTURED-DATA is neither - nor [ at byte " + pos
                        + " (RFC 5424 §6.3)");
            }
            while (peek() == '[') {
                pos++;
                boolean inValue = false;
                while (true) {
                    if (pos >= b.length) {
                        throw new MalformedSyslogException("SD-ELEMENT not closed (RFC 5424 §6.3)");
                    }
                    byte x = b[pos++];
                    if (inValue) {
                        if (x == '\\' && pos < b.length) {
                            pos++;
                        } else if (x == '"') {
                            inValue = false;
                        }
                    } else if (x == '"') {
                        inValue = true;
                    } else if (x == ']') {
                        break;
                    }
                }
            }
            return new String(b, start, pos - start, StandardCharsets.UTF_8);
        }
    }
}
