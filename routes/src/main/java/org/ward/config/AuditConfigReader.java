package org.ward.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ward.audit.AuditFailurePolicy;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code audit:} section. */
final class AuditConfigReader {

    static final List<String> KEYS = List.of("source-id", "enterprise-site", "spool-directory", "spool-cap-bytes",
            "on-audit-failure", "repository");
    static final List<String> REPOSITORY_KEYS = List.of("host", "port", "verify-hostname", "key-store",
            "key-store-password-file", "trust-anchors");

    /** A spool below 16 MiB cannot hold 4 segments of 4 MiB. */
    private static final long MIN_CAP = 16L * 1024 * 1024;

    private final Problems problems;
    private final YamlValues values;
    private final ConfigPaths paths;

    AuditConfigReader(Problems problems, YamlValues values, ConfigPaths paths) {
        this.problems = problems;
        this.values = values;
        this.paths = paths;
    }

    Optional<AuditConfig> read(Node node, String path, Path dataDir) {
        int before = problems.count();
        Optional<YamlMapping> section = YamlMapping.of(node, path, KEYS, problems);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping audit = section.get();
        AuditConfig defaults = AuditConfig.defaults(dataDir);
        String sourceId = audit.optional("source-id").flatMap(n -> values.text(n, audit.child("source-id")))
                .orElse(defaults.sourceId());
        Optional<String> site = audit.optional("enterprise-site").flatMap(n -> values.text(n, audit.child("enterprise-site")));
        Path spool = audit.optional("spool-directory").flatMap(n -> paths.path(n, audit.child("spool-directory")))
                .orElse(defaults.spoolDirectory());
        long cap = audit.optional("spool-cap-bytes").flatMap(n -> values.wholeNumber(n, audit.child("spool-cap-bytes"))
                .filter(bytes -> {
                    if (bytes >= MIN_CAP) {
                        return true;
                    }
                    problems.at(n, audit.child("spool-cap-bytes"), bytes + " is too small: at least " + MIN_CAP
                            + " bytes (16 MiB)");
                    return false;
                })).orElse(defaults.spoolCapBytes());
        AuditFailurePolicy onFailure = audit.optional("on-audit-failure")
                .flatMap(n -> values.text(n, audit.child("on-audit-failure")).flatMap(text -> {
                    Optional<AuditFailurePolicy> policy = AuditFailurePolicy.ofConfigName(text);
                    if (policy.isEmpty()) {
                        problems.at(n, audit.child("on-audit-failure"), "'" + text + "' is not continue or refuse");
                    }
                    return policy;
                })).orElse(AuditFailurePolicy.CONTINUE);
        Optional<AuditConfig.Repository> repository = audit.optional("repository")
                .flatMap(n -> repository(n, audit.child("repository")));
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new AuditConfig(sourceId, site, spool, cap, onFailure, repository));
    }

    private Optional<AuditConfig.Repository> repository(Node node, String path) {
        int before = problems.count();
        Optional<YamlMapping> section = YamlMapping.of(node, path, REPOSITORY_KEYS, problems);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping repo = section.get();
        Optional<String> host = repo.required("host").flatMap(n -> values.text(n, repo.child("host")));
        int port = repo.optional("port").flatMap(n -> values.port(n, repo.child("port"), 1)).orElse(6514);
        boolean verifyHostname = repo.optional("verify-hostname")
                .flatMap(n -> values.bool(n, repo.child("verify-hostname"))).orElse(true);
        Optional<Path> keyStore = repo.required("key-store").flatMap(n -> paths.existingFile(n, repo.child("key-store")));
        Optional<Path> password = repo.required("key-store-password-file")
                .flatMap(n -> paths.existingFile(n, repo.child("key-store-password-file")));
        Optional<Path> anchors = repo.required("trust-anchors").flatMap(n -> paths.existingFile(n, repo.child("trust-anchors")));
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new AuditConfig.Repository(host.get(), port, verifyHostname, keyStore.get(), password.get(),
                anchors.get()));
    }
}
