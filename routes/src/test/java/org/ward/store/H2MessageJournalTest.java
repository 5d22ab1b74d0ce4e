package org.ward.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The journal contract on H2, a file in the test's data directory. */
class H2MessageJournalTest extends MessageJournalContract {

    private final H2JournalBackend backend = new H2JournalBackend();

    @Override
    JournalBackend backend() {
        return backend;
    }

    /**
     * A delivery worker asks for its next messages once per batch: sorting the whole backlog each
     * time made draining a 10,000-message backlog quadratic (see {@link JdbcDeliveryQueue#NEXT}).
     */
    @Test
    void theNextMessageIsReadFromTheQueueIndexInOrderWithoutSortingTheBacklog() throws Exception {
        JournalConfig config = JournalConfig.h2(dataDir);
        try (MessageJournal journal = JdbcMessageJournal.open(config);
             Connection connection = backend.rawConnection(config);
             PreparedStatement explain = connection.prepareStatement("EXPLAIN " + JdbcDeliveryQueue.NEXT)) {
            explain.setString(1, "ehr");
            explain.setInt(2, 100); // a worker reads up to a batch ahead
            try (ResultSet plan = explain.executeQuery()) {
                assertThat(plan.next()).isTrue();
                assertThat(plan.getString(1)).contains("DELIVERIES_QUEUE_IDX").contains("/* index sorted */");
            }
        }
    }
}
