package org.ward.tls;

import java.math.BigInteger;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The authenticated node at the other end of a TLS session, read from its verified certificate.
 * Immutable; subject and issuer are RFC 2253 distinguished names.
 *
 * @param subject     certificate subject DN
 * @param issuer      certificate issuer DN
 * @param serial      certificate serial number
 * @param dnsNames    subjectAltName dNSName entries
 * @param ipAddresses subjectAltName iPAddress entries
 * @param uris        subjectAltName URI entries (a device's {@code urn:dev:mac:} EUI-64, RFC 9039)
 * @param extendedKeyUsage extendedKeyUsage OIDs (1.3.6.1.5.5.7.3.1 serverAuth, …3.2 clientAuth)
 */
public record PeerIdentity(String subject, String issuer, BigInteger serial,
                           List<String> dnsNames, List<String> ipAddresses, List<String> uris,
                           List<String> extendedKeyUsage) {

    /** RFC 5280 §4.2.1.12 id-kp-serverAuth. */
    public static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    /** RFC 5280 §4.2.1.12 id-kp-clientAuth. */
    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;
    private static final int SAN_IP = 7;
    private static final String EUI64_URN = "urn:dev:mac:";
    /** RFC 2253 knows no keyword for serialNumber (2.5.4.5), where device certificates carry the EUI-64. */
    private static final java.util.Map<String, String> DN_KEYWORDS = java.util.Map.of("2.5.4.5", "SERIALNUMBER");

    public PeerIdentity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serial, "serial");
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        uris = List.copyOf(uris);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
    }

    /** An identity whose certificate states no extended key usage. */
    public PeerIdentity(String subject, String issuer, BigInteger serial,
                        List<String> dnsNames, List<String> ipAddresses, List<String> uris) {
        this(subject, issuer, serial, dnsNames, ipAddresses, uris, List.of());
    }

    /** Reads the identity from a certificate that the TLS layer has already verified. */
    public static PeerIdentity of(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (List<?> name : subjectAltNames(certificate)) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            switch (type) {
                case SAN_DNS -> dns.add(value);
                case SAN_IP -> ips.add(value);
                case SAN_URI -> uris.add(value);
                default -> { /* other name forms carry no identity Ward uses */ }
            }
        }
        return new PeerIdentity(
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, DN_KEYWORDS),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253, DN_KEYWORDS),
                certificate.getSerialNumber(), dns, ips, uris, extendedKeyUsage(certificate));
    }

    private static List<String> extendedKeyUsage(X509Certificate certificate) {
        try {
            List<String> oids = certificate.getExtendedKeyUsage();
            return oids == null ? List.of() : oids;
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable extendedKeyUsage in certificate "
                    + certificate.getSerialNumber(), e);
        }
    }

    /** The device EUI-64 (16 lower-case hex digits) from a {@code urn:dev:mac:} SAN URI, if any. */
    public Optional<String> deviceEui64() {
        return uris.stream()
                .filter(u -> u.regionMatches(true, 0, EUI64_URN, 0, EUI64_URN.length()))
                .map(u -> u.substring(EUI64_URN.length()).toLowerCase(java.util.Locale.ROOT))
                .filter(PeerIdentity::isEui64Hex)
                .findFirst();
    }

    /** 16 lower-case hex digits (checked by hand: this runs for every message, a regex would be compiled each time). */
    private static boolean isEui64Hex(String hex) {
        if (hex.length() != 16) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Serial in the hexadecimal form that {@code openssl x509 -serial} prints. */
    public String serialHex() {
        return serial.toString(16).toUpperCase(java.util.Locale.ROOT);
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable subjectAltName in certificate " + certificate.getSerialNumber(), e);
        }
    }
}
