package org.ward.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One decision and why: the rule that made it, the role that held the rule, and whether the
 * decision was inherited from an enclosing target (a field inherits its segment's, a segment the
 * message's). Without a rule the decision is the default: deny.
 */
public record Decision(Action action, Optional<String> role, Optional<PolicyRule> rule, boolean inherited) {

    public Decision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(rule, "rule");
    }

    static Decision byRule(PolicyRule rule) {
        return new Decision(rule.action(), Optional.of(rule.role()), Optional.of(rule), false);
    }

    static Decision defaultDeny() {
        return new Decision(Action.REJECT, Optional.empty(), Optional.empty(), false);
    }

    Decision inheritedAs(Action action) {
        return new Decision(action, role, rule, true);
    }

    /** The more permissive of two decisions; the first wins a tie, so configuration order decides. */
    static Decision permissive(Decision a, Decision b) {
        if (a == null) {
            return b;
        }
        return b.action.ordinal() < a.action.ordinal() ? b : a;
    }

    Optional<String> mask() {
        return inherited ? Optional.empty() : rule.flatMap(PolicyRule::mask);
    }

    /** {@code policy.yaml:12 (role ehr)}, {@code policy.yaml:9 (role ehr, inherited from PID)}, or the default. */
    public String why() {
        if (rule.isEmpty()) {
            return "no rule allows it (default deny)";
        }
        PolicyRule r = rule.get();
        return r.source() + " (role " + r.role() + (inherited ? ", inherited from " + r.target() : "") + ")";
    }
}
