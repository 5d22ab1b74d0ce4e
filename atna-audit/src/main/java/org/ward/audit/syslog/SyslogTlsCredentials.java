package org.ward.audit.syslog;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Ward's client key and the anchors it trusts for the audit repository. Used only to build this
 * sender's own TLS context: nothing is set JVM-wide (no {@code javax.net.ssl.*} properties).
 *
 * @param keyStore holds exactly the client key entry (PKCS#12 or JKS, already loaded)
 * @param password the key entry's password; copied in and out
 * @param trustAnchors CA certificates accepted for the repository's chain
 */
public record SyslogTlsCredentials(KeyStore keyStore, char[] password, List<X509Certificate> trustAnchors) {

    public SyslogTlsCredentials {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
        password = password.clone();
        trustAnchors = List.copyOf(trustAnchors);
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("no trust anchors for the audit repository (audit.repository.trust)");
        }
        try {
            if (keyStore.size() == 0) {
                throw new IllegalArgumentException("client key store is empty (audit.repository.client-key)");
            }
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("client key store is not loaded (audit.repository.client-key)", e);
        }
    }

    @Override
    public char[] password() {
        return password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyslogTlsCredentials other && keyStore.equals(other.keyStore)
                && Arrays.equals(password, other.password) && trustAnchors.equals(other.trustAnchors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyStore, trustAnchors);
    }

    @Override
    public String toString() {
        return "SyslogTlsCredentials[keyStore=" + keyStore.getType() + ", password=***, trustAnchors="
                + trustAnchors.size() + "]";
    }
}
