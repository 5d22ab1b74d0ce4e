package org.ward.engine;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.netty.NettyConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.ack.AckFactory;
import org.ward.ack.ProcessingOutcome;
import org.ward.ack.Verdict;
import org.ward.config.ListenerConfig;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.MessageHeader;
import org.ward.mllp.MllpReplies;
import org.ward.profile.Assessment;
import org.ward.profile.ClaimedDevice;
import org.ward.profile.DeviceClaims;
import org.ward.profile.PatientIdentifiers;
import org.ward.store.InboundRecord;
import org.ward.store.MessageJournal;
import org.ward.store.Sender;
import org.ward.profile.MessageAssessor;
import org.ward.tls.PeerIdentity;
import java.util.Set;
import org.ward.policy.AccessPolicy;
import org.ward.policy.Decision;
import org.ward.policy.Operation;
import org.ward.policy.PolicyChange;
import org.ward.policy.PolicyResult;
import org.ward.tls.PeerIdentityHandler;

/**
 * The inbound step of an MLLP listener: assesses the framed payload (read, recognise, validate),
 * binds it to the authenticated peer, and answers with the acknowledgments the sender asked for
 * (none, one, or accept + application on the same connection). Logs routing metadata only
 * (message type, control ID, peer certificate subject), never message content, unless the
 * listener has {@code log-phi: true}.
 */
public final class MllpInboundProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(MllpInboundProcessor.class);

    /** How long an accepted message may wait for its journal commit before it is answered AE/CE. */
    static final java.time.Duration COMMIT_WAIT = java.time.Duration.ofSeconds(15);

    private final ListenerConfig listener;
    private final MessageAssessor assessor;
    private final AckFactory acks;
    private final ListenerStats stats;
    private final DeviceIdentityBinding binding;
    private final AuditTrail audit;
    private final MessageJournal journal;
    private final RouteResolver routes;
    private final java.util.function.Consumer<List<String>> queued;
    private final LivePolicy policy;

    MllpInboundProcessor(ListenerConfig listener, MessageAssessor assessor, AckFactory acks, ListenerStats stats,
                         AuditTrail audit, MessageJournal journal, RouteResolver routes,
                         java.util.function.Consumer<List<String>> queued, LivePolicy policy) {
        this.policy = policy;
        this.routes = routes;
        this.queued = queued;
        this.listener = listener;
        this.assessor = assessor;
        this.acks = acks;
        this.stats = stats;
        this.binding = new DeviceIdentityBinding(listener);
        this.audit = audit;
        this.journal = journal;
    }

    @Override
    public void process(Exchange exchange) {
        ChannelHandlerContext ctx = exchange.getIn().getHeader(NettyConstants.NETTY_CHANNEL_HANDLER_CONTEXT,
                ChannelHandlerContext.class);
        PeerIdentity peer = PeerIdentityHandler.peerOf(ctx.channel());
        if (peer == null) {
            // Unreachable with needClientAuth; refuse rather than process an unauthenticated message.
            LOG.error("[{}] message from {} without an authenticated peer; closing", listener.name(), ctx.channel().remoteAddress());
            exchange.getMessage().setHeader(NettyConstants.NETTY_CLOSE_CHANNEL_WHEN_COMPLETE, true);
            exchange.getMessage().setBody(null);
            return;
        }
        exchange.getMessage().setHeader(WardHeaders.PEER_IDENTITY, peer);
        byte[] payload = exchange.getIn().getBody(byte[].class);
        try {
            AccessPolicy access = policy.current();
            Set<String> roles = access.rolesOf(peer);
            Assessment assessed = bindToSender(assessor.assess(payload, listener.defaultCharset(), listener.accept()),
                    peer, exchange, ctx.channel().remoteAddress());
            Enforced enforced = enforce(assessed, payload, access, roles, peer, ctx.channel().remoteAddress());
            // Read once: the journal row indexes them and the Import records name them.
            List<String> patients = enforced.assessment().header().isPresent()
                    ? enforced.assessment().text().map(PatientIdentifiers::in).orElse(List.of()) : List.of();
            Assessment assessment = commit(auditable(enforced.assessment()), patients, peer, enforced.payload(), roles,
                    access);
            log(assessment, payload, peer, ctx);
            audit.received(assessment, patients, peer, ctx.channel().remoteAddress(), enforced.changes());
            count(assessment.verdict().outcome());
            List<String> replies = acks.respond(assessment.header(), assessment.verdict());
            exchange.getMessage().setBody(replies.isEmpty() ? null : new MllpReplies(
                    replies.stream().map(ack -> ack.getBytes(assessment.charset())).toList()));
        } catch (RuntimeException e) {
            // A bug in Ward, not bad input: the sender still gets an answer (AR 207, HL7 v2.6 §2.9.2)
            // and the operator the stack trace; neither carries message content.
            LOG.error("[{}] internal error on a message from {}", listener.name(), peer.subject(), e);
            stats.refused();
            Optional<MessageHeader> header = MessageHeader.read(new String(payload, StandardCharsets.ISO_8859_1));
            String ack = acks.acknowledge(header, AcknowledgmentCode.AR, List.of(internalError()));
            exchange.getMessage().setBody(ack.getBytes(listener.defaultCharset()));
        }
    }

    /**
     * With {@code bind-device-identity}, refuses a message that names a device the sender's
     * certificate does not vouch for; otherwise records the device identity for the audit trail.
     */
    private Assessment bindToSender(Assessment assessment, PeerIdentity peer, Exchange exchange,
                                    java.net.SocketAddress remote) {
        if (assessment.text().isEmpty() || assessment.verdict().outcome() == ProcessingOutcome.REJECTED) {
            return assessment;
        }
        List<ClaimedDevice> claims = DeviceClaims.in(assessment.text().get());
        if (listener.bindDeviceIdentity()) {
            Optional<ClaimedDevice> unvouched = binding.firstUnvouched(peer, claims);
            if (unvouched.isPresent()) {
                Optional<Hl7Problem> mismatch = Optional.of(DeviceIdentityBinding.problem(unvouched.get()));
                audit.deviceIdentityMismatch(peer, unvouched.get(), remote);
                LOG.warn("[{}] device identity mismatch: {} ({}) claims a device its certificate does not vouch for"
                        + " at {}", listener.name(), peer.subject(), peer.serialHex(), locate(mismatch.get().location().get()));
                exchange.getMessage().setHeader(WardHeaders.IDENTITY_MISMATCH, mismatch.get());
                return assessment.withVerdict(new Verdict(ProcessingOutcome.REJECTED, List.of(mismatch.get()),
                        assessment.verdict().profile()));
            }
        }
        peer.deviceEui64().ifPresent(eui -> exchange.getMessage().setHeader(WardHeaders.DEVICE_EUI64, eui));
        return assessment;
    }

    /** An assessed message after the send policy: possibly refused, possibly with segments or fields removed. */
    private record Enforced(Assessment assessment, byte[] payload, List<PolicyChange> changes) {
    }

    /**
     * The send policy, before the journal: a node whose roles may not send this message type, or that
     * sent a segment or field a rule rejects, gets AR/CR with ERR "Access refused" (which rule, the
     * operator finds in the audit trail, not the sender); segments and fields the rules drop or redact
     * are gone from what is journalled, forwarded and audited.
     */
    private Enforced enforce(Assessment assessment, byte[] payload, AccessPolicy access, Set<String> roles,
                             PeerIdentity peer, java.net.SocketAddress remote) {
        if (!assessment.verdict().outcome().isSuccess() || assessment.text().isEmpty()) {
            return new Enforced(assessment, payload, List.of());
        }
        PolicyResult result = access.apply(roles, Operation.SEND, assessment.text().get());
        MessageHeader header = assessment.header().orElseThrow();
        if (!result.permitted()) {
            Decision decision = result.refusal().get();
            LOG.warn("[{}] access refused: {} ({}) with roles {} may not send {} control-id={}: {}", listener.name(),
                    peer.subject(), peer.serialHex(), roles, header.messageType(), header.controlId(), decision.why());
            audit.sendRefused(peer, roles, decision, listener.name(), header.messageType(), header.controlId(), remote);
            Hl7Problem refused = Hl7Problem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, null, "Access refused");
            return new Enforced(assessment.withVerdict(new Verdict(ProcessingOutcome.REJECTED, List.of(refused),
                    assessment.verdict().profile())), payload, List.of());
        }
        if (!result.changed()) {
            return new Enforced(assessment, payload, List.of());
        }
        LOG.info("[{}] control-id={} from {}: policy removed {}", listener.name(), header.controlId(), peer.subject(),
                result.changes());
        return new Enforced(assessment.withText(result.text()), result.text().getBytes(assessment.charset()),
                result.changes());
    }

    /**
     * With {@code on-audit-failure: refuse}, a message is not taken while the audit spool cannot keep
     * its records: AR/CR with ERR 207, and nothing journalled. (A spool that fails between the journal
     * commit and the Import record cannot undo the commit: that record is lost, logged at ERROR.)
     */
    private Assessment auditable(Assessment assessment) {
        if (!assessment.verdict().outcome().isSuccess() || !audit.refusesExchanges()) {
            return assessment;
        }
        LOG.error("[{}] control-id={} refused: the audit spool cannot keep records (on-audit-failure: refuse)",
                listener.name(), assessment.header().map(MessageHeader::controlId).orElse("?"));
        Hl7Problem unaudited = Hl7Problem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, null,
                "Audit trail unavailable; message not accepted, send it again later");
        return assessment.withVerdict(new Verdict(ProcessingOutcome.REJECTED, List.of(unaudited),
                assessment.verdict().profile()));
    }

    /**
     * Commits an accepted message to the journal before anything acknowledges it: AA/CA leave only
     * after the commit is durable. A message that cannot be committed is answered AE/CE with ERR
     * 207, never AA/CA, and the sender keeps the responsibility to resend it.
     */
    private Assessment commit(Assessment assessment, List<String> patients, PeerIdentity peer, byte[] payload,
                              Set<String> roles, AccessPolicy access) {
        if (!assessment.verdict().outcome().isSuccess()) {
            return assessment;
        }
        MessageHeader header = assessment.header().orElseThrow();
        List<String> destinations = routes.destinationsFor(listener.name(), assessment.transaction(), header.messageType(),
                roles).stream().filter(d -> mayReceive(access, d, header)).toList();
        InboundRecord record = new InboundRecord(Instant.now(), listener.name(),
                new Sender(peer.subject(), peer.serialHex().toLowerCase(java.util.Locale.ROOT),
                        peer.deviceEui64().orElse(null)),
                header.field(9), header.controlId(), assessment.transaction().map(t -> t.id()).orElse(null),
                patients, assessment.charset(), payload, destinations);
        try {
            journal.append(record).get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            queued.accept(destinations);
            return assessment;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notStored(assessment, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return notStored(assessment, e);
        }
    }

    /** Routing never queues a message for a destination whose roles may not receive its type at all. */
    private boolean mayReceive(AccessPolicy access, String destination, MessageHeader header) {
        if (access.permits(access.rolesOfDestination(destination), Operation.RECEIVE, header.messageType())) {
            return true;
        }
        LOG.warn("[{}] control-id={} not queued for destination {}: its roles {} may not receive {} (policy)",
                listener.name(), header.controlId(), destination, access.rolesOfDestination(destination),
                header.messageType());
        return false;
    }

    private Assessment notStored(Assessment assessment, Exception cause) {
        LOG.error("[{}] message control-id={} could not be committed to the journal; answering with an error: {}",
                listener.name(), assessment.header().map(MessageHeader::controlId).orElse("?"), cause.toString());
        Hl7Problem problem = Hl7Problem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, null,
                "Message could not be stored; send it again later");
        return assessment.withVerdict(new Verdict(ProcessingOutcome.ERROR, List.of(problem), assessment.verdict().profile()));
    }

    private void count(ProcessingOutcome outcome) {
        if (outcome.isSuccess()) {
            stats.accepted();
        } else {
            stats.refused();
        }
    }

    private void log(Assessment assessment, byte[] payload, PeerIdentity peer, ChannelHandlerContext ctx) {
        Verdict verdict = assessment.verdict();
        String type = assessment.header().map(MessageHeader::messageType).orElse("?");
        String controlId = assessment.header().map(MessageHeader::controlId).orElse("?");
        String transaction = assessment.transaction().map(t -> " " + t.id()).orElse("");
        if (verdict.outcome().isSuccess()) {
            LOG.info("[{}] accepted {}{} control-id={} from {} ({}){}", listener.name(), type, transaction, controlId,
                    peer.subject(), ctx.channel().remoteAddress(),
                    verdict.problems().isEmpty() ? "" : " with " + verdict.problems().size() + " warning(s)");
        } else {
            LOG.warn("[{}] {} {}{} control-id={} from {} ({}): {}", listener.name(),
                    verdict.outcome() == ProcessingOutcome.ERROR ? "errors in" : "refused", type, transaction, controlId,
                    peer.subject(), ctx.channel().remoteAddress(), describe(verdict.problems()));
        }
        if (listener.logPhi()) {
            LOG.info("[{}] message {}: {}", listener.name(), controlId,
                    new String(payload, assessment.charset()).replace('\r', '\n'));
        }
    }

    private static String describe(List<Hl7Problem> problems) {
        StringBuilder text = new StringBuilder();
        for (Hl7Problem problem : problems) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(problem.code().getCode()).append(' ').append(problem.text());
            problem.location().ifPresent(l -> text.append(" at ").append(locate(l)));
        }
        return text.toString();
    }

    private static Hl7Problem internalError() {
        return Hl7Problem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, null, "Internal error; message not accepted");
    }

    private static String locate(ErrorLocation l) {
        return l.segment() + (l.field() > 0 ? "-" + l.field() : "");
    }
}
