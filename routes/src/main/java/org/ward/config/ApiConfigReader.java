package org.ward.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code api:} and {@code eua:} sections. */
final class ApiConfigReader {

    static final List<String> API_KEYS = List.of("bind", "port", "tls", "session-lifetime", "users");
    static final List<String> TLS_KEYS = List.of("key-store", "key-store-password-file");
    static final List<String> EUA_KEYS = List.of("kdc", "realm", "service-host", "keytab", "krb5-conf");
    private static final Duration MAX_SESSION = Duration.ofHours(24);

    private final Problems problems;
    private final YamlValues values;
    private final ConfigPaths paths;

    ApiConfigReader(Problems problems, YamlValues values, ConfigPaths paths) {
        this.problems = problems;
        this.values = values;
        this.paths = paths;
    }

    Optional<ApiSettings> api(Node node, String path, Path configDir) {
        int before = problems.count();
        Optional<YamlMapping> section = YamlMapping.of(node, path, API_KEYS, problems);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping api = section.get();
        String bind = api.optional("bind").flatMap(n -> values.text(n, api.child("bind"))).orElse("127.0.0.1");
        int port = api.optional("port").flatMap(n -> values.port(n, api.child("port"), 0)).orElse(ApiSettings.DEFAULT_PORT);
        Optional<Path[]> tls = api.required("tls").flatMap(n -> tls(n, api.child("tls")));
        Duration session = api.optional("session-lifetime").flatMap(n -> values.text(n, api.child("session-lifetime"))
                .flatMap(text -> {
                    Optional<Duration> d = Durations.parse(text);
                    if (d.isEmpty() || d.get().isZero() || d.get().compareTo(MAX_SESSION) > 0) {
                        problems.at(n, api.child("session-lifetime"), "'" + text + "' is not a duration of more than 0"
                                + " and at most 24h, such as 30m or 8h");
                        return Optional.empty();
                    }
                    return d;
                })).orElse(ApiSettings.DEFAULT_SESSION_LIFETIME);
        Path users = api.optional("users").flatMap(n -> paths.path(n, api.child("users")))
                .orElse(configDir.resolve("users.yaml"));
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new ApiSettings(bind, port, tls.get()[0], tls.get()[1], session, users));
    }

    private Optional<Path[]> tls(Node node, String path) {
        return paths.requiredFiles(node, path, TLS_KEYS)
                .map(files -> new Path[] {files.get("key-store"), files.get("key-store-password-file")});
    }

    Optional<EuaSettings> eua(Node node, String path) {
        int before = problems.count();
        Optional<YamlMapping> section = YamlMapping.of(node, path, EUA_KEYS, problems);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping eua = section.get();
        Optional<Node> kdcNode = eua.required("kdc");
        Optional<EuaSettings.Kdc> kdc = kdcNode.flatMap(n -> values.text(n, eua.child("kdc")).flatMap(text -> {
            switch (text) {
                case "embedded":
                    return Optional.of(EuaSettings.Kdc.EMBEDDED);
                case "external":
                    return Optional.of(EuaSettings.Kdc.EXTERNAL);
                default:
                    problems.at(n, eua.child("kdc"), "'" + text + "' is not embedded or external");
                    return Optional.empty();
            }
        }));
        Optional<String> realm = eua.required("realm").flatMap(n -> values.text(n, eua.child("realm")).filter(r -> {
            if (r.matches("[A-Z0-9][A-Z0-9.-]*")) {
                return true;
            }
            problems.at(n, eua.child("realm"), "'" + r + "' is not a realm name: upper-case letters, digits, '.' and"
                    + " '-', such as HOSPITAL.EXAMPLE");
            return false;
        }));
        String host = eua.optional("service-host").flatMap(n -> values.text(n, eua.child("service-host")))
                .orElse("localhost");
        Optional<Path> keytab = eua.optional("keytab").flatMap(n -> paths.existingFile(n, eua.child("keytab")));
        Optional<Path> krb5Conf = eua.optional("krb5-conf").flatMap(n -> paths.existingFile(n, eua.child("krb5-conf")));
        if (kdc.isPresent() && kdc.get() == EuaSettings.Kdc.EXTERNAL) {
            if (eua.optional("keytab").isEmpty()) {
                problems.at(node, eua.child("keytab"), "is required with kdc: external (the keytab of HTTP/"
                        + host + "@" + realm.orElse("REALM") + ")");
            }
            if (eua.optional("krb5-conf").isEmpty()) {
                problems.at(node, eua.child("krb5-conf"), "is required with kdc: external (e.g. /etc/krb5.conf)");
            }
        } else if (kdc.isPresent()) {
            for (String key : List.of("keytab", "krb5-conf")) {
                eua.optional(key).ifPresent(n -> problems.at(n, eua.child(key),
                        "is for kdc: external; the embedded KDC writes its own under <data-dir>/kdc"));
            }
        }
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new EuaSettings(kdc.get(), realm.get(), host, keytab, krb5Conf));
    }
}
