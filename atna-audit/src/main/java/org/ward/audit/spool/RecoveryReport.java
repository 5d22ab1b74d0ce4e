package org.ward.audit.spool;

import java.util.List;

/**
 * What {@link FileAuditSpool#open} found on disk.
 *
 * @param segments segment files kept
 * @param pendingRecords records not yet acknowledged, to be drained
 * @param truncatedBytes bytes cut off torn or damaged segment tails
 * @param problems one line per truncation or gap, also logged
 */
public record RecoveryReport(int segments, long pendingRecords, long truncatedBytes, List<String> problems) {

    public RecoveryReport {
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty();
    }
}
