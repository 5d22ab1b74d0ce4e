package org.ward.policy;

import java.util.Locale;

/** What a role does with a message; every rule names one. */
public enum Operation {
    /** A node sends the message to Ward (inbound, before the journal). */
    SEND,
    /** A destination receives its copy of the message (outbound, at delivery). */
    RECEIVE,
    /** A person reads a stored message (HTTP API, message browser). */
    READ;

    /** The word used in policy.yaml and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #label()}; the message lists the allowed words. */
    public static Operation parse(String text) {
        for (Operation operation : values()) {
            if (operation.label().equals(text)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("unknown operation '" + text + "'; expected send, receive or read");
    }
}
