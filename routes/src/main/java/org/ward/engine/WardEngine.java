package org.ward.engine;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.component.netty.NettyComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.ack.AckFactory;
import org.ward.audit.AuditContext;
import org.ward.audit.AuditPipeline;
import org.ward.audit.AuditSink;
import org.ward.audit.repository.AuditRepository;
import org.ward.audit.repository.AuditRetention;
import org.ward.audit.repository.RetentionResult;
import org.ward.config.AuditRepositorySettings;
import org.ward.config.AuditConfig;
import org.ward.ack.ControlIdGenerator;
import org.ward.camel.WardComponent;
import org.ward.camel.YamlRoutes;
import org.ward.config.DestinationSettings;
import org.ward.config.ListenerConfig;
import org.ward.config.WardConfig;
import org.ward.hl7.Hl7Reader;
import org.ward.http.ApiStatus;
import org.ward.http.HttpApi;
import org.ward.mllp.IdleTimeoutHandler;
import org.ward.mllp.MllpFrameDecoder;
import org.ward.mllp.MllpFrameEncoder;
import org.ward.pki.DevelopmentPki;
import org.ward.profile.MessageAssessor;
import org.ward.profile.TransactionRegistry;
import org.ward.store.MessageJournal;
import org.ward.validation.PcdValidator;
import org.ward.pki.DevelopmentPkiFiles;
import org.ward.tls.LiveConnections;
import org.ward.tls.PeerIdentityHandler;

/**
 * A running Ward: the Camel context with one route per configured listener and the operator's
 * routes of {@code camel-routes}, fed by the {@code camel} destinations through {@code ward:}. Start with
 * {@link #start(WardConfig)}; {@link #close()} stops accepting, lets in-flight messages finish
 * (up to {@link #SHUTDOWN_TIMEOUT}) and releases every port.
 */
public final class WardEngine implements AutoCloseable {

    /** How long in-flight messages may take to finish at shutdown. */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /** How often fully delivered messages past {@code journal.retention} are pruned. */
    static final Duration RETENTION_CHECK = Duration.ofHours(1);
    /** The first retention run of the audit repository, after start; then daily. */
    static final Duration RETENTION_FIRST_RUN = Duration.ofMinutes(1);
    /** How often policy.yaml is looked at for changes. */
    static final Duration POLICY_WATCH = Duration.ofSeconds(1);

    /** How often audit records of {@code ward} commands are moved into the engine's spool. */
    static final Duration COMMAND_AUDIT_POLL = Duration.ofSeconds(5);

    /** MSH-3 of Ward's ACKs when the sender left MSH-5 empty. */
    public static final String OWN_APPLICATION = "WARD";

    /**
     * Threads that run the inbound step, each connection always on the same one (so its messages stay
     * in order). camel-netty's default is 2 x cores + 1, 5 on two cores; the inbound step waits for
     * the journal commit and the audit spool's fsync, so connections sharing a thread wait for each
     * other's commits: 16 devices had at most 5 messages in flight (5 per group commit), and an
     * alarm queued behind other devices' messages. 64 keeps up to 64 connections apart.
     */
    static final int CONSUMER_THREADS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(WardEngine.class);

    private final CamelContext camel;
    private final List<ListeningAddress> addresses;
    private final Optional<DevelopmentPkiFiles> developmentPki;
    private final Map<String, ListenerStats> stats;
    private final Housekeeping housekeeping;
    private final AuditTrail trail;
    private final MessageJournal journal;
    private final Deliveries deliveries;
    private final LivePolicy policy;
    private Optional<AuditPipeline> pipeline = Optional.empty();
    private Optional<AuditRepository> ownRepository = Optional.empty();
    private Optional<HttpApi> httpApi = Optional.empty();

    private WardEngine(CamelContext camel, List<ListeningAddress> addresses, Optional<DevelopmentPkiFiles> developmentPki,
                       Map<String, ListenerStats> stats, Housekeeping housekeeping, AuditTrail trail,
                       MessageJournal journal, Deliveries deliveries, LivePolicy policy) {
        this.policy = policy;
        this.trail = trail;
        this.journal = journal;
        this.deliveries = deliveries;
        this.camel = camel;
        this.addresses = List.copyOf(addresses);
        this.developmentPki = developmentPki;
        this.stats = Map.copyOf(stats);
        this.housekeeping = housekeeping;
    }

    /**
     * Starts the engine with the audit pipeline its configuration describes (spool, repository).
     * The HL7 message checks need nothing from the audit side, so they are built on a second thread
     * while the audit spool opens; the listeners open once they are ready. Ward's own audit
     * repository and the sender to the repository start after the listeners: what is audited
     * meanwhile waits in the spool, as it does whenever the repository is out of reach.
     */
    public static WardEngine start(WardConfig config) throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ward-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return start(config, background.submit(() -> InboundChecks.build(config)));
        } finally {
            background.shutdown();
        }
    }

    private static WardEngine start(WardConfig config, Future<InboundChecks> checks) throws Exception {
        AuditContext context = AuditWiring.context(config.audit());
        AuditTrail[] trail = new AuditTrail[1];
        AuditPipeline pipeline = openPipeline(config, trail);
        WardEngine engine;
        try {
            engine = start(config, pipeline.sink(), context, checks);
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
        // From here the engine owns the pipeline and the repository: close() releases them.
        trail[0] = engine.trail;
        engine.pipeline = Optional.of(pipeline);
        try {
            Optional<OwnAuditRepository.Started> own = OwnAuditRepository.start(config, engine.trail);
            engine.ownRepository = own.map(OwnAuditRepository.Started::repository);
            AuditConfig audit = own.map(OwnAuditRepository.Started::audit).orElse(config.audit());
            AuditWiring.repository(audit).ifPresentOrElse(pipeline::forwardTo, () -> LOG.warn(
                    "no audit repository configured (audit.repository): audit records are kept in {} ({} waiting)",
                    audit.spoolDirectory(), pipeline.spool().pending()));
            if (config.api().isPresent()) {
                engine.httpApi = Optional.of(HttpApi.start(config.api().get(), config.eua().orElseThrow(),
                        config.dataDir(), config.policy().roles(), engine.ownRepository.map(AuditRepository::store),
                        new HttpApi.Engine(config, engine.journal, engine.policy::current, engine::apiStatus),
                        pipeline.sink(), context));
            }
        } catch (Exception e) {
            engine.close();
            throw e;
        }
        config.auditRepository().flatMap(AuditRepositorySettings::retention).ifPresent(retention ->
                engine.housekeeping.every(RETENTION_FIRST_RUN, Duration.ofDays(1), "audit repository retention",
                        () -> engine.applyAuditRetention(config.auditRepository().get(), config, retention)));
        engine.housekeeping.every(COMMAND_AUDIT_POLL, "moving ward command audit records",
                pipeline::importCommandRecords);
        return engine;
    }

    private static AuditPipeline openPipeline(WardConfig config, AuditTrail[] trail) throws IOException {
        return AuditWiring.openSpool(config.audit(), (used, cap) -> {
            LOG.warn("audit spool {} is {} % full ({} of {} bytes): is the audit repository reachable?",
                    config.audit().spoolDirectory(), used * 100 / cap, used, cap);
            if (trail[0] != null) {
                // Called on the spool's writer thread, which must not wait on its own append: hand it over.
                java.util.concurrent.CompletableFuture.runAsync(() -> trail[0].spoolNearlyFull(used, cap));
            }
        });
    }

    /**
     * Starts the engine with audit records going to {@code audit}.
     *
     * @param auditContext who this node is in its audit records
     */
    public static WardEngine start(WardConfig config, AuditSink audit, AuditContext auditContext) throws Exception {
        FutureTask<InboundChecks> checks = new FutureTask<>(() -> InboundChecks.build(config));
        checks.run();
        return start(config, audit, auditContext, checks);
    }

    /**
     * The HL7 side of the inbound step: parser, ACK builder and PCD profile checks (HAPI and the
     * Gazelle profiles: class loading and XML, a tenth of start-up).
     */
    private record InboundChecks(AckFactory acks, MessageAssessor assessor) {

        static InboundChecks build(WardConfig config) {
            Hl7Reader reader = new Hl7Reader();
            AckFactory acks = new AckFactory(reader.context().getPipeParser(), new ControlIdGenerator(),
                    Clock.systemUTC(), OWN_APPLICATION);
            return new InboundChecks(acks, new MessageAssessor(reader, new TransactionRegistry(config.pcdProfiles()),
                    new PcdValidator(reader.structures())::validate));
        }

        /** The checks, once built; a failure to build them is thrown as it was thrown. */
        static InboundChecks await(Future<InboundChecks> building) throws Exception {
            try {
                return building.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }

    private static WardEngine start(WardConfig config, AuditSink audit, AuditContext auditContext,
                                    Future<InboundChecks> inboundChecks) throws Exception {
        AuditTrail trail = new AuditTrail(audit, auditContext, Clock.systemUTC());
        Optional<DevelopmentPkiFiles> pki = Optional.empty();
        if (config.developmentPki()) {
            pki = Optional.of(DevelopmentPki.ensure(config.developmentPkiDir(), Clock.systemUTC(),
                    new java.security.SecureRandom(), trail));
            DevelopmentPki.refreshCrl(config.developmentPkiDir(), trail);
        }
        InboundChecks checks = InboundChecks.await(inboundChecks);
        AckFactory acks = checks.acks();
        MessageAssessor assessor = checks.assessor();

        MessageJournal journal = JournalWiring.open(config.journal(), config.dataDir());
        RouteResolver routes = new RouteResolver(config.routes(), config.destinations());
        Set<String> destinationNames = new java.util.LinkedHashSet<>();
        config.destinations().forEach(d -> destinationNames.add(d.name()));
        LivePolicy policy = new LivePolicy(config.policy(), destinationNames, trail);
        WardComponent wardEndpoints = new WardComponent(config.destinations().stream()
                .filter(d -> d instanceof DestinationSettings.Camel).map(DestinationSettings::name)
                .collect(Collectors.toSet()));
        Deliveries deliveries;
        try {
            deliveries = new Deliveries(config.destinations(), journal, trail, wardEndpoints, policy);
        } catch (Exception e) {
            journal.close();
            throw e;
        }
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("ward");
        camel.getShutdownStrategy().setTimeout(SHUTDOWN_TIMEOUT.toSeconds());
        camel.getShutdownStrategy().setSuppressLoggingOnTimeout(false);
        Registry registry = camel.getRegistry();
        registry.bind("mllpEncoder", new MllpFrameEncoder());
        NettyComponent netty = new NettyComponent();
        netty.setMaximumPoolSize(CONSUMER_THREADS);
        camel.addComponent("netty", netty);
        camel.addComponent(WardComponent.SCHEME, wardEndpoints);
        // For the operator's routes: file:{{ward.data-dir}}/alarms rather than a path that depends on the cwd.
        camel.getPropertiesComponent().addInitialProperty("ward.home", config.home().toString());
        camel.getPropertiesComponent().addInitialProperty("ward.data-dir", config.dataDir().toString());

        List<ListeningAddress> addresses = new ArrayList<>();
        Map<String, ListenerStats> stats = new HashMap<>();
        Housekeeping housekeeping = new Housekeeping();
        try {
            for (ListenerConfig listener : config.listeners()) {
                int port = PortReservation.resolve(listener.bind(), listener.port());
                LiveConnections live = ClientAuthentication.forListener(listener, Clock.systemUTC(),
                        trail);
                housekeeping.watch(listener, live);
                registry.bind(MllpListenerRoute.beanName("tls", listener),
                        CamelTlsParameters.forServer(listener.tls(), live.verifier()));
                registry.bind(MllpListenerRoute.beanName("peerIdentity", listener),
                        new PerChannelHandler(() -> new PeerIdentityHandler(live)));
                registry.bind(MllpListenerRoute.beanName("idle", listener),
                        new PerChannelHandler(() -> new IdleTimeoutHandler(listener.idleTimeout())));
                registry.bind(MllpListenerRoute.beanName("mllpDecoder", listener),
                        new PerChannelHandler(() -> new MllpFrameDecoder(listener.maxFrameBytes())));
                ListenerStats listenerStats = new ListenerStats();
                stats.put(listener.name(), listenerStats);
                camel.addRoutes(new MllpListenerRoute(listener, port,
                        new MllpInboundProcessor(listener, assessor, acks, listenerStats, trail, journal, routes,
                                deliveries::wake, policy)));
                addresses.add(new ListeningAddress(listener.name(), "mllp+tls", listener.bind(), port));
            }
            YamlRoutes.load(camel, config.camelRoutes());
            camel.start();
            YamlRoutes.checkEveryDestinationConsumed(wardEndpoints);
            deliveries.start();
            config.journal().retention().ifPresent(retention -> housekeeping.every(RETENTION_CHECK, "journal retention",
                    () -> {
                        long pruned = journal.purgeDeliveredBefore(Instant.now().minus(retention));
                        if (pruned > 0) {
                            LOG.info("journal retention: pruned {} fully delivered message(s) older than {}", pruned,
                                    retention);
                        }
                    }));
            if (config.developmentPki()) {
                // Ward is the development CA: keep its CRL current so revocation: require keeps working.
                housekeeping.every(Duration.ofHours(1), "development CRL refresh",
                        () -> DevelopmentPki.refreshCrl(config.developmentPkiDir(), trail));
            }
            housekeeping.every(POLICY_WATCH, "access policy reload", policy::reloadIfChanged);
            housekeeping.start();
            trail.applicationStarted();
        } catch (Exception e) {
            housekeeping.close();
            camel.close();
            deliveries.close();
            journal.close();
            throw e;
        }
        for (ListeningAddress address : addresses) {
            LOG.info("listener '{}' listening on {} ({})", address.listener(), address.hostAndPort(), address.protocol());
        }
        return new WardEngine(camel, addresses, pki, stats, housekeeping, trail, journal, deliveries, policy);
    }

    private void applyAuditRetention(AuditRepositorySettings settings, WardConfig config,
                                     AuditRepositorySettings.Retention retention) throws Exception {
        RetentionResult result = AuditRetention.apply(settings.storeConfig(config.dataDir()),
                retention.keep().cutoff(Instant.now()), retention.archiveDir());
        if (result.archive().isPresent()) {
            LOG.info("audit repository retention: {}", result.describe());
            trail.auditRecordsArchived(result.archive().get().toUri().toString(), result.describe());
        }
    }

    private ApiStatus apiStatus() {
        Map<String, long[]> listeners = new java.util.TreeMap<>();
        stats.forEach((name, s) -> listeners.put(name, new long[] {s.receivedCount(), s.acceptedCount(),
                s.refusedCount()}));
        return new ApiStatus(listeners, journal.deliveryQueue().counts(), journal.count());
    }

    /** The HTTPS API, when {@code api:} is configured. */
    public Optional<HttpApi> httpApi() {
        return httpApi;
    }

    /** Ward's own audit repository, when {@code audit-repository:} is configured. */
    public Optional<AuditRepository> auditRepository() {
        return ownRepository;
    }

    public List<ListeningAddress> addresses() {
        return addresses;
    }

    /** The development PKI's files when {@code development-pki: true}. */
    public Optional<DevelopmentPkiFiles> developmentPki() {
        return developmentPki;
    }

    private void closeJournal() {
        try {
            journal.close();
        } catch (Exception e) {
            LOG.error("journal did not close cleanly; committed messages are safe, it is checked at the next start", e);
        }
    }

    /** The journal accepted messages are committed to. */
    public MessageJournal journal() {
        return journal;
    }

    /** Message counts of the named listener. */
    public ListenerStats stats(String listener) {
        ListenerStats s = stats.get(listener);
        if (s == null) {
            throw new IllegalArgumentException("no listener named " + listener);
        }
        return s;
    }

    @Override
    public void close() {
        LOG.info("stopping: no new connections; finishing in-flight messages (up to {} s)", SHUTDOWN_TIMEOUT.toSeconds());
        httpApi.ifPresent(HttpApi::close);
        // Deliveries first: a camel destination's worker may be inside an operator's route, which must
        // still be running for it to finish. What arrives meanwhile is journalled and delivered next start.
        deliveries.close();
        camel.stop();
        housekeeping.close();
        closeJournal();
        trail.applicationStopped();
        if (pipeline.isPresent()) {
            try {
                pipeline.get().close();
            } catch (java.io.IOException e) {
                LOG.error("audit spool did not close cleanly; it is checked and repaired at the next start", e);
            }
        }
        ownRepository.ifPresent(AuditRepository::close);
        LOG.info("stopped");
    }
}
