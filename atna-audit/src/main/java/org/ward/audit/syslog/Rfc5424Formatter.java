package org.ward.audit.syslog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Wraps one DICOM audit message (UTF-8 XML) in an RFC 5424 syslog message:
 * {@code <85>1 TIMESTAMP HOSTNAME APP-NAME PROCID IHE+RFC-3881 - MSG}.
 *
 * <p>Immutable and thread-safe. The XML is not parsed or re-encoded: the caller hands over bytes
 * it already marshalled as UTF-8.
 */
public final class Rfc5424Formatter {

    /**
     * ITI-20 §3.20.4.1.2 / DICOM PS3.15 A.6: facility 10 (security/authorization) × 8 + severity 5
     * (notice) = 85.
     */
    public static final int PRIVAL = 10 * 8 + 5;

    /** ITI-20 §3.20.4.1.2: MSGID stays "IHE+RFC-3881" even for DICOM PS3.15 payloads. */
    public static final String MSGID = "IHE+RFC-3881";

    /** RFC 5424 §6.3: no structured data is the NILVALUE. */
    public static final String NO_STRUCTURED_DATA = "-";

    /** RFC 5424 §6.4 MSG-UTF8 prefix. */
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** RFC 5424 §6.2.3 with TIME-SECFRAC of 3 digits, always in UTC ("Z"). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final SyslogIdentity identity;
    private final MsgEncoding encoding;
    private final int maxMessageBytes;

    /**
     * @param maxMessageBytes largest SYSLOG-MSG this formatter produces; the receiver's limit
     *     (rsyslog: {@code maxMessageSize}) must be at least this (RFC 5425 §4.3.1)
     */
    public Rfc5424Formatter(SyslogIdentity identity, MsgEncoding encoding, int maxMessageBytes) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        if (maxMessageBytes < 480) {
            // RFC 5424 §6.1: every receiver must accept 480 octets; below that nothing useful fits.
            throw new IllegalArgumentException("max-message-bytes must be at least 480, was " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    public static Rfc5424Formatter of(SyslogConfig config) {
        return new Rfc5424Formatter(config.identity(), config.msgEncoding(), config.maxMessageBytes());
    }

    /**
     * @param timestamp when the audited event was recorded; truncated to milliseconds, written in UTC
     * @param xmlUtf8 the audit message, UTF-8 without a BOM of its own
     * @throws MessageTooLongException if the result would exceed max-message-bytes
     */
    public byte[] format(Instant timestamp, byte[] xmlUtf8) {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(xmlUtf8, "xmlUtf8");
        byte[] header = header(timestamp);
        byte[] bom = encoding == MsgEncoding.UTF8_WITH_BOM ? BOM : new byte[0];
        long length = (long) header.length + bom.length + xmlUtf8.length;
        if (length > maxMessageBytes) {
            throw new MessageTooLongException("syslog message of " + length + " bytes exceeds "
                    + maxMessageBytes + " bytes (max-message-bytes)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
        out.writeBytes(header);
        out.writeBytes(bom);
        out.writeBytes(xmlUtf8);
        return out.toByteArray();
    }

    /** HEADER SP STRUCTURED-DATA SP, all US-ASCII. */
    private byte[] header(Instant timestamp) {
        int year = timestamp.atZone(ZoneOffset.UTC).getYear();
        if (year < 0 || year > 9999) {
            // RFC 5424 §6.2.3: DATE-FULLYEAR is exactly 4 digits.
            throw new IllegalArgumentException("timestamp year " + year + " does not fit RFC 5424 DATE-FULLYEAR");
        }
        String header = "<" + PRIVAL + ">1 "
                + TIMESTAMP.format(timestamp.truncatedTo(ChronoUnit.MILLIS)) + ' '
                + identity.hostname() + ' '
                + identity.appName() + ' '
                + identity.procId() + ' '
                + MSGID + ' '
                + NO_STRUCTURED_DATA + ' ';
        return header.getBytes(StandardCharsets.US_ASCII);
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** A record that can never be sent within the configured size limit. */
    public static final class MessageTooLongException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public MessageTooLongException(String message) {
            super(message);
        }
    }
}
