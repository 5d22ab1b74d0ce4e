package org.ward.audit.repository;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link AuditRetention#apply} run did.
 *
 * @param firstSeq the first removed record; 0 when nothing was removed
 * @param upToSeq the last removed record, a checkpoint's seq; 0 when nothing was removed
 * @param archive the archive file holding the removed records; empty when nothing was removed
 */
public record RetentionResult(Outcome outcome, long firstSeq, long upToSeq, Optional<Path> archive) {

    /** How the run ended. */
    public enum Outcome {
        /** No record older than the cutoff is covered by a signed checkpoint yet. */
        NOTHING_TO_REMOVE,
        /** Records were exported to a new archive and removed. */
        CUT,
        /** An archive written by an interrupted run was verified and its records removed. */
        RESUMED
    }

    public RetentionResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(archive, "archive");
        if (outcome == Outcome.NOTHING_TO_REMOVE != (archive.isEmpty() && firstSeq == 0 && upToSeq == 0)) {
            throw new IllegalArgumentException("nothing removed iff no archive and no seqs");
        }
        if (outcome != Outcome.NOTHING_TO_REMOVE && (firstSeq < 1 || upToSeq < firstSeq)) {
            throw new IllegalArgumentException("removed records run from firstSeq to upToSeq, was "
                    + firstSeq + ".." + upToSeq);
        }
    }

    static RetentionResult nothing() {
        return new RetentionResult(Outcome.NOTHING_TO_REMOVE, 0, 0, Optional.empty());
    }

    public long recordsRemoved() {
        return outcome == Outcome.NOTHING_TO_REMOVE ? 0 : upToSeq - firstSeq + 1;
    }

    /** One line for the log, without record contents. */
    public String describe() {
        return switch (outcome) {
            case NOTHING_TO_REMOVE -> "audit retention: nothing to remove";
            case CUT -> "audit retention: records " + firstSeq + " to " + upToSeq + " archived to "
                    + archive.get() + " and removed";
            case RESUMED -> "audit retention: records " + firstSeq + " to " + upToSeq + " removed, completing "
                    + archive.get() + " left by an interrupted run";
        };
    }
}
