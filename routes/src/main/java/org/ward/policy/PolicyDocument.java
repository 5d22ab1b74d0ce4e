package org.ward.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The whole of policy.yaml, read and checked: the roles, who holds them, and the rules. Compile it
 * with {@link AccessPolicy#compile}.
 *
 * @param source the file it was read from
 * @param version a digest of the file's bytes, named in logs and audit records when it changes
 */
public record PolicyDocument(Path source, String version, Set<String> roles, List<NodeBinding> nodes,
                             List<DestinationBinding> destinations, List<PolicyRule> rules) {

    public PolicyDocument {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        roles = Set.copyOf(roles);
        nodes = List.copyOf(nodes);
        destinations = List.copyOf(destinations);
        rules = List.copyOf(rules);
    }

    /** The policy used when none is configured: no node has a role, so everything is refused. */
    public static PolicyDocument denyAll(Path source) {
        return new PolicyDocument(source, "none", Set.of(), List.of(), List.of(), List.of());
    }
}
