package org.ward.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code api:} section: Ward's HTTPS API for people (audit search, health), authenticated with
 * Kerberos only (the {@code eua:} section). Without the section no API runs.
 *
 * @param bind            address to listen on
 * @param port            HTTPS port (8443); 0 picks a free one
 * @param keyStore        the server key and chain (PKCS#12)
 * @param keyStorePasswordFile its password
 * @param sessionLifetime the longest a session cookie lives (never past the Kerberos ticket)
 * @param usersFile       users.yaml: principals and their roles
 */
public record ApiSettings(String bind, int port, Path keyStore, Path keyStorePasswordFile, Duration sessionLifetime,
                          Path usersFile) {

    public static final int DEFAULT_PORT = 8443;
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(8);

    public ApiSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePasswordFile, "keyStorePasswordFile");
        Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        Objects.requireNonNull(usersFile, "usersFile");
    }
}
