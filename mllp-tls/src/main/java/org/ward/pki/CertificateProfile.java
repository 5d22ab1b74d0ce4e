package org.ward.pki;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an end-entity certificate is for. Every profile signs its TLS handshakes, so every profile
 * carries digitalSignature; none carries keyEncipherment because the BCP 195 suites Ward allows are
 * all (EC)DHE (RFC 9325 §4.2), which never encrypt a premaster secret to the certificate key.
 */
public enum CertificateProfile {
    /** A medical device (IHE PCD Device Observation Reporter); names its EUI-64. */
    DEVICE(true, EnumSet.of(KeyPurpose.CLIENT_AUTH)),
    /** A device gateway: dials Ward and accepts connections from devices. */
    GATEWAY(false, EnumSet.of(KeyPurpose.CLIENT_AUTH, KeyPurpose.SERVER_AUTH)),
    /** A node that only accepts connections, e.g. Ward's own MLLP listener. */
    SERVER(false, EnumSet.of(KeyPurpose.SERVER_AUTH)),
    /** A node that only dials out, e.g. an EHR sending to Ward. */
    CLIENT(false, EnumSet.of(KeyPurpose.CLIENT_AUTH));

    private final boolean device;
    private final Set<KeyPurpose> extendedKeyUsage;

    CertificateProfile(boolean device, Set<KeyPurpose> extendedKeyUsage) {
        this.device = device;
        this.extendedKeyUsage = Collections.unmodifiableSet(extendedKeyUsage);
    }

    /**
     * Key usage for a certificate of this profile holding a key of {@code algorithm}. Device EC keys
     * also get keyAgreement (RFC 5480 §3) so that a device stack using static ECDH still accepts them.
     */
    public Set<KeyUsageBit> keyUsage(KeyAlgorithm algorithm) {
        EnumSet<KeyUsageBit> bits = EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE);
        if (device && algorithm == KeyAlgorithm.EC_P256) {
            bits.add(KeyUsageBit.KEY_AGREEMENT);
        }
        return Collections.unmodifiableSet(bits);
    }

    /** The lower-case name operators type ({@code ward pki issue --profile device}) and the registry keeps. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #label()}, case-insensitively. */
    public static CertificateProfile parse(String text) {
        for (CertificateProfile profile : values()) {
            if (profile.label().equalsIgnoreCase(text.strip())) {
                return profile;
            }
        }
        throw new IllegalArgumentException("Not a certificate profile: \"" + text
                + "\"; expected device, gateway, server or client");
    }

    public Set<KeyPurpose> extendedKeyUsage() {
        return extendedKeyUsage;
    }

    /** IHE PCD TF-2 identifies a device by its EUI-64 (MSH-3, OBX-18), so a device certificate must carry it. */
    public boolean requiresEui64() {
        return device;
    }

    /**
     * A TLS server is named by subjectAltName alone: RFC 9525 (which obsoletes RFC 6125) no longer
     * lets clients match the subject CN, so a server certificate without DNS names or IPs is useless.
     */
    public boolean requiresSubjectAltName() {
        return extendedKeyUsage.contains(KeyPurpose.SERVER_AUTH);
    }
}
