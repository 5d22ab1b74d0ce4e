package org.ward.engine;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.netty.NettyConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.ack.AckFactory;
import org.ward.config.ListenerConfig;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.Hl7Reader;
import org.ward.hl7.MessageHeader;
import org.ward.hl7.ReadOutcome;
import org.ward.tls.PeerIdentity;
import org.ward.tls.PeerIdentityHandler;

/**
 * The inbound step of an MLLP listener: reads the framed payload as HL7, binds it to the
 * authenticated peer, and answers with the acknowledgement. Logs routing metadata only (message
 * type, control ID, peer certificate subject), never message content, unless the listener has
 * {@code log-phi: true}.
 */
public final class MllpInboundProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(MllpInboundProcessor.class);

    private final ListenerConfig listener;
    private final Hl7Reader reader;
    private final AckFactory acks;
    private final ListenerStats stats;

    public MllpInboundProcessor(ListenerConfig listener, Hl7Reader reader, AckFactory acks, ListenerStats stats) {
        this.listener = listener;
        this.reader = reader;
        this.acks = acks;
        this.stats = stats;
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
            ReadOutcome outcome = reader.read(payload, listener.defaultCharset());
            String ack = outcome instanceof ReadOutcome.Parsed parsed
                    ? accept(parsed, peer, ctx)
                    : refuse((ReadOutcome.Unreadable) outcome, peer, ctx);
            exchange.getMessage().setBody(ack.getBytes(outcome.charset()));
        } catch (RuntimeException e) {
            // A bug in Ward, not bad input: the sender still gets an answer (AR 207, HL7 v2.6 §2.9.2)
            // and the operator the stack trace; neither carries message content.
            LOG.error("[{}] internal error on a message from {}", listener.name(), peer.subject(), e);
            Optional<MessageHeader> header = MessageHeader.read(new String(payload, StandardCharsets.ISO_8859_1));
            stats.refused();
            String ack = acks.acknowledge(header, AcknowledgmentCode.AR, List.of(internalError()));
            exchange.getMessage().setBody(ack.getBytes(listener.defaultCharset()));
        }
    }

    private String accept(ReadOutcome.Parsed parsed, PeerIdentity peer, ChannelHandlerContext ctx) {
        LOG.info("[{}] accepted {} control-id={} from {} ({})", listener.name(), parsed.header().messageType(),
                parsed.header().controlId(), peer.subject(), ctx.channel().remoteAddress());
        if (listener.logPhi()) {
            LOG.info("[{}] message {}: {}", listener.name(), parsed.header().controlId(), parsed.text().replace('\r', '\n'));
        }
        stats.accepted();
        return acks.acknowledge(Optional.of(parsed.header()), AcknowledgmentCode.AA, List.of());
    }

    private String refuse(ReadOutcome.Unreadable refused, PeerIdentity peer, ChannelHandlerContext ctx) {
        Hl7Problem problem = refused.problem();
        LOG.warn("[{}] refused {} control-id={} from {} ({}): {} {}{}", listener.name(),
                refused.header().map(MessageHeader::messageType).orElse("?"),
                refused.header().map(MessageHeader::controlId).orElse("?"), peer.subject(), ctx.channel().remoteAddress(),
                problem.code().getCode(), problem.text(), problem.location().map(l -> " at " + describe(l)).orElse(""));
        stats.refused();
        return acks.acknowledge(refused.header(), AcknowledgmentCode.AR, List.of(problem));
    }

    private static Hl7Problem internalError() {
        return Hl7Problem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, null, "Internal error; message not accepted");
    }

    private static String describe(ErrorLocation l) {
        return l.segment() + (l.field() > 0 ? "-" + l.field() : "");
    }
}
