package org.ward.tls;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Told whenever a node fails to authenticate: a refused TLS handshake, or a live connection
 * closed because its certificate no longer authenticates (revoked, expired). The ATNA layer turns
 * this into a Security Alert (DICOM 110113, EventTypeCode 110126 Node Authentication).
 */
@FunctionalInterface
public interface NodeAuthenticationListener {

    NodeAuthenticationListener NONE = (remote, certificate, reason, wasEstablished) -> { };

    /**
     * @param remote         the peer's address
     * @param certificate    the certificate it presented, when it presented one
     * @param reason         why, naming the rule; never message content
     * @param wasEstablished true when an open connection was closed, false for a refused handshake
     */
    void refused(SocketAddress remote, Optional<X509Certificate> certificate, String reason, boolean wasEstablished);
}
