package org.ward.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DeliveryQueue} in memory, for tests and demonstrations. <b>Not durable</b>: everything
 * queued is lost when the process ends, so it gives no at-least-once guarantee across a restart. The
 * engine uses the message journal instead. Thread-safe.
 */
public final class InMemoryDeliveryQueue implements DeliveryQueue {

    private enum Status { PENDING, DELIVERED, DEAD_LETTERED }

    private static final class Entry {
        final long id;
        final String destination;
        final String controlId;
        final byte[] payload;
        int attempts;
        Status status = Status.PENDING;
        String reason = "";

        Entry(long id, String destination, String controlId, byte[] payload) {
            this.id = id;
            this.destination = destination;
            this.controlId = controlId;
            this.payload = payload.clone();
        }
    }

    // Insertion order is journal order.
    private final Map<Long, Entry> entries = new LinkedHashMap<>();
    private final List<Long> deliveryOrder = new ArrayList<>();
    private long lastId;

    /** Appends a message for {@code destination} and returns its id. */
    public synchronized long add(String destination, String controlId, byte[] payload) {
        Objects.requireNonNull(destination, "destination");
        long id = ++lastId;
        entries.put(id, new Entry(id, destination, Objects.requireNonNull(controlId, "controlId"),
                Objects.requireNonNull(payload, "payload")));
        return id;
    }

    @Override
    public synchronized Optional<QueuedMessage> next(String destination) {
        return entries.values().stream()
                .filter(e -> e.destination.equals(destination) && e.status == Status.PENDING)
                .findFirst()
                .map(e -> new QueuedMessage(e.id, e.controlId, e.payload, e.attempts));
    }

    @Override
    public synchronized List<QueuedMessage> next(String destination, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        return entries.values().stream()
                .filter(e -> e.destination.equals(destination) && e.status == Status.PENDING)
                .limit(max)
                .map(e -> new QueuedMessage(e.id, e.controlId, e.payload, e.attempts))
                .toList();
    }

    @Override
    public synchronized void delivered(String destination, long messageId, Instant at) {
        Entry entry = pending(destination, messageId);
        entry.status = Status.DELIVERED;
        deliveryOrder.add(messageId);
    }

    @Override
    public synchronized void retryLater(String destination, long messageId, String reason, Instant notBefore) {
        Entry entry = pending(destination, messageId);
        entry.attempts++;
        entry.reason = reason;
    }

    @Override
    public synchronized void deadLetter(String destination, long messageId, String reason) {
        Entry entry = pending(destination, messageId);
        entry.status = Status.DEAD_LETTERED;
        entry.reason = reason;
    }

    /** Ids delivered to {@code destination}, in the order they were marked delivered. */
    public synchronized List<Long> deliveredIds(String destination) {
        return deliveryOrder.stream().filter(id -> entries.get(id).destination.equals(destination)).toList();
    }

    /** Ids dead-lettered for {@code destination}, in journal order. */
    public synchronized List<Long> deadLetteredIds(String destination) {
        return entries.values().stream()
                .filter(e -> e.destination.equals(destination) && e.status == Status.DEAD_LETTERED)
                .map(e -> e.id)
                .toList();
    }

    /** How many messages for {@code destination} are neither delivered nor dead-lettered. */
    public synchronized int pendingCount(String destination) {
        return (int) entries.values().stream()
                .filter(e -> e.destination.equals(destination) && e.status == Status.PENDING)
                .count();
    }

    /** The failed attempts recorded for message {@code id}. */
    public synchronized int attempts(long id) {
        return entry(id).attempts;
    }

    /** The last retry or dead-letter reason recorded for message {@code id}, "" if none. */
    public synchronized String reason(long id) {
        return entry(id).reason;
    }

    private Entry entry(long id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("no message " + id);
        }
        return entry;
    }

    private Entry pending(String destination, long id) {
        Entry entry = entry(id);
        if (!entry.destination.equals(destination)) {
            throw new IllegalArgumentException("message " + id + " is queued for " + entry.destination + ", not "
                    + destination);
        }
        if (entry.status != Status.PENDING) {
            throw new IllegalStateException("message " + id + " for " + destination + " is already "
                    + entry.status.name().toLowerCase(java.util.Locale.ROOT));
        }
        return entry;
    }
}
