package org.ward.ack;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ward.hl7.Hl7Problem;

/**
 * Ward's decision about one inbound message, ready to be acknowledged.
 *
 * @param outcome  accepted, content error or rejected
 * @param problems one ERR segment each (warnings may accompany an accepted message)
 * @param profile  the MSH-21 repetition that identified the IHE profile, exactly as sent; the
 *                 ACK's MSH-21 carries only this one, never the sender's whole field
 */
public record Verdict(ProcessingOutcome outcome, List<Hl7Problem> problems, Optional<String> profile) {

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        problems = List.copyOf(problems);
        Objects.requireNonNull(profile, "profile");
    }

    public static Verdict rejected(Hl7Problem problem) {
        return new Verdict(ProcessingOutcome.REJECTED, List.of(problem), Optional.empty());
    }
}
