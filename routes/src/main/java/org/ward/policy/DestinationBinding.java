package org.ward.policy;

import java.util.Objects;
import java.util.Set;

/** Gives roles to a destination named in ward.yaml; its receive view follows them. */
public record DestinationBinding(String destination, Set<String> roles, SourceLine source) {

    public DestinationBinding {
        Objects.requireNonNull(destination, "destination");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(source, "source");
    }
}
