package org.ward.delivery;

import java.util.Objects;

/**
 * How one send of one message ended.
 *
 * @param result what happens to the message next
 * @param reason what the destination answered or what failed; never message content
 */
public record AttemptOutcome(Result result, String reason) {

    public enum Result {
        /** A matching AA/CA (per {@link AckKind}), or a route that completed: mark delivered. */
        DELIVERED,
        /** AE/CE, a transport failure, a timeout, an unmatched reply or a failed route: same message again, later. */
        RETRY,
        /** AR/CR, or a route that rejected the message: dead-letter it. */
        REJECTED
    }

    public AttemptOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
    }

    public static AttemptOutcome delivered(String reason) {
        return new AttemptOutcome(Result.DELIVERED, reason);
    }

    public static AttemptOutcome retry(String reason) {
        return new AttemptOutcome(Result.RETRY, reason);
    }

    public static AttemptOutcome rejected(String reason) {
        return new AttemptOutcome(Result.REJECTED, reason);
    }
}
