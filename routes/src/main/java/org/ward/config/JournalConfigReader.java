package org.ward.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code journal:} section. */
final class JournalConfigReader {

    static final List<String> KEYS = List.of("kind", "url", "user", "password-file", "group-commit", "retention");

    private final Problems problems;
    private final YamlValues values;
    private final ConfigPaths paths;

    JournalConfigReader(Problems problems, YamlValues values, ConfigPaths paths) {
        this.problems = problems;
        this.values = values;
        this.paths = paths;
    }

    Optional<JournalSettings> read(Node node, String path) {
        int before = problems.count();
        Optional<YamlMapping> section = YamlMapping.of(node, path, KEYS, problems);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping journal = section.get();
        Optional<Node> kindNode = journal.optional("kind");
        JournalSettings.Kind kind = kindNode.flatMap(n -> values.text(n, journal.child("kind")).flatMap(text -> {
            Optional<JournalSettings.Kind> k = JournalSettings.Kind.ofConfigName(text);
            if (k.isEmpty()) {
                problems.at(n, journal.child("kind"), "'" + text + "' is not h2 or postgresql");
            }
            return k;
        })).orElse(JournalSettings.Kind.H2);
        Optional<String> url = journal.optional("url").flatMap(n -> values.text(n, journal.child("url")).filter(u -> {
            if (u.startsWith("jdbc:postgresql://")) {
                return true;
            }
            problems.at(n, journal.child("url"), "expected a PostgreSQL JDBC URL such as jdbc:postgresql://db.example:5432/ward");
            return false;
        }));
        Optional<String> user = journal.optional("user").flatMap(n -> values.text(n, journal.child("user")));
        Optional<Path> passwordFile = journal.optional("password-file")
                .flatMap(n -> paths.existingFile(n, journal.child("password-file")));
        boolean groupCommit = journal.optional("group-commit")
                .flatMap(n -> values.bool(n, journal.child("group-commit"))).orElse(true);
        Optional<java.time.Duration> retention = journal.optional("retention")
                .flatMap(n -> values.text(n, journal.child("retention")).flatMap(text -> {
                    Optional<java.time.Duration> parsed = Durations.parse(text).filter(d -> d.toHours() >= 1);
                    if (parsed.isEmpty()) {
                        problems.at(n, journal.child("retention"), "'" + text + "' is not a duration of at least 1h,"
                                + " such as 720h (30 days)");
                    }
                    return parsed;
                }));
        if (problems.count() == before) {
            if (kind == JournalSettings.Kind.POSTGRESQL) {
                requireFor(journal, node, "url", url.isPresent());
                requireFor(journal, node, "user", user.isPresent());
                requireFor(journal, node, "password-file", passwordFile.isPresent());
            } else if (url.isPresent() || user.isPresent() || passwordFile.isPresent()) {
                problems.at(kindNode.orElse(node), journal.child("kind"),
                        "url, user and password-file are for kind: postgresql; the H2 journal lives in the data directory");
            }
        }
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new JournalSettings(kind, url, user, passwordFile, groupCommit, retention));
    }

    private void requireFor(YamlMapping journal, Node node, String key, boolean present) {
        if (!present) {
            problems.at(node, journal.child(key), "required for kind: postgresql");
        }
    }
}
