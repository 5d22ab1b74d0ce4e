package org.ward.policy;

import java.util.ArrayList;
import java.util.List;

/** Receives every decision a policy makes on one message, for {@code ward policy explain}. */
public final class Explanation {

    /**
     * One decision: {@code where} is {@code MSH}, {@code OBX[3]} (third OBX) or {@code OBX[3]-5} (its
     * field 5) or {@code OBX[3]-5.1}; {@code message} for the message as a whole.
     */
    public record Entry(String where, Decision decision) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(String where, Decision decision) {
        entries.add(new Entry(where, decision));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
