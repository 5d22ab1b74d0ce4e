package org.ward.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.RevocationMode;
import org.ward.tls.TlsProtocol;
import org.yaml.snakeyaml.nodes.Node;

/** The {@code tls:} section of a listener. */
final class TlsConfigReader {

    static final List<String> KEYS = List.of("key-store", "key-store-password-file", "trust-anchors", "protocols",
            "cipher-suites", "revocation", "crls", "revocation-recheck", "pinned-certificates");

    /** Names JSSE and OpenSSL accept for versions below the floor; they get a pointed message. */
    private static final Set<String> BELOW_FLOOR =
            Set.of("TLSv1.1", "TLSv1", "TLSv1.0", "SSLv3", "SSLv2", "SSLv2Hello");

    private static final String ALLOWED_PROTOCOLS =
            String.join(", ", TlsConfig.DEFAULT_PROTOCOLS.stream().map(TlsProtocol::jsseName).toList());

    private final Problems problems;
    private final YamlValues values;
    private final ConfigPaths paths;

    TlsConfigReader(Problems problems, YamlValues values, ConfigPaths paths) {
        this.problems = problems;
        this.values = values;
        this.paths = paths;
    }

    Optional<TlsConfig> read(Node node, String path) {
        int before = problems.count();
        Optional<YamlMapping> section = YamlMapping.of(node, path, KEYS, problems);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping tls = section.get();
        var keyStore = tls.required("key-store")
                .flatMap(n -> paths.existingFile(n, tls.child("key-store")));
        var passwordFile = tls.required("key-store-password-file")
                .flatMap(n -> paths.existingFile(n, tls.child("key-store-password-file")));
        var trustAnchors = tls.required("trust-anchors")
                .flatMap(n -> paths.existingFile(n, tls.child("trust-anchors")));
        List<TlsProtocol> protocols = tls.optional("protocols")
                .flatMap(n -> protocols(n, tls.child("protocols")))
                .orElse(TlsConfig.DEFAULT_PROTOCOLS);
        Optional<Node> suitesNode = tls.optional("cipher-suites");
        List<String> suites = suitesNode
                .flatMap(n -> cipherSuites(n, tls.child("cipher-suites")))
                .orElse(Bcp195CipherSuites.ALL);
        if (problems.count() == before && suitesNode.isPresent()) {
            checkEveryProtocolHasASuite(protocols, suites, suitesNode.get(), tls.child("cipher-suites"));
        }
        // revocation: require without crls is valid but refuses every client, loudly at start-up
        // (ClientAuthentication) and at every handshake: the safe reading of a missing setting.
        RevocationMode revocation = tls.optional("revocation")
                .flatMap(n -> revocation(n, tls.child("revocation")))
                .orElse(TlsConfig.DEFAULT_REVOCATION);
        List<Path> crls = tls.optional("crls").flatMap(n -> files(n, tls.child("crls"))).orElse(List.of());
        Duration recheck = tls.optional("revocation-recheck")
                .flatMap(n -> recheck(n, tls.child("revocation-recheck")))
                .orElse(TlsConfig.DEFAULT_REVOCATION_RECHECK);
        List<Path> pinned = tls.optional("pinned-certificates")
                .flatMap(n -> files(n, tls.child("pinned-certificates"))).orElse(List.of());
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new TlsConfig(keyStore.get(), passwordFile.get(), trustAnchors.get(), protocols, suites,
                revocation, crls, recheck, pinned));
    }

    private Optional<RevocationMode> revocation(Node node, String path) {
        return values.text(node, path).flatMap(text -> {
            Optional<RevocationMode> mode = RevocationMode.ofConfigName(text);
            if (mode.isEmpty()) {
                problems.at(node, path, "'" + text + "' is not a revocation mode; use require, prefer or off");
            }
            return mode;
        });
    }

    private Optional<Duration> recheck(Node node, String path) {
        return values.text(node, path).flatMap(text -> {
            Optional<Duration> duration = Durations.parse(text);
            if (duration.isEmpty() || duration.get().isZero() || duration.get().compareTo(Duration.ofHours(24)) > 0) {
                problems.at(node, path, "'" + text + "' is not a duration between 1ms and 24h such as 60s or 5m");
                return Optional.empty();
            }
            return duration;
        });
    }

    private Optional<List<Path>> files(Node node, String path) {
        int before = problems.count();
        List<Node> items = values.list(node, path).orElse(List.of());
        if (items.isEmpty() && problems.count() == before) {
            problems.at(node, path, "must list at least one file");
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            paths.existingFile(items.get(i), path + "[" + i + "]").ifPresent(files::add);
        }
        return problems.count() == before ? Optional.of(files) : Optional.empty();
    }

    private Optional<List<TlsProtocol>> protocols(Node node, String path) {
        int before = problems.count();
        List<Node> items = values.list(node, path).orElse(List.of());
        if (items.isEmpty() && problems.count() == before) {
            problems.at(node, path, "must list at least one protocol: " + ALLOWED_PROTOCOLS);
        }
        List<TlsProtocol> protocols = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = path + "[" + i + "]";
            values.text(item, itemPath).ifPresent(name -> {
                Optional<TlsProtocol> protocol = TlsProtocol.ofJsseName(name);
                if (protocol.isEmpty()) {
                    problems.at(item, itemPath, BELOW_FLOOR.contains(name)
                            ? name + " is not allowed: TLS 1.2 is the floor (IHE ITI-19, BCP 195 / RFC 9325 §3.1.1);"
                                    + " use " + ALLOWED_PROTOCOLS
                            : "'" + name + "' is not a TLS version Ward speaks; use " + ALLOWED_PROTOCOLS);
                } else if (protocols.contains(protocol.get())) {
                    problems.at(item, itemPath, name + " is listed twice");
                } else {
                    protocols.add(protocol.get());
                }
            });
        }
        return problems.count() == before ? Optional.of(protocols) : Optional.empty();
    }

    private Optional<List<String>> cipherSuites(Node node, String path) {
        int before = problems.count();
        List<Node> items = values.list(node, path).orElse(List.of());
        if (items.isEmpty() && problems.count() == before) {
            problems.at(node, path, "must list at least one cipher suite; remove the key to allow all BCP 195 suites");
        }
        List<String> suites = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = path + "[" + i + "]";
            values.text(item, itemPath).ifPresent(suite -> {
                if (!Bcp195CipherSuites.isAllowed(suite)) {
                    problems.at(item, itemPath, suite + " is not a BCP 195 cipher suite (RFC 9325 §4.2); allowed: "
                            + String.join(", ", Bcp195CipherSuites.ALL));
                } else if (suites.contains(suite)) {
                    problems.at(item, itemPath, suite + " is listed twice");
                } else {
                    suites.add(suite);
                }
            });
        }
        return problems.count() == before ? Optional.of(suites) : Optional.empty();
    }

    /** An enabled protocol without a usable suite fails every handshake that negotiates it. */
    private void checkEveryProtocolHasASuite(List<TlsProtocol> protocols, List<String> suites, Node node, String path) {
        for (TlsProtocol protocol : protocols) {
            List<String> usable = switch (protocol) {
                case TLS_1_3 -> Bcp195CipherSuites.TLS_1_3;
                case TLS_1_2 -> Bcp195CipherSuites.TLS_1_2;
            };
            if (suites.stream().noneMatch(usable::contains)) {
                problems.at(node, path, "protocols enables " + protocol.jsseName()
                        + " but no cipher suite for it is listed; add one of " + String.join(", ", usable));
            }
        }
    }
}
