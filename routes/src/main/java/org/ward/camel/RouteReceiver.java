package org.ward.camel;

import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.delivery.AttemptOutcome;
import org.ward.delivery.HandOffWorker;
import org.ward.delivery.QueuedMessage;
import org.ward.engine.WardHeaders;
import org.ward.store.JournalEntry;
import org.ward.store.StoredMessage;

/**
 * Hands one queued message to the route consuming {@code ward:<destination>}, synchronously, on the
 * destination worker's thread, and reads the outcome from the finished exchange: completed is
 * delivered, {@link MessageRejectedException} is a dead letter, any other exception (or a rollback)
 * is tried again later. The body is the message as text (ER7), decoded with the character set it was
 * received in, which is also the exchange's charset, so a route writing it out as bytes writes the
 * bytes Ward received.
 */
public final class RouteReceiver implements HandOffWorker.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReceiver.class);

    private final String destination;
    private final WardComponent component;
    private final LongFunction<Optional<StoredMessage>> journal;

    /** @param journal the journalled message (metadata and payload) by id */
    public RouteReceiver(String destination, WardComponent component, LongFunction<Optional<StoredMessage>> journal) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.component = Objects.requireNonNull(component, "component");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    @Override
    public AttemptOutcome receive(QueuedMessage message, int attempt) {
        Optional<WardConsumer> consumer = component.consumer(destination);
        if (consumer.isEmpty()) {
            return AttemptOutcome.retry("no running route consumes ward:" + destination);
        }
        StoredMessage stored = journal.apply(message.id()).orElseThrow(() ->
                new IllegalStateException("message " + message.id() + " is queued but not in the journal"));
        Exchange exchange = consumer.get().createExchange(false);
        try {
            prepare(exchange, stored, message, attempt);
            consumer.get().getProcessor().process(exchange);
            return outcome(exchange, message);
        } catch (Exception e) {
            exchange.setException(e);
            return outcome(exchange, message);
        } finally {
            consumer.get().releaseExchange(exchange, false);
        }
    }

    /** The body is the queued payload, which is the destination's policy view of the stored message. */
    private static void prepare(Exchange exchange, StoredMessage stored, QueuedMessage message, int attempt) {
        JournalEntry entry = stored.entry();
        exchange.setProperty(ExchangePropertyKey.CHARSET_NAME, entry.charset().name());
        Message in = exchange.getIn();
        in.setBody(new String(message.payload(), entry.charset()));
        in.setHeader(WardHeaders.MESSAGE_ID, entry.id());
        in.setHeader(WardHeaders.MESSAGE_TYPE, entry.messageType());
        in.setHeader(WardHeaders.CONTROL_ID, entry.controlId());
        if (entry.transaction() != null) {
            in.setHeader(WardHeaders.TRANSACTION, entry.transaction());
        }
        in.setHeader(WardHeaders.LISTENER, entry.listener());
        in.setHeader(WardHeaders.SENDER_SUBJECT, entry.sender().subject());
        entry.sender().device().ifPresent(eui64 -> in.setHeader(WardHeaders.DEVICE_EUI64, eui64));
        in.setHeader(WardHeaders.ATTEMPT, attempt);
    }

    private AttemptOutcome outcome(Exchange exchange, QueuedMessage message) {
        Exception failure = exchange.getException();
        String route = exchange.getFromRouteId();
        if (failure == null) {
            if (exchange.isRollbackOnly() || exchange.isRollbackOnlyLast()) {
                return AttemptOutcome.retry("route '" + route + "' rolled back");
            }
            return AttemptOutcome.delivered("route '" + route + "' completed");
        }
        MessageRejectedException rejected = ObjectHelper.getException(MessageRejectedException.class, failure);
        if (rejected != null) {
            return AttemptOutcome.rejected("rejected by route '" + route + "': " + rejected.getMessage());
        }
        // An exception's message may quote the HL7 content: the journal and the audit trail get its class only.
        LOG.debug("destination {}: route '{}' failed on message {}", destination, route, message.id(), failure);
        return AttemptOutcome.retry("route '" + route + "' failed: " + failure.getClass().getName());
    }
}
