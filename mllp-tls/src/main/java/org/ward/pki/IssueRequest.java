package org.ward.pki;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * What an end-entity certificate should say. Checks itself, so a request that exists can be issued.
 *
 * @param profile      what the certificate is for (key usage, extended key usage)
 * @param commonName   subject CN
 * @param eui64        the device identifier; required for {@link CertificateProfile#DEVICE}
 * @param dnsNames     subjectAltName dNSName entries
 * @param ipAddresses  subjectAltName iPAddress entries, as IPv4 or IPv6 literals
 * @param validityDays lifetime, 1 to {@value #MAX_VALIDITY_DAYS} days
 */
public record IssueRequest(
        CertificateProfile profile,
        String commonName,
        Optional<Eui64> eui64,
        List<String> dnsNames,
        List<String> ipAddresses,
        int validityDays) {

    /** ITI TF-2 §3.19.6.1.3: IHE recommends a maximum certificate lifetime of two years. */
    public static final int MAX_VALIDITY_DAYS = 730;

    /** RFC 5280 Appendix A: ub-common-name. */
    public static final int MAX_COMMON_NAME_LENGTH = 64;

    // RFC 1123 §2.1 host names: LDH labels of 1..63 characters, 253 characters in all. No wildcards:
    // a facility PKI names each node.
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    public IssueRequest {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(eui64, "eui64");
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        if (commonName.isBlank() || commonName.length() > MAX_COMMON_NAME_LENGTH) {
            throw new IllegalArgumentException("commonName must be 1 to " + MAX_COMMON_NAME_LENGTH
                    + " characters (RFC 5280 ub-common-name), got " + commonName.length());
        }
        if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
            throw new IllegalArgumentException("validityDays must be 1 to " + MAX_VALIDITY_DAYS
                    + " (ITI-19 recommends certificates expire within two years), got " + validityDays);
        }
        if (profile.requiresEui64() && eui64.isEmpty()) {
            throw new IllegalArgumentException(profile + " certificate requires an EUI-64");
        }
        if (profile.requiresSubjectAltName() && dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException(profile
                    + " certificate requires at least one DNS name or IP address (TLS servers are"
                    + " identified by subjectAltName, RFC 9525)");
        }
        for (String name : dnsNames) {
            if (!DNS_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a DNS host name: \"" + name + "\"");
            }
        }
        for (String address : ipAddresses) {
            if (!IPAddress.isValid(address)) {
                throw new IllegalArgumentException("Not an IPv4 or IPv6 address: \"" + address + "\"");
            }
        }
    }

    public static IssueRequest server(String commonName, List<String> dnsNames, List<String> ipAddresses,
            int validityDays) {
        return new IssueRequest(CertificateProfile.SERVER, commonName, Optional.empty(), dnsNames, ipAddresses,
                validityDays);
    }

    public static IssueRequest device(String commonName, Eui64 eui64, int validityDays) {
        return new IssueRequest(CertificateProfile.DEVICE, commonName, Optional.of(eui64), List.of(), List.of(),
                validityDays);
    }

    public static IssueRequest client(String commonName, int validityDays) {
        return new IssueRequest(CertificateProfile.CLIENT, commonName, Optional.empty(), List.of(), List.of(),
                validityDays);
    }
}
