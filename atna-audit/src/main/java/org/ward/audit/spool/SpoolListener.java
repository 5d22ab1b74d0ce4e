package org.ward.audit.spool;

/**
 * Told when the spool fills up, so the engine can alarm long before records are refused. Called on
 * the spool's writer thread: return quickly.
 */
@FunctionalInterface
public interface SpoolListener {

    /**
     * The spool crossed {@link SpoolConfig#NEARLY_FULL_RATIO} of its cap. Called once per crossing;
     * called again only after usage fell below that mark in between.
     */
    void nearlyFull(long usedBytes, long capBytes);

    SpoolListener NONE = (used, cap) -> { };
}
