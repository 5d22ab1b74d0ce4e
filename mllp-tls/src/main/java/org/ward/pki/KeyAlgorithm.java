package org.ward.pki;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;

/**
 * Key pair types the facility PKI generates. Both give about 128 bits of security
 * (NIST SP 800-57 Part 1 Rev. 5, Table 2), and both are served by the ECDHE suites in
 * {@link org.ward.tls.Bcp195CipherSuites}.
 */
public enum KeyAlgorithm {
    /** ECDSA on NIST P-256 (RFC 5480): small keys and fast handshakes on bedside devices. */
    EC_P256("EC", new ECGenParameterSpec("secp256r1"), 256, "SHA256withECDSA"),
    /** RSA 3072 for peers that cannot do ECDSA (ITI-19 §3.19.6.1.3 expects RSA keys of 1024 to 4096 bits). */
    RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), 3072, "SHA256withRSA");

    private final String jcaName;
    private final AlgorithmParameterSpec parameters;
    private final int keyBits;
    private final String signatureAlgorithm;

    KeyAlgorithm(String jcaName, AlgorithmParameterSpec parameters, int keyBits, String signatureAlgorithm) {
        this.jcaName = jcaName;
        this.parameters = parameters;
        this.keyBits = keyBits;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The algorithm Ward uses unless told otherwise. */
    public static KeyAlgorithm defaultAlgorithm() {
        return EC_P256;
    }

    /** The name operators type: {@code ec-p256}, {@code rsa-3072}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a {@link #label()}, case-insensitively. */
    public static KeyAlgorithm parse(String text) {
        for (KeyAlgorithm algorithm : values()) {
            if (algorithm.label().equalsIgnoreCase(text.strip())) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("Not a key algorithm: \"" + text + "\"; expected ec-p256 or rsa-3072");
    }

    /** The key algorithm name as JCA spells it ({@code EC}, {@code RSA}). */
    public String jcaName() {
        return jcaName;
    }

    /** The JCA signature algorithm a key of this type signs certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generateKeyPair(SecureRandom random) {
        try {
            // BouncyCastle's EC private keys encode their public key too (RFC 5915 ECPrivateKey
            // publicKey [1]); GnuTLS 3.7 (rsyslog's TLS) refuses PKCS#8 EC keys without it.
            KeyPairGenerator generator = this == EC_P256
                    ? KeyPairGenerator.getInstance(jcaName, BouncyCastle.PROVIDER)
                    : KeyPairGenerator.getInstance(jcaName);
            generator.initialize(parameters, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot generate a " + this + " key pair", e);
        }
    }

    /** The algorithm of an existing key; refuses key types and sizes Ward does not issue. */
    public static KeyAlgorithm of(Key key) {
        if (key instanceof ECKey ec && ec.getParams().getCurve().getField().getFieldSize() == EC_P256.keyBits) {
            return EC_P256;
        }
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() == RSA_3072.keyBits) {
            return RSA_3072;
        }
        throw new PkiException("Unsupported key: " + key.getAlgorithm()
                + " (Ward's PKI uses ECDSA P-256 or RSA 3072)");
    }
}
