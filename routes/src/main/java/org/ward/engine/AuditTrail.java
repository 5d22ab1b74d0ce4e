package org.ward.engine;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.audit.AuditContext;
import org.ward.audit.AuditSink;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.codes.EventTypeCode;
import org.ward.audit.event.ApplicationActivityBuilder;
import org.ward.audit.event.Hl7Application;
import org.ward.audit.event.ExportBuilder;
import org.ward.audit.event.ImportBuilder;
import org.ward.delivery.DeliveryEvent;
import org.ward.store.JournalEntry;
import org.ward.store.StoredMessage;
import org.ward.audit.event.SecurityAlertBuilder;
import org.ward.audit.event.SecurityConfigurationBuilder;
import org.ward.audit.event.SecurityRolesChangedBuilder;
import org.ward.audit.codes.ParticipantObjectIdType;
import org.ward.policy.Decision;
import org.ward.policy.PolicyChange;
import java.util.Set;
import org.ward.pki.PkiChange;
import org.ward.pki.PkiEventListener;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.hl7.MessageHeader;
import org.ward.profile.Assessment;
import org.ward.profile.ClaimedDevice;
import org.ward.profile.PcdTransaction;
import org.ward.tls.NodeAuthenticationListener;
import org.ward.tls.PeerIdentity;

/**
 * What the engine tells the audit trail, in the engine's own words, turned into DICOM audit
 * records (ITI-20) for the sink. Building a record never fails the clinical exchange: a record
 * that cannot be built is a bug, logged at ERROR with its stack trace.
 */
final class AuditTrail implements NodeAuthenticationListener, PkiEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditSink sink;
    private final AuditContext context;
    private final Clock clock;

    AuditTrail(AuditSink sink, AuditContext context, Clock clock) {
        this.sink = sink;
        this.context = context;
        this.clock = clock;
    }

    void applicationStarted() {
        emit(() -> ApplicationActivityBuilder.start(context, clock).launchedBy(osUser(), "ward run").build());
    }

    /** Whether a message must be refused now because its records could not be kept (on-audit-failure: refuse). */
    boolean refusesExchanges() {
        return sink.refusesExchanges();
    }

    void applicationStopped() {
        emit(() -> ApplicationActivityBuilder.stop(context, clock).launchedBy(osUser(), "ward run").build());
    }

    /**
     * Import (110107) for a message Ward took or refused, one record per patient (ITI-20): success
     * for AA/CA, minor failure (4) for content errors, serious failure (8) for refusals.
     *
     * @param patients the message's patient ids (PID-3), as the listener read them once for the journal too
     * @param changes  what the send policy removed
     */
    void received(Assessment assessment, List<String> patients, PeerIdentity peer, SocketAddress remote,
                  List<PolicyChange> changes) {
        if (assessment.header().isEmpty() || assessment.text().isEmpty() || assessment.transaction().isEmpty()) {
            return; // not an identifiable PCD message: its refusal is in the log; nothing about a patient to audit
        }
        MessageHeader msh = assessment.header().get();
        PcdTransaction transaction = assessment.transaction().get();
        EventOutcome outcome = switch (assessment.verdict().outcome()) {
            case ACCEPTED -> EventOutcome.SUCCESS;
            case ERROR -> EventOutcome.MINOR_FAILURE;
            case REJECTED -> EventOutcome.SERIOUS_FAILURE;
        };
        if (patients.isEmpty()) {
            LOG.warn("message control-id={} names no patient (PID-3); no Import record can be written for it",
                    msh.controlId());
        }
        for (String patient : patients) {
            emit(() -> ImportBuilder.of(context, clock, CodedValue.iheTransaction(transaction.id(), transaction.title()))
                    .source(Hl7Application.of(msh.field(3), msh.field(4)), address(remote))
                    .destination(Hl7Application.of(or(msh.field(5), WardEngine.OWN_APPLICATION), msh.field(6)))
                    .authenticatedPeer(peer.subject(), peer.deviceEui64().orElse(null), address(remote))
                    .patient(patient)
                    .messageControlId(msh.controlId())
                    .policyChanges(changes.stream().map(PolicyChange::toString).toList())
                    .outcome(outcome)
                    .build());
        }
    }

    /**
     * Export (110106) of a message to a destination, one record per patient: outcome 0 when the
     * destination acknowledged it, 8 when it refused it for good (dead letter).
     */
    void exported(DeliveryEvent event, StoredMessage stored, boolean delivered) {
        exported(event, stored, delivered, List.of());
    }

    /** As {@link #exported(DeliveryEvent, StoredMessage, boolean)}, listing what the destination's view removed. */
    void exported(DeliveryEvent event, StoredMessage stored, boolean delivered, List<PolicyChange> changes) {
        Optional<MessageHeader> msh = MessageHeader.read(stored.text());
        exported(List.of(new Export(event, stored.entry(), msh.map(h -> h.field(3)).orElse(""),
                msh.map(h -> h.field(4)).orElse(""), delivered, changes)));
    }

    /**
     * What one Export record needs to know about a message sent to a destination.
     *
     * @param sendingApplication MSH-3 of the message as journalled
     * @param sendingFacility    MSH-4 of the message as journalled
     * @param changes            what the destination's view removed
     */
    record Export(DeliveryEvent event, JournalEntry entry, String sendingApplication, String sendingFacility,
                  boolean delivered, List<PolicyChange> changes) {
    }

    /**
     * The Export records of several messages, handed to the sink together, so that a spooling sink
     * makes them durable with one wait for the disk.
     */
    void exported(List<Export> exports) {
        List<org.ward.audit.model.AuditMessage> records = new java.util.ArrayList<>();
        for (Export export : exports) {
            for (String patient : export.entry().patientIds()) {
                try {
                    records.add(exportRecord(export, patient));
                } catch (RuntimeException e) {
                    LOG.error("audit record could not be written", e);
                }
            }
        }
        try {
            sink.emitAll(records);
        } catch (RuntimeException e) {
            LOG.error("audit record could not be written", e);
        }
    }

    private org.ward.audit.model.AuditMessage exportRecord(Export export, String patient) {
        DeliveryEvent event = export.event();
        String transaction = export.entry().transaction();
        Optional<PcdTransaction> pcd = transaction == null ? Optional.empty() : PcdTransaction.ofId(transaction);
        CodedValue type = pcd.map(t -> CodedValue.iheTransaction(t.id(), t.title()))
                .orElseGet(() -> CodedValue.iheTransaction(export.entry().messageType(), "HL7 v2 message"));
        return ExportBuilder.of(context, clock, type)
                .source(Hl7Application.of(export.sendingApplication(), export.sendingFacility()))
                .destination(Hl7Application.of(event.destination(), ""), NetworkAccessPoint.machineName(event.destination()))
                .patient(patient)
                .messageControlId(event.controlId())
                .policyChanges(export.changes().stream().map(PolicyChange::toString).toList())
                .outcome(export.delivered() ? EventOutcome.SUCCESS : EventOutcome.SERIOUS_FAILURE,
                        export.delivered() ? "delivered to " + event.destination() : "dead-lettered: " + event.reason())
                .build();
    }

    /**
     * Security Alert 110113 / 110147 Access Control Decision: the policy refused a node's message.
     * Names the roles, the deciding rule and MSH-10; no message content.
     */
    void sendRefused(PeerIdentity peer, Set<String> roles, Decision decision, String listener, String messageType,
                     String controlId, SocketAddress remote) {
        emit(() -> SecurityAlertBuilder.accessControlDecision(context, clock)
                .peer(address(remote), true)
                .presentedCertificate(peer.subject(), peer.serialHex())
                .alertSubject("mllp:" + listener + "/" + messageType, ParticipantObjectIdType.URI,
                        "send " + messageType + " control-id " + controlId + " refused: " + reason(roles, decision))
                .outcome(EventOutcome.MINOR_FAILURE, "access refused by policy")
                .build());
    }

    /** Security Alert 110113 / 110147: a destination's roles may not receive a queued message any more. */
    void receiveRefused(String destination, Set<String> roles, Decision decision, String messageType, String controlId) {
        emit(() -> SecurityAlertBuilder.accessControlDecision(context, clock)
                .peer(NetworkAccessPoint.machineName(destination), false)
                .alertSubject("destination:" + destination + "/" + messageType, ParticipantObjectIdType.URI,
                        "receive " + messageType + " control-id " + controlId + " refused: " + reason(roles, decision))
                .outcome(EventOutcome.MINOR_FAILURE, "access refused by policy")
                .build());
    }

    /** Security Alert 110113 / 110136 Security Roles Changed: a policy file was loaded, or refused. */
    void policyChanged(String location, String change, boolean applied) {
        emit(() -> SecurityRolesChangedBuilder.of(context, clock)
                .changedByProcess("ward policy reload", osUser())
                .policy(location, change)
                .outcome(applied ? EventOutcome.SUCCESS : EventOutcome.MINOR_FAILURE, applied ? "policy in force"
                        : "new policy refused; previous policy stays in force")
                .build());
    }

    private static String reason(Set<String> roles, Decision decision) {
        return "roles " + (roles.isEmpty() ? "(none)" : String.join(",", new java.util.TreeSet<>(roles))) + ", "
                + decision.rule().map(r -> "rule " + r.source()).orElse("no rule allows it (default deny)");
    }

    void deviceIdentityMismatch(PeerIdentity peer, ClaimedDevice claim, SocketAddress remote) {
        emit(() -> SecurityAlertBuilder.deviceIdentityMismatch(context, clock, peer.subject(),
                        peer.deviceEui64().orElse(null), claim.eui64())
                .peer(address(remote), true)
                .presentedCertificate(peer.subject(), peer.serialHex())
                .build());
    }

    /** Security Alert 110113 / 110126 Node Authentication for a refused handshake or a closed connection. */
    @Override
    public void refused(SocketAddress remote, Optional<X509Certificate> certificate, String reason, boolean wasEstablished) {
        emit(() -> {
            SecurityAlertBuilder alert = SecurityAlertBuilder.nodeAuthentication(context, clock)
                    .peer(address(remote), !wasEstablished)
                    .outcome(wasEstablished ? EventOutcome.SERIOUS_FAILURE : EventOutcome.MINOR_FAILURE, reason);
            certificate.ifPresent(c -> alert.presentedCertificate(PeerIdentity.of(c).subject(),
                    c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT)));
            return alert.build();
        });
    }

    /** Security Alert (110133 Audit Recording Stopped is the nearest CID 401 term) when the spool nears its cap. */
    void spoolNearlyFull(long used, long cap) {
        emit(() -> SecurityAlertBuilder.alert(context, clock, EventTypeCode.AUDIT_RECORDING_STOPPED)
                .outcome(EventOutcome.MINOR_FAILURE, "audit spool at " + (used * 100 / cap)
                        + " % of its cap; recording stops when it is full")
                .build());
    }

    /** Security Alert 110113 / 110129 Security Configuration for every change of the facility PKI. */
    @Override
    public void pkiChanged(PkiChange change) {
        emit(() -> {
            SecurityConfigurationBuilder record = SecurityConfigurationBuilder.of(context, clock)
                    .changedByProcess("ward " + change.operation().name().toLowerCase(java.util.Locale.ROOT), change.actor())
                    .outcome(change.outcome() == PkiChange.Outcome.SUCCESS ? EventOutcome.SUCCESS : EventOutcome.MINOR_FAILURE,
                            change.detail());
            if (change.serialHex().isPresent()) {
                record.certificate(change.subject().orElse("(unknown subject)"), change.serialHex().get(),
                        change.operation().name().toLowerCase(java.util.Locale.ROOT)
                                + change.reason().map(r -> ": " + r.asn1Name()).orElse(""));
            } else {
                record.configuration("facility PKI", change.operation().name().toLowerCase(java.util.Locale.ROOT)
                        + change.crlNumber().map(n -> " (CRL number " + n + ")").orElse(""));
            }
            return record.build();
        });
    }

    private void emit(java.util.function.Supplier<org.ward.audit.model.AuditMessage> record) {
        try {
            sink.emit(record.get());
        } catch (RuntimeException e) {
            LOG.error("audit record could not be written", e);
        }
    }

    private static NetworkAccessPoint address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return NetworkAccessPoint.ipAddress(inet.getAddress());
        }
        return NetworkAccessPoint.machineName(String.valueOf(remote));
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    private static String osUser() {
        return System.getProperty("user.name", "unknown");
    }

    /** Audit Log Used (110101) by the retention task: records moved to a signed archive and removed. */
    void auditRecordsArchived(String archiveUri, String description) {
        emit(() -> org.ward.audit.event.AuditLogUsedBuilder.of(context, clock)
                .accessingProcess("ward audit retention", System.getProperty("user.name", "unknown"))
                .auditLog(archiveUri)
                .outcome(org.ward.audit.codes.EventOutcome.SUCCESS, description)
                .build());
    }
}
