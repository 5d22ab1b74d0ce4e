package org.ward.pki;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the development PKI keeps what Ward and its test peers need.
 *
 * @param trustAnchors   root CA certificate (PEM)
 * @param serverP12      Ward's MLLP/TLS server credential
 * @param serverPassword password file for {@code serverP12}
 * @param deviceP12      a simulated device's credential (DEVICE profile, with EUI-64)
 * @param devicePassword password file for {@code deviceP12}
 * @param ehrP12         a simulated EHR's client credential
 * @param ehrPassword    password file for {@code ehrP12}
 * @param crlDer         the issuing CA's CRL, DER (what the certificates' CRL distribution point names)
 * @param crlPem         the same CRL, PEM
 */
public record DevelopmentPkiFiles(
        Path trustAnchors,
        Path serverP12,
        Path serverPassword,
        Path deviceP12,
        Path devicePassword,
        Path ehrP12,
        Path ehrPassword,
        Path crlDer,
        Path crlPem) {

    public DevelopmentPkiFiles {
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        Objects.requireNonNull(serverP12, "serverP12");
        Objects.requireNonNull(serverPassword, "serverPassword");
        Objects.requireNonNull(deviceP12, "deviceP12");
        Objects.requireNonNull(devicePassword, "devicePassword");
        Objects.requireNonNull(ehrP12, "ehrP12");
        Objects.requireNonNull(ehrPassword, "ehrPassword");
        Objects.requireNonNull(crlDer, "crlDer");
        Objects.requireNonNull(crlPem, "crlPem");
    }
}
