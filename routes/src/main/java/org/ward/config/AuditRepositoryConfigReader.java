package org.ward.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ward.audit.repository.AuditRetention;
import org.ward.audit.repository.RetentionPeriod;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code audit-repository:} section. */
final class AuditRepositoryConfigReader {

    static final List<String> KEYS = List.of("bind", "port", "max-frame-bytes", "tls", "store", "retention");
    static final List<String> TLS_KEYS = List.of("key-store", "key-store-password-file", "trust-anchors");
    static final List<String> STORE_KEYS = List.of("kind", "url", "user", "password-file");
    static final List<String> RETENTION_KEYS = List.of("keep", "archive-dir");

    /** RFC 5424 §6.1: a receiver must take 480 octets; 16 MiB bounds memory per connection. */
    private static final long MIN_FRAME = 480;
    private static final long MAX_FRAME = 16L * 1024 * 1024;

    private final Problems problems;
    private final YamlValues values;
    private final ConfigPaths paths;

    AuditRepositoryConfigReader(Problems problems, YamlValues values, ConfigPaths paths) {
        this.problems = problems;
        this.values = values;
        this.paths = paths;
    }

    Optional<AuditRepositorySettings> read(Node node, String path, Path dataDir) {
        int before = problems.count();
        Optional<YamlMapping> section = YamlMapping.of(node, path, KEYS, problems);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping repo = section.get();
        String bind = repo.optional("bind").flatMap(n -> values.text(n, repo.child("bind"))).orElse("127.0.0.1");
        int port = repo.optional("port").flatMap(n -> values.port(n, repo.child("port"), 0))
                .orElse(AuditRepositorySettings.DEFAULT_PORT);
        int maxFrame = repo.optional("max-frame-bytes").flatMap(n -> values.wholeNumber(n, repo.child("max-frame-bytes"))
                .filter(bytes -> {
                    if (bytes >= MIN_FRAME && bytes <= MAX_FRAME) {
                        return true;
                    }
                    problems.at(n, repo.child("max-frame-bytes"), bytes + " is out of range: " + MIN_FRAME + " (RFC 5424"
                            + " §6.1) to " + MAX_FRAME + " (16 MiB)");
                    return false;
                })).map(Long::intValue).orElse(AuditRepositorySettings.DEFAULT_MAX_FRAME_BYTES);
        Optional<AuditRepositorySettings.Tls> tls = repo.required("tls").flatMap(n -> tls(n, repo.child("tls")));
        AuditRepositorySettings.Store store = repo.optional("store").flatMap(n -> store(n, repo.child("store")))
                .orElseGet(AuditRepositorySettings.Store::h2);
        Optional<AuditRepositorySettings.Retention> retention = repo.optional("retention")
                .flatMap(n -> retention(n, repo.child("retention"), dataDir));
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new AuditRepositorySettings(bind, port, maxFrame, tls.get(), store, retention));
    }

    private Optional<AuditRepositorySettings.Tls> tls(Node node, String path) {
        return paths.requiredFiles(node, path, TLS_KEYS).map(files -> new AuditRepositorySettings.Tls(
                files.get("key-store"), files.get("key-store-password-file"), files.get("trust-anchors")));
    }

    private Optional<AuditRepositorySettings.Store> store(Node node, String path) {
        int before = problems.count();
        Optional<YamlMapping> section = YamlMapping.of(node, path, STORE_KEYS, problems);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping store = section.get();
        Optional<Node> typeNode = store.optional("kind");
        String type = typeNode.flatMap(n -> values.text(n, store.child("kind"))).orElse("h2");
        Optional<String> url = store.optional("url").flatMap(n -> values.text(n, store.child("url")));
        Optional<String> user = store.optional("user").flatMap(n -> values.text(n, store.child("user")));
        Optional<Path> password = store.optional("password-file")
                .flatMap(n -> paths.existingFile(n, store.child("password-file")));
        AuditRepositorySettings.Store.Kind kind;
        switch (type) {
            case "h2" -> {
                kind = AuditRepositorySettings.Store.Kind.H2;
                for (String key : List.of("url", "user", "password-file")) {
                    store.optional(key).ifPresent(n -> problems.at(n, store.child(key),
                            "is for kind: postgresql; an h2 store lives in <data-dir>/audit-repository"));
                }
            }
            case "postgresql" -> {
                kind = AuditRepositorySettings.Store.Kind.POSTGRESQL;
                if (store.optional("url").isEmpty()) {
                    problems.at(node, store.child("url"), "is required for kind: postgresql"
                            + " (jdbc:postgresql://HOST:5432/DATABASE)");
                } else if (url.isPresent() && !url.get().startsWith("jdbc:postgresql:")) {
                    problems.at(store.optional("url").get(), store.child("url"), "'" + url.get()
                            + "' is not a PostgreSQL url (jdbc:postgresql://HOST:5432/DATABASE)");
                }
                if (store.optional("user").isEmpty()) {
                    problems.at(node, store.child("user"), "is required for kind: postgresql");
                }
                if (store.optional("password-file").isEmpty()) {
                    problems.at(node, store.child("password-file"), "is required for kind: postgresql");
                }
            }
            default -> {
                problems.at(typeNode.orElse(node), store.child("kind"), "'" + type + "' is not h2 or postgresql");
                return Optional.empty();
            }
        }
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new AuditRepositorySettings.Store(kind, url, user, password));
    }

    private Optional<AuditRepositorySettings.Retention> retention(Node node, String path, Path dataDir) {
        int before = problems.count();
        Optional<YamlMapping> section = YamlMapping.of(node, path, RETENTION_KEYS, problems);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping retention = section.get();
        Optional<RetentionPeriod> keep = retention.required("keep").flatMap(n -> values.text(n, retention.child("keep"))
                .flatMap(text -> period(n, retention.child("keep"), text)));
        Path archiveDir = retention.optional("archive-dir").flatMap(n -> paths.path(n, retention.child("archive-dir")))
                .orElse(AuditRetention.defaultArchiveDirectory(dataDir));
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new AuditRepositorySettings.Retention(keep.get(), archiveDir));
    }

    private Optional<RetentionPeriod> period(Node node, String path, String text) {
        try {
            return Optional.of(RetentionPeriod.parse(text));
        } catch (IllegalArgumentException e) {
            problems.at(node, path, e.getMessage().replace(" (audit-repository.retention.keep)", ""));
            return Optional.empty();
        }
    }
}
