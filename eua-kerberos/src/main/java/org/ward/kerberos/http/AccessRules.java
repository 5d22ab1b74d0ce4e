package org.ward.kerberos.http;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The {@link AccessRule}s of the API; routes adds one per endpoint it registers. */
public final class AccessRules {

    private final List<AccessRule> rules = new CopyOnWriteArrayList<>();

    public AccessRules add(AccessRule rule) {
        rules.add(rule);
        return this;
    }

    /** The rule that decides {@code path}: the longest covering prefix; empty if none (deny). */
    public Optional<AccessRule> ruleFor(String path) {
        return rules.stream().filter(r -> r.covers(path))
                .max(Comparator.comparingInt(r -> r.pathPrefix().length()));
    }

    /** Whether a person with {@code roles} may call {@code path}. */
    public boolean allows(String path, Set<String> roles) {
        return ruleFor(path).map(r -> r.roles().stream().anyMatch(roles::contains)).orElse(false);
    }
}
