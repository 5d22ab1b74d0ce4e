package org.ward.engine;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.camel.RouteReceiver;
import org.ward.camel.WardComponent;
import org.ward.config.DestinationSettings;
import org.ward.delivery.AckKind;
import org.ward.delivery.Backoff;
import org.ward.delivery.DeliveryEvent;
import org.ward.delivery.DeliveryListener;
import org.ward.delivery.DeliveryQueue;
import org.ward.delivery.DeliveryWorker;
import org.ward.delivery.DestinationConfig;
import org.ward.delivery.DestinationWorker;
import org.ward.delivery.DirectoryWorker;
import org.ward.delivery.HandOffWorker;
import org.ward.store.JournalEntry;
import org.ward.store.MessageJournal;

/**
 * One ordered delivery worker per MLLP, directory or camel destination, fed from the journal's durable
 * queue; on start-up they resume whatever is undelivered, in order. Delivered and dead-lettered
 * messages are audited (Export 110106, outcome 0 / 8).
 */
final class Deliveries implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    private static final int MAX_ACK_BYTES = 1024 * 1024;

    private final Map<String, DestinationWorker> workers = new HashMap<>();

    /**
     * @param routes where camel destinations hand their messages to the operator's routes
     * @param policy gives each destination its receive view of every message
     */
    Deliveries(List<DestinationSettings> destinations, MessageJournal journal, AuditTrail audit, WardComponent routes,
               LivePolicy policy)
            throws IOException, GeneralSecurityException {
        PolicyViewQueue[] views = new PolicyViewQueue[1];
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void delivered(DeliveryEvent event) {
                delivered(List.of(event));
            }

            /** One journal query for the batch's metadata; the Export records go to the spool together. */
            @Override
            public void delivered(List<DeliveryEvent> events) {
                Map<Long, JournalEntry> entries = journal.entries(events.stream().map(DeliveryEvent::messageId).toList());
                List<AuditTrail.Export> exports = new ArrayList<>(events.size());
                for (DeliveryEvent event : events) {
                    Optional<PolicyViewQueue.Sent> sent = views[0].sentDelivered(event.destination(), event.messageId());
                    JournalEntry entry = entries.get(event.messageId());
                    if (entry == null) {
                        continue; // purged meanwhile: nothing left to name in a record
                    }
                    if (sent.isPresent()) {
                        exports.add(new AuditTrail.Export(event, entry,
                                inCharset(sent.get().sendingApplication(), entry), inCharset(sent.get().sendingFacility(), entry),
                                true, sent.get().removed()));
                    } else {
                        journal.find(event.messageId()).ifPresent(stored -> audit.exported(event, stored, true));
                    }
                }
                audit.exported(exports);
            }

            @Override
            public void deadLettered(DeliveryEvent event) {
                LOG.warn("destination {}: message {} (control-id {}) dead-lettered: {}", event.destination(),
                        event.messageId(), event.controlId(), event.reason());
                journal.find(event.messageId()).ifPresent(stored -> audit.exported(event, stored, false));
            }
        };
        views[0] = new PolicyViewQueue(journal.deliveryQueue(), policy, audit, listener);
        DeliveryQueue queue = views[0];
        for (DestinationSettings destination : destinations) {
            if (destination instanceof DestinationSettings.Mllp mllp) {
                DestinationConfig config = new DestinationConfig(mllp.name(), mllp.host(), mllp.port(), mllp.keyStore(),
                        mllp.keyStorePasswordFile(), mllp.trustAnchors(), mllp.ackTimeout(),
                        mllp.ackKind() == DestinationSettings.AckKind.COMMIT ? AckKind.COMMIT : AckKind.APPLICATION,
                        Backoff.DEFAULT, MAX_ACK_BYTES, mllp.batchSize());
                workers.put(mllp.name(), DeliveryWorker.create(config, queue, listener));
            } else if (destination instanceof DestinationSettings.Directory directory) {
                workers.put(directory.name(), new DirectoryWorker(directory.name(), directory.path(), queue, listener,
                        Backoff.DEFAULT, Clock.systemUTC()));
            } else if (destination instanceof DestinationSettings.Camel camel) {
                workers.put(camel.name(), new HandOffWorker(camel.name(), "the Camel route from ward:" + camel.name(),
                        new RouteReceiver(camel.name(), routes, journal::find), queue, listener, Backoff.DEFAULT,
                        Clock.systemUTC()));
            }
        }
    }

    /** {@code field}, read from the payload's bytes as ISO-8859-1, decoded in the message's own character set. */
    private static String inCharset(String field, JournalEntry entry) {
        return new String(field.getBytes(StandardCharsets.ISO_8859_1), entry.charset());
    }

    void start() {
        workers.values().forEach(DestinationWorker::start);
    }

    /** Tells the workers of these destinations that something new is queued. */
    void wake(List<String> destinations) {
        for (String name : destinations) {
            DestinationWorker worker = workers.get(name);
            if (worker != null) {
                worker.wake();
            }
        }
    }

    @Override
    public void close() {
        for (DestinationWorker worker : workers.values()) {
            worker.stop(Duration.ofSeconds(5));
            worker.close();
        }
    }
}
