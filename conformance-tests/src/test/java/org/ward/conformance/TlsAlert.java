package org.ward.conformance;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TLS alerts a server sends when it refuses a handshake, with their wire values from RFC 8446
 * §6 (AlertDescription). OpenSSL reports a received fatal alert as "... SSL alert number N".
 */
enum TlsAlert {
    HANDSHAKE_FAILURE(40),
    BAD_CERTIFICATE(42),
    UNSUPPORTED_CERTIFICATE(43),
    CERTIFICATE_REVOKED(44),
    CERTIFICATE_EXPIRED(45),
    CERTIFICATE_UNKNOWN(46),
    UNKNOWN_CA(48),
    PROTOCOL_VERSION(70),
    INSUFFICIENT_SECURITY(71),
    CERTIFICATE_REQUIRED(116);

    private static final Pattern OPENSSL_ALERT = Pattern.compile("SSL alert number (\\d+)");

    private final int wireValue;

    TlsAlert(int wireValue) {
        this.wireValue = wireValue;
    }

    int wireValue() {
        return wireValue;
    }

    /** The first alert {@code openssl s_client} says it received from the peer, if any it knows. */
    static Optional<TlsAlert> receivedBy(String opensslStderr) {
        Matcher matcher = OPENSSL_ALERT.matcher(opensslStderr);
        if (!matcher.find()) {
            return Optional.empty();
        }
        int number = Integer.parseInt(matcher.group(1));
        return Arrays.stream(values()).filter(alert -> alert.wireValue == number).findFirst();
    }
}
