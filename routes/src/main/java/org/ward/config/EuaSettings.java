package org.ward.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code eua:} section: how people authenticate (IHE EUA, Kerberos through SPNEGO).
 *
 * @param kdc         {@code embedded}: Ward runs Apache Kerby's KDC on loopback (demos and tests only);
 *                    {@code external}: the hospital's realm, through {@code krb5Conf} and {@code keytab}
 * @param realm       the Kerberos realm, e.g. {@code HOSPITAL.EXAMPLE}
 * @param serviceHost the host name in the service principal {@code HTTP/<serviceHost>@<realm>} and in URLs
 * @param keytab      the service principal's keytab (external)
 * @param krb5Conf    the krb5.conf naming the realm's KDCs (external)
 */
public record EuaSettings(Kdc kdc, String realm, String serviceHost, Optional<Path> keytab, Optional<Path> krb5Conf) {

    /** Where the KDC is. */
    public enum Kdc { EMBEDDED, EXTERNAL }

    public EuaSettings {
        Objects.requireNonNull(kdc, "kdc");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(serviceHost, "serviceHost");
        Objects.requireNonNull(keytab, "keytab");
        Objects.requireNonNull(krb5Conf, "krb5Conf");
    }
}
