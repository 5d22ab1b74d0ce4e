package org.ward.validation;

import java.util.List;
import org.ward.hl7.Hl7Problem;

/**
 * One IHE PCD Technical Framework constraint that the Gazelle conformance profiles do not express.
 * Implementations are stateless and thread-safe; each cites the TF section it enforces and reports
 * one {@link Hl7Problem} per violation, with text that never repeats message content.
 */
interface PcdRule {

    void check(MessageView message, List<Hl7Problem> out);
}
