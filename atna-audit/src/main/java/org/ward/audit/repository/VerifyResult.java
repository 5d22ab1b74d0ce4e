package org.ward.audit.repository;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link ChainVerifier} found. {@code ward audit verify} prints {@link #describe()} and exits
 * 0 when {@link #intact()}, 1 otherwise.
 *
 * @param breach null when intact
 * @param firstBrokenSeq the first record that is altered or missing, when the breach names one
 * @param detail human-readable, without record contents (no PHI)
 */
public record VerifyResult(long recordsChecked, int checkpointsChecked, long lastSeq, Breach breach,
                           OptionalLong firstBrokenSeq, String detail) {

    /** The kinds of tampering (or damage) the verifier tells apart. */
    public enum Breach {
        /** A record's recomputed hash differs from its stored hash: a column or index row was changed. */
        RECORD_ALTERED,
        /** A seq is missing from the chain: a record was deleted. */
        RECORD_MISSING,
        /** The chain ends before a signed checkpoint (or the head file) says it reached: the tail was deleted. */
        TAIL_TRUNCATED,
        /** The chain at a checkpoint differs from the signed hash: records were altered and rehashed. */
        CHECKPOINT_MISMATCH,
        /** A checkpoint's signature does not verify with the repository's public key. */
        BAD_SIGNATURE,
        /**
         * The retention cuts do not continue one another (a cut row was deleted), or a record is stored
         * that a cut says was removed.
         */
        RETENTION_CUT,
        /** An audit_index row belongs to no record. */
        ORPHAN_INDEX,
        /** Checkpoints exist but the head file does not, or it does not match them. */
        HEAD_FILE,
        /** The public key or database could not be read, so nothing could be verified. */
        UNVERIFIABLE
    }

    public VerifyResult {
        Objects.requireNonNull(firstBrokenSeq, "firstBrokenSeq");
        Objects.requireNonNull(detail, "detail");
    }

    static VerifyResult intact(long records, int checkpoints, long lastSeq) {
        return intact(records, checkpoints, lastSeq, 0, 0);
    }

    /** @param cutSeq the last record the latest of {@code cuts} retention cuts removed */
    static VerifyResult intact(long records, int checkpoints, long lastSeq, int cuts, long cutSeq) {
        return new VerifyResult(records, checkpoints, lastSeq, null, OptionalLong.empty(),
                "intact: " + records + " records, " + checkpoints + " signed checkpoints, last record " + lastSeq
                        + (cuts == 0 ? "" : "; records 1 to " + cutSeq + " removed by " + cuts
                                + " signed retention cuts"));
    }

    static VerifyResult broken(long records, int checkpoints, long lastSeq, Breach breach, long firstBroken,
                               String detail) {
        return new VerifyResult(records, checkpoints, lastSeq, breach,
                firstBroken > 0 ? OptionalLong.of(firstBroken) : OptionalLong.empty(), detail);
    }

    public boolean intact() {
        return breach == null;
    }

    /** The process exit code for {@code ward audit verify}: 0 intact, 1 tampered or unverifiable. */
    public int exitCode() {
        return intact() ? 0 : 1;
    }

    public String describe() {
        if (intact()) {
            return detail;
        }
        return "TAMPERED (" + breach + ")" + (firstBrokenSeq.isPresent()
                ? ": first broken record " + firstBrokenSeq.getAsLong() : "") + ": " + detail;
    }
}
