package org.ward.validation;

import java.util.Comparator;
import java.util.List;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;

/**
 * Sorts problems into message order: message-level problems first, then by segment position,
 * field, repetition and component. Stable, so problems at one place keep the order found.
 */
final class ProblemOrder {

    private ProblemOrder() {
    }

    static List<Hl7Problem> inMessageOrder(List<Hl7Problem> problems, MessageView message) {
        Comparator<Hl7Problem> order = Comparator
                .comparingInt((Hl7Problem p) -> p.location().map(l -> message.orderOf(l.segment(), l.sequence()))
                        .orElse(-1))
                .thenComparingInt(p -> p.location().map(ErrorLocation::field).orElse(0))
                .thenComparingInt(p -> p.location().map(ErrorLocation::repetition).orElse(0))
                .thenComparingInt(p -> p.location().map(ErrorLocation::component).orElse(0));
        return problems.stream().sorted(order).toList();
    }
}
