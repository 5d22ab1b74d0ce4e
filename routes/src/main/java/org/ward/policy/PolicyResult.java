package org.ward.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The view of one message that a role set may have for one operation.
 *
 * @param refusal   present when the message is refused as a whole (its decision names the rule, if any)
 * @param text      the message as the roles may see it; the input itself when nothing changed
 * @param changes   what was redacted or dropped, per target
 */
public record PolicyResult(Optional<Decision> refusal, String text, List<PolicyChange> changes) {

    public PolicyResult {
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(text, "text");
        changes = List.copyOf(changes);
    }

    static PolicyResult refused(Decision decision, String original) {
        return new PolicyResult(Optional.of(decision), original, List.of());
    }

    public boolean permitted() {
        return refusal.isEmpty();
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
