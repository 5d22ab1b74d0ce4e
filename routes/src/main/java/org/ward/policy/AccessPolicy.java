package org.ward.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.ward.tls.PeerIdentity;

/**
 * A policy compiled for use: who holds which roles, and for a role set, an operation and a message
 * type, a plan that is worked out once and then applied to every such message. Immutable and
 * thread-safe; a changed policy file yields a new instance.
 */
public final class AccessPolicy {

    /** Plans are few (role sets × operations × message types); the cap only stops a flood of invented MSH-9 values. */
    private static final int MAX_PLANS = 4096;

    private final PolicyDocument document;
    private final Map<Operation, Map<String, List<PolicyRule>>> rules = new EnumMap<>(Operation.class);
    private final Map<String, Set<String>> destinationRoles = new LinkedHashMap<>();
    private final Map<PlanKey, MessagePlan> plans = new ConcurrentHashMap<>();
    private final List<Map.Entry<java.util.function.Predicate<PeerIdentity>, Set<String>>> nodes = new ArrayList<>();

    /** Role sets compare as sets whatever their implementation; a stored key holds its own copy. */
    private record PlanKey(Set<String> roles, Operation operation, String messageType) {
    }

    private AccessPolicy(PolicyDocument document) {
        this.document = document;
        for (Operation operation : Operation.values()) {
            rules.put(operation, new LinkedHashMap<>());
        }
        for (PolicyRule rule : document.rules()) {
            rules.get(rule.operation()).computeIfAbsent(rule.role(), r -> new ArrayList<>()).add(rule);
        }
        for (NodeBinding binding : document.nodes()) {
            nodes.add(Map.entry(binding.matcher(), binding.roles()));
        }
        for (DestinationBinding binding : document.destinations()) {
            destinationRoles.computeIfAbsent(binding.destination(), d -> new TreeSet<>()).addAll(binding.roles());
        }
    }

    public static AccessPolicy compile(PolicyDocument document) {
        return new AccessPolicy(Objects.requireNonNull(document, "document"));
    }

    public PolicyDocument document() {
        return document;
    }

    /** The roles of the node that authenticated with this certificate: the union of every matching binding. */
    public Set<String> rolesOf(PeerIdentity peer) {
        Set<String> roles = new TreeSet<>();
        for (Map.Entry<java.util.function.Predicate<PeerIdentity>, Set<String>> binding : nodes) {
            if (binding.getKey().test(peer)) {
                roles.addAll(binding.getValue());
            }
        }
        return roles;
    }

    /**
     * The roles of a destination named in ward.yaml: its own binding, else the {@code "*"} binding,
     * else none (it receives nothing).
     */
    public Set<String> rolesOfDestination(String destination) {
        Set<String> roles = destinationRoles.get(destination);
        return roles != null ? roles : destinationRoles.getOrDefault("*", Set.of());
    }

    /** Whether the roles may {@code operation} messages of this type at all (MSH-9.1^MSH-9.2). */
    public boolean permits(Set<String> roles, Operation operation, String messageType) {
        return plan(roles, operation, messageType).denial().isEmpty();
    }

    /**
     * The message as these roles may have it for this operation: refused as a whole, or with the
     * segments and fields they may not have dropped or redacted.
     *
     * @param text an ER7-encoded message starting with MSH
     * @throws IllegalArgumentException when the text does not start with an MSH segment
     */
    public PolicyResult apply(Set<String> roles, Operation operation, String text) {
        Er7Message message = Er7Message.parse(text);
        return plan(roles, operation, messageType(message)).apply(message, null);
    }

    /** Like {@link #apply}, recording every decision with its rule into {@code explanation}. */
    public PolicyResult explain(Set<String> roles, Operation operation, String text, Explanation explanation) {
        Er7Message message = Er7Message.parse(text);
        return plan(roles, operation, messageType(message)).apply(message, Objects.requireNonNull(explanation));
    }

    /** MSH-9.1^MSH-9.2 whatever the message's component separator, e.g. {@code ORU^R01}. */
    public static String messageType(String text) {
        return messageType(Er7Message.parse(text));
    }

    private static String messageType(Er7Message message) {
        Er7Segment header = message.segment(0);
        String type = header.firstRepetition(header.field(9));
        String code = header.component(type, 1);
        String trigger = header.component(type, 2);
        return trigger.isEmpty() ? code : code + "^" + trigger;
    }

    private MessagePlan plan(Set<String> roles, Operation operation, String messageType) {
        MessagePlan plan = plans.get(new PlanKey(roles, operation, messageType));
        if (plan == null) {
            if (plans.size() >= MAX_PLANS) {
                plans.clear();
            }
            List<String> sorted = List.copyOf(new TreeSet<>(roles));
            plan = MessagePlan.build(rules.get(operation), sorted, messageType);
            plans.put(new PlanKey(Set.copyOf(sorted), operation, messageType), plan);
        }
        return plan;
    }
}
