package org.ward.pki;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** What CA and end-entity certificate creation share. Uses the JDK's providers, never a global one. */
final class CertificateSigning {

    /**
     * notBefore is set this far in the past so a peer whose clock lags a little (IHE CT keeps
     * clocks close, not equal) does not reject a certificate issued a moment ago.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final int SERIAL_BYTES = 16;

    private CertificateSigning() {
    }

    /** RFC 5280 §4.1.2.2: a positive serial of at most 20 octets; 128 random bits make it unguessable. */
    static BigInteger randomSerial(SecureRandom random) {
        byte[] bytes = new byte[SERIAL_BYTES];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    /** X.509 times have whole seconds (RFC 5280 §4.1.2.5). */
    static Instant notBefore(Clock clock) {
        return clock.instant().minus(CLOCK_SKEW).truncatedTo(ChronoUnit.SECONDS);
    }

    static KeyUsage keyUsage(Set<KeyUsageBit> bits) {
        int mask = 0;
        for (KeyUsageBit bit : bits) {
            mask |= bit.bouncyCastleMask();
        }
        return new KeyUsage(mask);
    }

    static JcaX509ExtensionUtils extensionUtils() {
        try {
            // RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits, for both key identifiers.
            return new JcaX509ExtensionUtils();
        } catch (NoSuchAlgorithmException e) {
            throw new PkiException("SHA-1 is needed for key identifiers", e);
        }
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signerKey) {
        try {
            String algorithm = KeyAlgorithm.of(signerKey).signatureAlgorithm();
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signerKey)));
        } catch (OperatorCreationException | CertificateException e) {
            throw new PkiException("Cannot sign certificate", e);
        }
    }
}
