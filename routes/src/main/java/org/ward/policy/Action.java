package org.ward.policy;

import java.util.Locale;

/**
 * What a rule does with its target, from the most to the least permissive. When a node or a person
 * holds several roles, the most permissive decision among them wins (roles add rights, never remove them).
 */
public enum Action {
    /** The target passes unchanged. */
    ALLOW,
    /** A field or component is emptied or replaced by the rule's mask; a segment keeps only its set ID. */
    REDACT,
    /** The segment is removed (set IDs after it renumbered); fields cannot be dropped, only redacted. */
    DROP,
    /** The whole message is refused (inbound: AR/CR; outbound: dead letter; read: not shown). */
    REJECT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Action parse(String text) {
        for (Action action : values()) {
            if (action.label().equals(text)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown action '" + text + "'; expected allow, redact, drop or reject");
    }

    /** The more permissive of the two. */
    Action orMorePermissive(Action other) {
        return other.ordinal() < ordinal() ? other : this;
    }
}
