package org.ward.store;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a run of failed writes once: ERROR when the first batch fails, INFO when a batch succeeds
 * again, with how long it lasted and how many appends were refused. Used by the committer thread only.
 */
final class FailurePeriod {

    private static final Logger LOG = LoggerFactory.getLogger(FailurePeriod.class);

    private Instant since;
    private long refusedAppends;
    private long failedBatches;

    void failed(String description, int appends) {
        if (since == null) {
            since = Instant.now();
            LOG.error("Journal writes are failing ({}); appends are refused as not committed until the"
                    + " database takes writes again", description);
        } else {
            LOG.debug("Journal write failed again ({})", description);
        }
        refusedAppends += appends;
        failedBatches++;
    }

    void succeeded() {
        if (since != null) {
            LOG.info("Journal writes recovered after {} s: {} batches failed, {} appends refused",
                    Duration.between(since, Instant.now()).toSeconds(), failedBatches, refusedAppends);
            since = null;
            refusedAppends = 0;
            failedBatches = 0;
        }
    }
}
