package org.ward.store;

import java.util.concurrent.CompletableFuture;

/** An append waiting for the committer, and the future its caller holds. */
record PendingAppend(InboundRecord record, CompletableFuture<JournalEntry> future) {
}
