package org.ward.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ward.policy.PolicyDocument;
import org.ward.profile.ProfileIdentifiers;

/**
 * The whole of {@code ward.yaml}, validated. Paths are absolute: relative ones in the file are
 * resolved against {@link #home()}.
 *
 * @param source the file this was read from
 * @param home the Ward home, the folder holding {@code ./ward}
 * @param dataDir where Ward keeps its state (queues, audit spool, development PKI)
 * @param developmentPki whether the first run may create a development PKI under {@code <dataDir>/pki}
 * @param listeners at least one listener; names are unique and no two share a socket
 * @param pcdProfiles the MSH-21.3 OIDs that identify each IHE PCD transaction
 * @param audit the audit trail: identity, spool, repository
 * @param journal where accepted messages are committed before they are acknowledged
 * @param destinations where messages are delivered
 * @param routes which accepted messages go to which destinations
 * @param camelRoutes the Camel YAML DSL route files of {@code camel-routes}, absolute, in name order
 * @param policy who may send, receive and read what (policy.yaml); deny-all when none is configured
 * @param auditRepository Ward's own audit repository, when {@code audit-repository:} is configured
 * @param api the HTTPS API for people, when {@code api:} is configured (it needs {@code eua:})
 * @param eua how people authenticate (Kerberos)
 */
public record WardConfig(Path source, Path home, Path dataDir, boolean developmentPki, List<ListenerConfig> listeners,
                         ProfileIdentifiers pcdProfiles, AuditConfig audit, JournalSettings journal,
                         List<DestinationSettings> destinations, List<RouteSettings> routes, List<Path> camelRoutes,
                         PolicyDocument policy, Optional<AuditRepositorySettings> auditRepository,
                         Optional<ApiSettings> api, Optional<EuaSettings> eua) {

    /** A configuration without its own audit repository. */
    public WardConfig(Path source, Path home, Path dataDir, boolean developmentPki, List<ListenerConfig> listeners,
                      ProfileIdentifiers pcdProfiles, AuditConfig audit, JournalSettings journal,
                      List<DestinationSettings> destinations, List<RouteSettings> routes, List<Path> camelRoutes,
                      PolicyDocument policy) {
        this(source, home, dataDir, developmentPki, listeners, pcdProfiles, audit, journal, destinations, routes,
                camelRoutes, policy, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A configuration without a policy file: nothing is allowed. */
    public WardConfig(Path source, Path home, Path dataDir, boolean developmentPki, List<ListenerConfig> listeners,
                      ProfileIdentifiers pcdProfiles, AuditConfig audit, JournalSettings journal,
                      List<DestinationSettings> destinations, List<RouteSettings> routes, List<Path> camelRoutes) {
        this(source, home, dataDir, developmentPki, listeners, pcdProfiles, audit, journal, destinations, routes,
                camelRoutes, PolicyDocument.denyAll(source.resolveSibling("policy.yaml")));
    }

    public static final Path DEFAULT_DATA_DIR = Path.of("var");

    /** A configuration with the default PCD profile identifiers. */
    public WardConfig(Path source, Path home, Path dataDir, boolean developmentPki, List<ListenerConfig> listeners) {
        this(source, home, dataDir, developmentPki, listeners, ProfileIdentifiers.defaults(), AuditConfig.defaults(dataDir),
                JournalSettings.defaults(), List.of(), List.of(), List.of());
    }

    public WardConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(pcdProfiles, "pcdProfiles");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(auditRepository, "auditRepository");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(eua, "eua");
        if (api.isPresent() && eua.isEmpty()) {
            throw new IllegalArgumentException("the api needs an eua section (Kerberos)");
        }
        destinations = List.copyOf(destinations);
        routes = List.copyOf(routes);
        camelRoutes = List.copyOf(camelRoutes);
        listeners = List.copyOf(listeners);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("at least one listener is required");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < listeners.size(); i++) {
            ListenerConfig listener = listeners.get(i);
            if (!names.add(listener.name())) {
                throw new IllegalArgumentException("listener name '" + listener.name() + "' is used twice");
            }
            for (int j = 0; j < i; j++) {
                if (listener.clashesWith(listeners.get(j))) {
                    throw new IllegalArgumentException("listeners '" + listeners.get(j).name() + "' and '"
                            + listener.name() + "' bind the same address and port");
                }
            }
        }
    }

    /** Where the development PKI lives when {@link #developmentPki()} is on. */
    public Path developmentPkiDir() {
        return dataDir.resolve("pki");
    }

    public Optional<ListenerConfig> listener(String name) {
        return listeners.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
