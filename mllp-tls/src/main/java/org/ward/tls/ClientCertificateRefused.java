package org.ward.tls;

import java.security.cert.CertificateException;

/**
 * Ward's verifier refused a client certificate; the message names the rule and the certificate
 * serial (never more than certificate metadata), and is what logs and audit records show.
 */
public final class ClientCertificateRefused extends CertificateException {

    private static final long serialVersionUID = 1L;

    public ClientCertificateRefused(String message) {
        super(message);
    }

    public ClientCertificateRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
