package org.ward.profile;

import java.util.Objects;
import org.ward.hl7.Hl7Problem;

/** Whether a message is one of the PCD transactions a listener accepts. */
public sealed interface Recognition {

    /**
     * @param transaction the transaction
     * @param profile     the MSH-21 repetition (as sent) whose OID identified it
     */
    record Recognised(PcdTransaction transaction, String profile) implements Recognition {
        public Recognised {
            Objects.requireNonNull(transaction, "transaction");
            Objects.requireNonNull(profile, "profile");
        }
    }

    /** Not a transaction this listener takes; the problem says why, for the ERR segment. */
    record Unrecognised(Hl7Problem problem) implements Recognition {
        public Unrecognised {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
