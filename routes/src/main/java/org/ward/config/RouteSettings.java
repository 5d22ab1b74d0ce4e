package org.ward.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ward.profile.PcdTransaction;

/**
 * One route: messages accepted on listener {@code from} that match {@code when} go to every
 * destination in {@code to}.
 *
 * @param transactions  PCD transactions that match (empty: any)
 * @param messageTypes  MSH-9 patterns such as {@code ORU^R01} or {@code ADT^A*} (empty: any)
 * @param senderRoles   policy roles of which the sending node must hold one (empty: any sender)
 */
public record RouteSettings(String name, String from, Set<PcdTransaction> transactions, List<String> messageTypes,
                            Set<String> senderRoles, List<String> to) {

    /** A route for any sender. */
    public RouteSettings(String name, String from, Set<PcdTransaction> transactions, List<String> messageTypes,
                         List<String> to) {
        this(name, from, transactions, messageTypes, Set.of(), to);
    }

    public RouteSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        transactions = Set.copyOf(transactions);
        messageTypes = List.copyOf(messageTypes);
        senderRoles = Set.copyOf(senderRoles);
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("route " + name + " delivers nowhere");
        }
    }

    /** Whether a message of this transaction (if recognised) and MSH-9 code^trigger, from a sender with these roles, matches. */
    public boolean matches(Optional<PcdTransaction> transaction, String messageType, Set<String> roles) {
        return (senderRoles.isEmpty() || roles.stream().anyMatch(senderRoles::contains)) && matches(transaction, messageType);
    }

    /** Whether a message of this transaction (if recognised) and MSH-9 code^trigger matches, whoever sent it. */
    public boolean matches(Optional<PcdTransaction> transaction, String messageType) {
        boolean transactionMatches = transactions.isEmpty() || transaction.map(transactions::contains).orElse(false);
        boolean typeMatches = messageTypes.isEmpty() || messageTypes.stream().anyMatch(p -> typeMatches(p, messageType));
        return transactionMatches && typeMatches;
    }

    static boolean typeMatches(String pattern, String messageType) {
        return pattern.endsWith("*")
                ? messageType.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(messageType);
    }
}
