package org.ward.kerberos.http;

import java.util.Objects;
import java.util.Set;

/**
 * Who may call the paths under {@code pathPrefix}: a person holding any of {@code roles}.
 * The most specific (longest) matching prefix decides; a path no rule covers is refused
 * (default deny, as in policy.yaml). Prefixes match whole path segments: {@code /api/audit}
 * covers {@code /api/audit} and {@code /api/audit/query}, not {@code /api/auditx}.
 */
public record AccessRule(String pathPrefix, Set<String> roles) {

    public AccessRule {
        pathPrefix = normalize(pathPrefix);
        roles = Set.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("rule for " + pathPrefix + " names no role");
        }
    }

    public static AccessRule of(String pathPrefix, String... roles) {
        return new AccessRule(pathPrefix, Set.of(roles));
    }

    /** Whether {@code path} is {@code pathPrefix} or below it. */
    public boolean covers(String path) {
        return covers(pathPrefix, path);
    }

    /** A prefix as rules and handlers hold it: starts with '/', no trailing '/' (except "/"). */
    static String normalize(String pathPrefix) {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (!pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("a path prefix starts with '/': " + pathPrefix);
        }
        return pathPrefix.length() > 1 && pathPrefix.endsWith("/")
                ? pathPrefix.substring(0, pathPrefix.length() - 1) : pathPrefix;
    }

    /** Whether {@code path} is the normalized {@code prefix} or below it, segment by segment. */
    static boolean covers(String prefix, String path) {
        if (prefix.equals("/")) {
            return path.startsWith("/");
        }
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
