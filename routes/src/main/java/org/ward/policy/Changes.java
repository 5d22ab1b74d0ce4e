package org.ward.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts what a policy did to one message, per target and action, in the order first seen. */
final class Changes {

    /** Target → count, one map per action, plus the order in which (target, action) pairs first came. */
    private Map<String, int[]>[] counts;
    private List<Object[]> order;

    @SuppressWarnings("unchecked")
    void add(String target, Action action) {
        if (counts == null) {
            counts = new Map[Action.values().length];
            order = new ArrayList<>();
        }
        Map<String, int[]> byTarget = counts[action.ordinal()];
        if (byTarget == null) {
            byTarget = new LinkedHashMap<>();
            counts[action.ordinal()] = byTarget;
        }
        int[] n = byTarget.get(target);
        if (n == null) {
            n = new int[1];
            byTarget.put(target, n);
            order.add(new Object[] {target, action, n});
        }
        n[0]++;
    }

    boolean isEmpty() {
        return counts == null;
    }

    List<PolicyChange> list() {
        if (counts == null) {
            return List.of();
        }
        List<PolicyChange> out = new ArrayList<>(order.size());
        for (Object[] entry : order) {
            out.add(new PolicyChange((String) entry[0], (Action) entry[1], ((int[]) entry[2])[0]));
        }
        return out;
    }
}
