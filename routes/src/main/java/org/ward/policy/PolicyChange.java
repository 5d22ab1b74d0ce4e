package org.ward.policy;

import java.util.Objects;

/**
 * What a policy did to one target in one message, e.g. {@code PID-19 redact ×1} or
 * {@code OBX drop ×3}: what the Import/Export audit record lists, never the values themselves.
 */
public record PolicyChange(String target, Action action, int count) {

    public PolicyChange {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        if (count < 1) {
            throw new IllegalArgumentException("a change happens at least once");
        }
    }

    @Override
    public String toString() {
        return target + " " + action.label() + (count > 1 ? " x" + count : "");
    }
}
