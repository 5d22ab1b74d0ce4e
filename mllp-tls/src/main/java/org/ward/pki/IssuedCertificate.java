package org.ward.pki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * One certificate the issuing CA signed, as the registry ({@code issued.csv}) remembers it.
 *
 * @param serial     the certificate serial number (RFC 5280 §4.1.2.2), positive
 * @param name       the credential's file base name in the PKI directory ({@code NAME.p12})
 * @param subject    the subject DN, e.g. {@code CN=monitor-7,SERIALNUMBER=0123456789abcdef}
 * @param eui64      the device's EUI-64, for device certificates
 * @param profile    what the certificate is for
 * @param notBefore  start of the validity period
 * @param notAfter   end of the validity period
 * @param revocation when and why it was revoked, if it was
 */
public record IssuedCertificate(
        BigInteger serial,
        String name,
        String subject,
        Optional<Eui64> eui64,
        CertificateProfile profile,
        Instant notBefore,
        Instant notAfter,
        Optional<Revocation> revocation) {

    public IssuedCertificate {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(eui64, "eui64");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(revocation, "revocation");
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("Certificate serial must be positive (RFC 5280 §4.1.2.2)");
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }

    /** The registry record for a certificate just issued under {@code name}. */
    static IssuedCertificate of(X509Certificate certificate, String name, IssueRequest request) {
        return new IssuedCertificate(certificate.getSerialNumber(), name, subjectOf(certificate), request.eui64(),
                request.profile(), certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                Optional.empty());
    }

    /** The subject DN with BouncyCastle's names ({@code SERIALNUMBER=} rather than the JDK's {@code 2.5.4.5=#…}). */
    static String subjectOf(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).toString();
    }

    /**
     * Upper-case hex of whole octets without separators, as {@code openssl x509 -serial} and
     * {@code openssl crl -text} print it (so {@code 0479B4…}, not {@code 479B4…}).
     */
    public String serialHex() {
        return hex(serial);
    }

    /** Stored status: {@link CertificateStatus#VALID} or {@link CertificateStatus#REVOKED}. */
    public CertificateStatus status() {
        return revocation.isPresent() ? CertificateStatus.REVOKED : CertificateStatus.VALID;
    }

    /** Status as a relying party sees it at {@code now}: revoked wins over expired. */
    public CertificateStatus statusAt(Instant now) {
        if (revocation.isPresent()) {
            return CertificateStatus.REVOKED;
        }
        return now.isAfter(notAfter) ? CertificateStatus.EXPIRED : CertificateStatus.VALID;
    }

    IssuedCertificate revoked(Revocation what) {
        return new IssuedCertificate(serial, name, subject, eui64, profile, notBefore, notAfter, Optional.of(what));
    }

    static String hex(BigInteger serial) {
        String digits = serial.toString(16).toUpperCase(Locale.ROOT);
        return digits.length() % 2 == 0 ? digits : "0" + digits;
    }

    /** Parses a serial as printed by Ward or OpenSSL: hex digits, optionally separated by ':'. */
    public static BigInteger parseSerial(String text) {
        Objects.requireNonNull(text, "text");
        String digits = text.strip().replace(":", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || digits.length() > 40 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("Not a certificate serial (1 to 40 hex digits, RFC 5280 §4.1.2.2"
                    + " allows at most 20 octets): \"" + text + "\"");
        }
        BigInteger serial = new BigInteger(digits, 16);
        if (serial.signum() == 0) {
            throw new IllegalArgumentException("Certificate serial must be positive: \"" + text + "\"");
        }
        return serial;
    }
}
