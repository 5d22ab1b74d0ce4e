package org.ward.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads paths relative to the Ward home and checks that referenced files exist, except the files a
 * development PKI will create on first run under {@code <data-dir>/pki}.
 */
final class ConfigPaths {

    private final Path home;
    private final YamlValues values;
    private final Problems problems;
    private boolean developmentPki;
    private Path pkiDir;
    private boolean checkExistence = true;

    ConfigPaths(Path home, YamlValues values, Problems problems) {
        this.home = home;
        this.values = values;
        this.problems = problems;
        this.pkiDir = home.resolve(WardConfig.DEFAULT_DATA_DIR).resolve("pki");
    }

    void developmentPki(boolean enabled, Path dataDir) {
        this.developmentPki = enabled;
        this.pkiDir = dataDir.resolve("pki");
    }

    /**
     * When data-dir or development-pki is itself wrong, whether a file may be missing is unknown;
     * reporting it would only bury the real mistake.
     */
    void skipExistenceChecks() {
        this.checkExistence = false;
    }

    Optional<Path> path(Node node, String keyPath) {
        Optional<String> text = values.text(node, keyPath);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().isBlank()) {
            problems.at(node, keyPath, "is empty; expected a path");
            return Optional.empty();
        }
        try {
            return Optional.of(home.resolve(Path.of(text.get())).normalize());
        } catch (InvalidPathException e) {
            problems.at(node, keyPath, "'" + text.get() + "' is not a valid path: " + e.getReason());
            return Optional.empty();
        }
    }

    Optional<Path> existingFile(Node node, String keyPath) {
        Optional<Path> path = path(node, keyPath);
        if (path.isEmpty() || !checkExistence) {
            return path;
        }
        Path file = path.get();
        boolean inPkiDir = file.startsWith(pkiDir);
        if (Files.isDirectory(file)) {
            problems.at(node, keyPath, file + " is a directory, not a file");
        } else if (Files.isRegularFile(file)) {
            if (!Files.isReadable(file)) {
                problems.at(node, keyPath, file + " cannot be read by this user");
            }
        } else if (!(developmentPki && inPkiDir)) {
            problems.at(node, keyPath, file + " does not exist"
                    + (inPkiDir ? " (set development-pki: true to create a development PKI there)" : ""));
        }
        return path;
    }

    /**
     * A mapping of exactly {@code keys}, each a required existing file (e.g. a {@code tls:} section's
     * key store, password file and trust anchors); empty after reporting any mistake.
     */
    Optional<java.util.Map<String, Path>> requiredFiles(Node node, String keyPath, java.util.List<String> keys) {
        int before = problems.count();
        Optional<YamlMapping> section = YamlMapping.of(node, keyPath, keys, problems);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        java.util.Map<String, Path> files = new java.util.LinkedHashMap<>();
        for (String key : keys) {
            section.get().required(key).flatMap(n -> existingFile(n, section.get().child(key)))
                    .ifPresent(file -> files.put(key, file));
        }
        return problems.count() == before ? Optional.of(files) : Optional.empty();
    }
}
