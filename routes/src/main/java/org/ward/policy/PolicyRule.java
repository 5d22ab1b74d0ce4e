package org.ward.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the policy: role × operation × message types × target → action.
 *
 * @param mask what a redacted field or component shows instead of its value (empty: nothing)
 */
public record PolicyRule(String role, Operation operation, List<MessageTypePattern> messageTypes, Target target,
                         Action action, Optional<String> mask, SourceLine source) {

    public PolicyRule {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(operation, "operation");
        messageTypes = List.copyOf(messageTypes);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(source, "source");
        if (messageTypes.isEmpty()) {
            throw new IllegalArgumentException("a rule names at least one message type");
        }
    }

    /** Whether this rule covers the message type (MSH-9.1^MSH-9.2). */
    boolean covers(String messageType) {
        for (MessageTypePattern pattern : messageTypes) {
            if (pattern.matches(messageType)) {
                return true;
            }
        }
        return false;
    }

    /** The specificity of the most specific pattern that matches, for ordering rules of one level. */
    int specificityFor(String messageType) {
        int best = -1;
        for (MessageTypePattern pattern : messageTypes) {
            if (pattern.matches(messageType)) {
                best = Math.max(best, pattern.specificity());
            }
        }
        return best;
    }

    /** {@code allow ORU^R01 PID-19 (role ehr, policy.yaml:12)}, for logs and explanations. */
    public String describe() {
        return action.label() + " " + target + " for " + operation.label() + " " + messageTypes + " (role " + role + ", "
                + source + ")";
    }
}
