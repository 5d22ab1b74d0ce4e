package org.ward.audit.repository;

/** Called by {@link ChainVerifier} as it walks the chain, e.g. to draw a progress bar. */
@FunctionalInterface
public interface VerifyProgress {

    VerifyProgress NONE = (checked, total) -> { };

    /**
     * @param checked records verified so far
     * @param total records in the store when the walk started (may grow while it runs)
     */
    void progress(long checked, long total);
}
