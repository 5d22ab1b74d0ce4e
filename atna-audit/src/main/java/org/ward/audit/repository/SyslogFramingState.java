package org.ward.audit.repository;

/**
 * The states of {@link SyslogFrameDecoder}. A connection picks its framing from its first byte and
 * keeps it: RFC 5425 §4.3 octet counting ({@code MSG-LEN SP SYSLOG-MSG}) or RFC 6587 §3.4.2
 * non-transparent framing (SYSLOG-MSG terminated by LF), which many senders use over TLS too.
 */
enum SyslogFramingState {
    /** Nothing read yet: a digit 1-9 means octet counting, '<' (PRI) means LF-terminated. */
    DETECT,
    /** Octet counting: reading MSG-LEN up to its SP. */
    LENGTH,
    /** Octet counting: reading the MSG-LEN bytes of one SYSLOG-MSG. */
    BODY,
    /** Octet counting: skipping the body of a frame above max-frame-bytes; the next frame follows. */
    SKIP_BODY,
    /** LF-terminated: reading up to the next LF. */
    LINE,
    /** LF-terminated: discarding a line above max-frame-bytes up to its LF. */
    SKIP_LINE,
    /** The framing broke (no resynchronisation is possible); the connection is being closed. */
    BROKEN
}
