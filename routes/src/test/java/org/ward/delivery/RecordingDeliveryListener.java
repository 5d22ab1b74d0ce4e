package org.ward.delivery;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every outcome a worker reports, in order. */
final class RecordingDeliveryListener implements DeliveryListener {

    enum Kind { DELIVERED, RETRYING, DEAD_LETTERED }

    record Event(Kind kind, String controlId, int attempt, String reason) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void delivered(DeliveryEvent event) {
        events.add(new Event(Kind.DELIVERED, event.controlId(), event.attempt(), event.reason()));
    }

    @Override
    public void retrying(DeliveryEvent event, Instant notBefore) {
        events.add(new Event(Kind.RETRYING, event.controlId(), event.attempt(), event.reason()));
    }

    @Override
    public void deadLettered(DeliveryEvent event) {
        events.add(new Event(Kind.DEAD_LETTERED, event.controlId(), event.attempt(), event.reason()));
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<Event> eventsFor(String controlId) {
        return events.stream().filter(e -> e.controlId().equals(controlId)).toList();
    }

    List<Kind> kindsFor(String controlId) {
        return eventsFor(controlId).stream().map(Event::kind).toList();
    }

    long count(Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }
}
