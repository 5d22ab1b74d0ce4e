package org.ward.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ward.profile.PcdTransaction;
import org.ward.profile.ProfileIdentifiers;
import javax.security.auth.x500.X500Principal;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads the IHE PCD keys: the top-level {@code pcd-profiles} allow-list and a listener's {@code accept}. */
final class PcdConfigReader {

    /** An ISO object identifier (ITU-T X.660): arcs of digits without leading zeros. */
    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    private static final Pattern EUI64 = Pattern.compile("[0-9a-f]{16}");

    private static final String TRANSACTION_IDS =
            Arrays.stream(PcdTransaction.values()).map(PcdTransaction::id).collect(Collectors.joining(", "));

    private final Problems problems;
    private final YamlValues values;

    PcdConfigReader(Problems problems, YamlValues values) {
        this.problems = problems;
        this.values = values;
    }

    /** {@code pcd-profiles: {PCD-01: [oid, ...], ...}}; transactions not listed keep their defaults. */
    Optional<ProfileIdentifiers> profiles(Node node, String path) {
        List<String> keys = Arrays.stream(PcdTransaction.values()).map(PcdTransaction::id).toList();
        Optional<YamlMapping> mapping = YamlMapping.of(node, path, keys, problems);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.count();
        EnumMap<PcdTransaction, Set<String>> oids = new EnumMap<>(PcdTransaction.class);
        ProfileIdentifiers.DEFAULTS.forEach((transaction, list) -> oids.put(transaction, Set.copyOf(list)));
        for (PcdTransaction transaction : PcdTransaction.values()) {
            String key = transaction.id();
            mapping.get().optional(key).ifPresent(n -> oidList(n, mapping.get().child(key))
                    .ifPresent(list -> oids.put(transaction, Set.copyOf(list))));
        }
        return problems.count() == before ? Optional.of(new ProfileIdentifiers(oids)) : Optional.empty();
    }

    private Optional<List<String>> oidList(Node node, String path) {
        int before = problems.count();
        List<Node> items = values.list(node, path).orElse(List.of());
        if (items.isEmpty() && problems.count() == before) {
            problems.at(node, path, "must list at least one profile OID (MSH-21.3)");
        }
        List<String> oids = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = path + "[" + i + "]";
            values.text(item, itemPath).ifPresent(oid -> {
                if (!OID.matcher(oid).matches()) {
                    problems.at(item, itemPath, "'" + oid + "' is not an OID such as 1.3.6.1.4.1.19376.1.6.1.1.1");
                } else if (oids.contains(oid)) {
                    problems.at(item, itemPath, oid + " is listed twice");
                } else {
                    oids.add(oid);
                }
            });
        }
        return problems.count() == before ? Optional.of(oids) : Optional.empty();
    }

    /**
     * A listener's {@code gateways: {"CN=icu-gw-1,O=Hospital": [0123456789abcdef, ...]}}: the devices
     * (EUI-64, 16 hex digits) each gateway certificate subject may speak for.
     */
    Optional<Map<String, Set<String>>> gateways(Node node, String path) {
        int before = problems.count();
        if (!(node instanceof MappingNode mapping)) {
            problems.at(node, path, "expected a mapping of gateway certificate subject DN to a list of device EUI-64s");
            return Optional.empty();
        }
        Map<String, Set<String>> gateways = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Optional<String> dn = values.text(tuple.getKeyNode(), path);
            if (dn.isEmpty()) {
                continue;
            }
            String entryPath = path + "." + dn.get();
            try {
                new X500Principal(dn.get());
            } catch (IllegalArgumentException e) {
                problems.at(tuple.getKeyNode(), entryPath, "'" + dn.get() + "' is not a distinguished name such as"
                        + " CN=icu-gateway-1,O=Hospital");
                continue;
            }
            List<Node> items = values.list(tuple.getValueNode(), entryPath).orElse(List.of());
            Set<String> devices = new LinkedHashSet<>();
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                String itemPath = entryPath + "[" + i + "]";
                values.text(item, itemPath).ifPresent(eui -> {
                    String normalised = eui.toLowerCase(java.util.Locale.ROOT);
                    if (!EUI64.matcher(normalised).matches()) {
                        problems.at(item, itemPath, "'" + eui + "' is not an EUI-64 (16 hex digits)");
                    } else {
                        devices.add(normalised);
                    }
                });
            }
            gateways.put(dn.get(), devices);
        }
        return problems.count() == before ? Optional.of(gateways) : Optional.empty();
    }

    /** A listener's {@code accept: [PCD-01, ...]}: the transactions it takes; at least one. */
    Optional<Set<PcdTransaction>> accept(Node node, String path) {
        int before = problems.count();
        List<Node> items = values.list(node, path).orElse(List.of());
        if (items.isEmpty() && problems.count() == before) {
            problems.at(node, path, "must list at least one transaction: " + TRANSACTION_IDS);
        }
        Set<PcdTransaction> accepted = EnumSet.noneOf(PcdTransaction.class);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = path + "[" + i + "]";
            values.text(item, itemPath).ifPresent(id -> {
                Optional<PcdTransaction> transaction = PcdTransaction.ofId(id);
                if (transaction.isEmpty()) {
                    problems.at(item, itemPath, "'" + id + "' is not a transaction Ward knows; use " + TRANSACTION_IDS);
                } else if (!accepted.add(transaction.get())) {
                    problems.at(item, itemPath, id + " is listed twice");
                }
            });
        }
        return problems.count() == before ? Optional.of(accepted) : Optional.empty();
    }
}
