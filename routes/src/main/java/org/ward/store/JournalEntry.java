package org.ward.store;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the journal knows about a committed message, without its payload.
 *
 * @param id  assigned at commit; increases with commit order (gaps appear where a batch failed)
 */
public record JournalEntry(long id, Instant receivedAt, String listener, Sender sender, String messageType,
                           String controlId, String transaction, List<String> patientIds, Charset charset,
                           MessageStatus status) {

    public JournalEntry {
        if (id <= 0) {
            throw new IllegalArgumentException("journal ids are positive");
        }
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(controlId, "controlId");
        patientIds = List.copyOf(patientIds);
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(status, "status");
    }

    static JournalEntry accepted(long id, InboundRecord record) {
        return new JournalEntry(id, record.receivedAt(), record.listener(), record.sender(),
                record.messageType(), record.controlId(), record.transaction(), record.patientIds(),
                record.charset(), MessageStatus.ACCEPTED);
    }

    /** Names no patient id: entries end up in logs. */
    @Override
    public String toString() {
        return "JournalEntry[" + id + " " + messageType + " " + controlId + " on " + listener + " " + status + "]";
    }
}
