package org.ward.engine;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.delivery.DeliveryEvent;
import org.ward.delivery.DeliveryListener;
import org.ward.delivery.DeliveryQueue;
import org.ward.delivery.QueuedMessage;
import org.ward.hl7.Hl7Reader;
import org.ward.hl7.MessageHeader;
import org.ward.hl7.ReadOutcome;
import org.ward.policy.AccessPolicy;
import org.ward.policy.Decision;
import org.ward.policy.Operation;
import org.ward.policy.PolicyChange;
import org.ward.policy.PolicyResult;

/**
 * Each destination's receive view of the journal's queue: a worker gets every message as the
 * destination's roles may receive it, judged by the policy in force when it is sent. A message the
 * destination may no longer receive, or whose view would not be valid HL7, is dead-lettered (audited,
 * never sent) rather than delivered in part.
 *
 * <p>A worker reading ahead gets the views of the messages up to (not including) the first that is
 * refused; that one is set aside when it comes first, so dead letters and deliveries are recorded in
 * queue order. What an Export record needs from the view (MSH-3, MSH-4, what was removed) is kept
 * from the read until the delivery, so the message is not read again to audit it.
 *
 * <p>The view works on the payload's bytes read as ISO-8859-1, which maps every byte to one char and
 * back; HL7 delimiters are ASCII and never occur inside a multi-byte UTF-8 character, so this is exact
 * for every charset table 0211 allows over MLLP.
 */
final class PolicyViewQueue implements DeliveryQueue {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyViewQueue.class);

    private final DeliveryQueue journal;
    private final LivePolicy policy;
    private final AuditTrail audit;
    private final DeliveryListener listener;
    private final Hl7Reader reader = new Hl7Reader();
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();

    /**
     * What the Export record of a message sent to a destination needs from its view.
     *
     * @param sendingApplication MSH-3 as journalled, its bytes as ISO-8859-1 chars
     * @param sendingFacility    MSH-4 likewise
     * @param removed            what the destination's view removed
     */
    record Sent(String sendingApplication, String sendingFacility, List<PolicyChange> removed) {
    }

    PolicyViewQueue(DeliveryQueue journal, LivePolicy policy, AuditTrail audit, DeliveryListener listener) {
        this.journal = journal;
        this.policy = policy;
        this.audit = audit;
        this.listener = listener;
    }

    @Override
    public Optional<QueuedMessage> next(String destination) {
        return next(destination, 1).stream().findFirst();
    }

    @Override
    public List<QueuedMessage> next(String destination, int max) {
        while (true) {
            List<QueuedMessage> batch = journal.next(destination, max);
            if (batch.isEmpty()) {
                return batch;
            }
            List<QueuedMessage> views = new ArrayList<>(batch.size());
            for (QueuedMessage message : batch) {
                Optional<QueuedMessage> view = view(destination, message, views.isEmpty());
                if (view.isEmpty()) {
                    if (!views.isEmpty()) {
                        break; // not set aside yet: it comes first in the next read, after these are recorded
                    }
                    continue;
                }
                views.add(view.get());
            }
            if (!views.isEmpty()) {
                return List.copyOf(views);
            }
        }
    }

    /**
     * The destination's view of {@code message}; empty when it may not be sent, in which case it was
     * set aside (dead-lettered, audited) if {@code first}, and left alone otherwise.
     */
    private Optional<QueuedMessage> view(String destination, QueuedMessage message, boolean first) {
        AccessPolicy access = policy.current();
        Set<String> roles = access.rolesOfDestination(destination);
        String text = new String(message.payload(), ISO_8859_1);
        PolicyResult view = access.apply(roles, Operation.RECEIVE, text);
        if (!view.permitted()) {
            if (first) {
                refuse(destination, message, roles, view.refusal().get(), AccessPolicy.messageType(text));
            }
            return Optional.empty();
        }
        Optional<MessageHeader> msh = MessageHeader.read(text);
        String application = msh.map(h -> h.field(3)).orElse("");
        String facility = msh.map(h -> h.field(4)).orElse("");
        if (!view.changed()) {
            sent.put(key(destination, message.id()), new Sent(application, facility, List.of()));
            return Optional.of(message);
        }
        byte[] viewed = view.text().getBytes(ISO_8859_1);
        if (!(reader.read(viewed, ISO_8859_1) instanceof ReadOutcome.Parsed)) {
            if (first) {
                deadLetter(destination, message, "the destination's policy view is not a valid HL7 message ("
                        + view.changes() + ")");
            }
            return Optional.empty();
        }
        sent.put(key(destination, message.id()), new Sent(application, facility, view.changes()));
        return Optional.of(new QueuedMessage(message.id(), message.controlId(), viewed, message.attempts()));
    }

    /** What the view of a message for a destination was, once it was delivered (then forgotten); empty if unknown. */
    Optional<Sent> sentDelivered(String destination, long messageId) {
        return Optional.ofNullable(sent.remove(key(destination, messageId)));
    }

    @Override
    public void delivered(String destination, long messageId, Instant at) {
        journal.delivered(destination, messageId, at);
    }

    @Override
    public void delivered(List<DeliveryEvent> deliveries) {
        journal.delivered(deliveries);
    }

    @Override
    public void retryLater(String destination, long messageId, String reason, Instant notBefore) {
        journal.retryLater(destination, messageId, reason, notBefore);
    }

    @Override
    public void deadLetter(String destination, long messageId, String reason) {
        sent.remove(key(destination, messageId));
        journal.deadLetter(destination, messageId, reason);
    }

    private void refuse(String destination, QueuedMessage message, Set<String> roles, Decision decision, String type) {
        audit.receiveRefused(destination, roles, decision, type, message.controlId());
        deadLetter(destination, message, "access refused by policy: roles " + roles + " may not receive " + type + " ("
                + decision.why() + ")");
    }

    private void deadLetter(String destination, QueuedMessage message, String reason) {
        LOG.warn("destination {}: message {} (control-id {}) not sent: {}", destination, message.id(),
                message.controlId(), reason);
        journal.deadLetter(destination, message.id(), reason);
        listener.deadLettered(new DeliveryEvent(destination, message.id(), message.controlId(), message.attempts() + 1,
                Instant.now(), reason));
    }

    private static String key(String destination, long id) {
        return destination + '\u0000' + id;
    }
}
