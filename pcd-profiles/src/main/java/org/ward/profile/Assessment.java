package org.ward.profile;

import java.nio.charset.Charset;
import java.util.Objects;
import java.util.Optional;
import org.ward.ack.Verdict;
import org.ward.hl7.MessageHeader;

/**
 * Everything Ward learnt about one inbound payload before acting on it.
 *
 * @param charset     the charset it was read with; ACKs are written with it too
 * @param header      its MSH, when one could be read
 * @param transaction the PCD transaction, when recognised
 * @param text        the message text (CR segment terminators), when it could be parsed
 * @param verdict     the decision to acknowledge
 */
public record Assessment(Charset charset, Optional<MessageHeader> header, Optional<PcdTransaction> transaction,
                         Optional<String> text, Verdict verdict) {

    public Assessment {
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(verdict, "verdict");
    }

    /**
     * The same assessment of a message whose content was changed after it was read (the access
     * policy removed segments or fields): the new text.
     */
    public Assessment withText(String newText) {
        return new Assessment(charset, header, transaction, Optional.of(newText), verdict);
    }

    /** The same assessment with another verdict (e.g. refused after a check of the sender). */
    public Assessment withVerdict(Verdict newVerdict) {
        return new Assessment(charset, header, transaction, text, newVerdict);
    }
}
