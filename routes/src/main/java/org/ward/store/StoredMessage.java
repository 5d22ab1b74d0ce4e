package org.ward.store;

import java.util.Arrays;
import java.util.Objects;

/** A journalled message with its decrypted payload. */
public record StoredMessage(JournalEntry entry, byte[] payload) {

    public StoredMessage {
        Objects.requireNonNull(entry, "entry");
        payload = Objects.requireNonNull(payload, "payload").clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload decoded with the character set it was received in. */
    public String text() {
        return new String(payload, entry.charset());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredMessage that && entry.equals(that.entry) && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * entry.hashCode() + Arrays.hashCode(payload);
    }

    /** Shows no payload. */
    @Override
    public String toString() {
        return "StoredMessage[" + entry + ", " + payload.length + " bytes]";
    }
}
