package org.ward.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code journal:} section: where accepted messages are committed before they are
 * acknowledged. H2 embedded in the data directory by default; PostgreSQL for production and
 * for several Ward nodes sharing one store.
 *
 * @param kind         the database
 * @param url          JDBC URL (PostgreSQL only)
 * @param user         database user (PostgreSQL only)
 * @param passwordFile file holding the database password (PostgreSQL only)
 * @param groupCommit  whether concurrent messages share one commit (never weakens "ACK after commit")
 * @param retention    how long fully delivered messages are kept before they are pruned; empty: forever
 */
public record JournalSettings(Kind kind, Optional<String> url, Optional<String> user, Optional<Path> passwordFile,
                              boolean groupCommit, Optional<java.time.Duration> retention) {

    public enum Kind {
        H2, POSTGRESQL;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> ofConfigName(String name) {
            return Arrays.stream(values()).filter(k -> k.configName().equals(name)).findFirst();
        }
    }

    public JournalSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(retention, "retention");
        if (kind == Kind.POSTGRESQL && (url.isEmpty() || user.isEmpty() || passwordFile.isEmpty())) {
            throw new IllegalArgumentException("a PostgreSQL journal needs url, user and password-file");
        }
    }

    /** H2 in the data directory with group commit. */
    public static JournalSettings defaults() {
        return new JournalSettings(Kind.H2, Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty());
    }
}
