package org.ward.tls;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a listener treats certificate revocation (IHE ITI-19 §3.19.6.1: revocation must be checkable). */
public enum RevocationMode {
    /** A client certificate is accepted only with a current CRL that does not list it. */
    REQUIRE,
    /** Revoked certificates are refused; a missing or outdated CRL is logged but does not refuse. */
    PREFER,
    /** No revocation checking (test benches only). */
    OFF;

    /** The value as written in ward.yaml, e.g. {@code require}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RevocationMode> ofConfigName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName().equals(name)).findFirst();
    }
}
