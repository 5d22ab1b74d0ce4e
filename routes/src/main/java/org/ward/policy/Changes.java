package org.ward.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts what a policy did to one message, per target and action, in the order first seen. */
final class Changes {

    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private final Map<String, Action> actions = new LinkedHashMap<>();

    void add(String target, Action action) {
        String key = target + ' ' + action;
        counts.computeIfAbsent(key, k -> new int[1])[0]++;
        actions.putIfAbsent(key, action);
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    List<PolicyChange> list() {
        List<PolicyChange> out = new ArrayList<>(counts.size());
        counts.forEach((key, n) -> out.add(new PolicyChange(key.substring(0, key.lastIndexOf(' ')), actions.get(key), n[0])));
        return out;
    }
}
