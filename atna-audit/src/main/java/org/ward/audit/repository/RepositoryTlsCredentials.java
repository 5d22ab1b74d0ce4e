package org.ward.audit.repository;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The repository's server key and the anchors its senders' client certificates must chain to.
 * Local to the receiver's TLS context; nothing is set JVM-wide.
 *
 * @param keyStore holds exactly the server key entry (PKCS#12 or JKS, loaded)
 * @param password the key entry's password; copied in and out
 * @param trustAnchors CA certificates accepted for senders (client authentication is required)
 */
public record RepositoryTlsCredentials(KeyStore keyStore, char[] password, List<X509Certificate> trustAnchors) {

    public RepositoryTlsCredentials {
        Objects.requireNonNull(keyStore, "keyStore");
        password = Objects.requireNonNull(password, "password").clone();
        trustAnchors = List.copyOf(trustAnchors);
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("no trust anchors for audit senders (audit-repository.trust)");
        }
        try {
            if (keyStore.size() == 0) {
                throw new IllegalArgumentException("server key store is empty (audit-repository.server-key)");
            }
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("server key store is not loaded (audit-repository.server-key)", e);
        }
    }

    @Override
    public char[] password() {
        return password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RepositoryTlsCredentials other && keyStore.equals(other.keyStore)
                && Arrays.equals(password, other.password) && trustAnchors.equals(other.trustAnchors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyStore, trustAnchors);
    }

    @Override
    public String toString() {
        return "RepositoryTlsCredentials[keyStore=" + keyStore.getType() + ", password=***, trustAnchors="
                + trustAnchors.size() + "]";
    }
}
