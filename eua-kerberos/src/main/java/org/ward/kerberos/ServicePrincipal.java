package org.ward.kerberos;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The acceptor's Kerberos name, {@code HTTP/host@REALM} (RFC 4559 §4: the service is
 * {@code HTTP} and the host is the name clients put in the URL).
 */
public record ServicePrincipal(String service, String host, String realm) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern REALM = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

    public ServicePrincipal {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(realm, "realm");
        if (!service.matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("service name must be letters, digits and '-': " + service);
        }
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("not a host name: " + host);
        }
        if (!REALM.matcher(realm).matches()) {
            throw new IllegalArgumentException("not a Kerberos realm: " + realm);
        }
    }

    /** {@code HTTP/host@REALM}. */
    public static ServicePrincipal http(String host, String realm) {
        return new ServicePrincipal("HTTP", host, realm);
    }

    /** Parses {@code service/host@REALM}. */
    public static ServicePrincipal parse(String name) {
        int slash = name.indexOf('/');
        int at = name.lastIndexOf('@');
        if (slash <= 0 || at < slash + 2 || at == name.length() - 1) {
            throw new IllegalArgumentException("a service principal looks like HTTP/host@REALM, not " + name);
        }
        return new ServicePrincipal(name.substring(0, slash), name.substring(slash + 1, at), name.substring(at + 1));
    }

    /** {@code HTTP/host} without the realm. */
    public String nameWithoutRealm() {
        return service + "/" + host;
    }

    @Override
    public String toString() {
        return service + "/" + host + "@" + realm;
    }
}
