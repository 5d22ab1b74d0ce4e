package org.ward.store;

/** The journal contract on H2, a file in the test's data directory. */
class H2MessageJournalTest extends MessageJournalContract {

    private final H2JournalBackend backend = new H2JournalBackend();

    @Override
    JournalBackend backend() {
        return backend;
    }
}
