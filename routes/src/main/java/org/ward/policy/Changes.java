package org.ward.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts what a policy did to one message, per target and action, in the order first seen. */
final class Changes {

    private Map<String, int[]> counts;
    private Map<String, Action> actions;

    void add(String target, Action action) {
        if (counts == null) {
            counts = new LinkedHashMap<>();
            actions = new LinkedHashMap<>();
        }
        String key = target + ' ' + action;
        counts.computeIfAbsent(key, k -> new int[1])[0]++;
        actions.putIfAbsent(key, action);
    }

    boolean isEmpty() {
        return counts == null;
    }

    List<PolicyChange> list() {
        if (counts == null) {
            return List.of();
        }
        List<PolicyChange> out = new ArrayList<>(counts.size());
        counts.forEach((key, n) -> out.add(new PolicyChange(key.substring(0, key.lastIndexOf(' ')), actions.get(key), n[0])));
        return out;
    }
}
