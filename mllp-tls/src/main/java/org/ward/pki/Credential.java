package org.ward.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key and its certificate chain, leaf first, up to and including the root (the order
 * TLS sends it in, RFC 8446 §4.4.2). {@link #toString()} never shows the key.
 */
public record Credential(PrivateKey privateKey, List<X509Certificate> chain) {

    public Credential {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A credential needs at least its own certificate");
        }
        String keyType = chain.get(0).getPublicKey().getAlgorithm();
        if (!keyType.equals(privateKey.getAlgorithm())) {
            throw new IllegalArgumentException("Private key is " + privateKey.getAlgorithm()
                    + " but the certificate holds a " + keyType + " key");
        }
    }

    /** The end-entity (or CA) certificate this key belongs to. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "Credential[" + certificate().getSubjectX500Principal().getName()
                + ", chain of " + chain.size() + "]";
    }
}
