package org.ward.kdc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.identity.backend.IdentityBackend;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.keytab.KeytabEntry;
import org.apache.kerby.kerberos.kerb.request.KrbIdentity;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.kerberos.ServicePrincipal;

/**
 * Apache Kerby's {@link SimpleKdcServer} on 127.0.0.1, TCP only, with Ward's realm, the service
 * principal {@code HTTP/host@REALM}, its keytab and a krb5.conf in the data directory.
 *
 * <p>Principals live in Kerby's in-memory backend. The realm and the service principal are
 * recreated at every start (with a new key, so the service keytab is rewritten). User principals
 * are kept in {@code users.keytab} in the same directory ({@link EmbeddedKdcUsers}): the KDC loads
 * it at start and a watcher thread re-reads it every second ({@link #syncUsers()}), so a user
 * added by {@code ward users add} in another process can sign in within a second, and keeps
 * their password across restarts. Demos and tests only.
 */
public final class EmbeddedKdc implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKdc.class);
    /** How often the watcher re-reads users.keytab. */
    static final Duration USERS_SYNC_INTERVAL = Duration.ofSeconds(1);
    /** "Never" as Kerby's own kadmin writes it (9999-12-31T23:59:59.9Z). */
    private static final long NEVER_EXPIRES = 253402300799900L;

    /** A user's password: 20 characters from a 57-letter alphabet without look-alikes (~116 bits). */
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 20;

    private final SimpleKdcServer server;
    private final String realm;
    private final int port;
    private final ServicePrincipal service;
    private final Path keytab;
    private final Path krb5Conf;
    private final SecureRandom random = new SecureRandom();
    private final EmbeddedKdcUsers users;
    private final ScheduledExecutorService watcher;
    /** The user principals this KDC loaded from users.keytab, with the keys it loaded (guarded by this). */
    private final Map<String, List<EncryptionKey>> loaded = new HashMap<>();
    /** SHA-256 of the users.keytab content last applied (or refused), so an unchanged file costs no work. */
    private byte[] lastDigest = new byte[0];

    private EmbeddedKdc(SimpleKdcServer server, String realm, int port, ServicePrincipal service,
                        Path keytab, Path krb5Conf, EmbeddedKdcUsers users) {
        this.server = server;
        this.realm = realm;
        this.port = port;
        this.service = service;
        this.keytab = keytab;
        this.krb5Conf = krb5Conf;
        this.users = users;
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ward-kdc-users " + realm);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the KDC, loads the user principals of {@code users.keytab} and starts the thread that
     * re-reads it every second.
     *
     * @param directory      where {@code krb5.conf}, {@code http.keytab}, {@code users.keytab} and
     *                       Kerby's files go (created, 0700)
     * @param realm          e.g. {@code WARD.TEST}
     * @param serviceHost    the host name clients use in URLs, e.g. {@code localhost}
     * @param port           the TCP port on 127.0.0.1, or 0 for an ephemeral one
     * @param maxTicketLife  the longest ticket the KDC issues
     */
    public static EmbeddedKdc start(Path directory, String realm, String serviceHost, int port,
                                    Duration maxTicketLife) throws IOException {
        return start(directory, realm, serviceHost, port, maxTicketLife, USERS_SYNC_INTERVAL);
    }

    /** As {@link #start(Path, String, String, int, Duration)}; {@code Duration.ZERO}: no watcher (tests sync by hand). */
    static EmbeddedKdc start(Path directory, String realm, String serviceHost, int port, Duration maxTicketLife,
                             Duration usersSyncInterval) throws IOException {
        Objects.requireNonNull(realm, "realm");
        ServicePrincipal service = ServicePrincipal.http(serviceHost, realm);
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        int actualPort = port != 0 ? port : freeLoopbackPort();
        try {
            SimpleKdcServer server = new SimpleKdcServer();
            server.setWorkDir(directory.toFile());
            server.setKdcRealm(realm);
            server.setKdcHost("127.0.0.1");
            server.setAllowUdp(false);
            server.setAllowTcp(true);
            server.setKdcTcpPort(actualPort);
            server.getKdcSetting().getKdcConfig().setLong(KdcConfigKey.MAXIMUM_TICKET_LIFETIME, maxTicketLife.toSeconds());
            // krbtgt, the service and the users (whose keys EmbeddedKdcUsers derives, maybe in
            // another process) all get keys of exactly these types. Kerby's default list has DES3,
            // which JDK 17 and later refuse.
            server.getKdcSetting().getKdcConfig().setString(KdcConfigKey.ENCRYPTION_TYPES,
                    EmbeddedKdcUsers.ENCRYPTION_TYPES.stream().map(EncryptionType::getName).collect(Collectors.joining(" ")));
            server.init();
            server.start();
            server.createPrincipal(service.toString(), randomPassword(new SecureRandom()));
            Path keytab = directory.resolve("http.keytab");
            Files.deleteIfExists(keytab);
            // ENVIRONMENT.md: exportPrincipal writes one principal; createAndExportPrincipals
            // would put krbtgt and every user into the service's keytab.
            server.exportPrincipal(service.toString(), keytab.toFile());
            Files.setPosixFilePermissions(keytab, PosixFilePermissions.fromString("rw-------"));
            Path krb5Conf = directory.resolve("krb5.conf");
            Files.writeString(krb5Conf, krb5Conf(realm, actualPort, serviceHost), StandardCharsets.UTF_8);
            EmbeddedKdc kdc = new EmbeddedKdc(server, realm, actualPort, service, keytab, krb5Conf,
                    new EmbeddedKdcUsers(directory, realm));
            try {
                kdc.syncUsers();
            } catch (IOException | RuntimeException e) {
                kdc.watcher.shutdownNow();
                server.stop();
                throw new IOException("embedded KDC for " + realm + ": cannot load its users: " + e.getMessage(), e);
            }
            if (!usersSyncInterval.isZero()) {
                kdc.watcher.scheduleWithFixedDelay(kdc::syncUsersQuietly, usersSyncInterval.toMillis(),
                        usersSyncInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
            return kdc;
        } catch (KrbException e) {
            throw new IOException("embedded KDC for " + realm + " on 127.0.0.1:" + actualPort + " did not start: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates {@code name@REALM} (or resets its password) in {@code users.keytab} and in this KDC at
     * once; the generated password is returned once and kept nowhere.
     */
    public char[] addUser(String principal) throws IOException {
        char[] password = users.add(principal);
        syncUsers();
        return password;
    }

    /** Deletes a user principal from {@code users.keytab} and from this KDC (no new tickets); false if absent. */
    public boolean removeUser(String principal) throws IOException {
        boolean removed = users.remove(principal);
        syncUsers();
        return removed;
    }

    /** The user principals' file of this KDC, to add and remove people while it runs. */
    public EmbeddedKdcUsers users() {
        return users;
    }

    /**
     * Makes the KDC's user principals those of {@code users.keytab}: adds new ones, replaces the
     * keys of changed ones, deletes removed ones. Only principals {@code name@REALM} of this realm
     * are read, so krbtgt, the service principal and any other principal with an instance are never
     * touched; a principal is deleted only if this KDC loaded it from the file. The watcher calls
     * this every second; call it to apply a change at once.
     *
     * @throws IOException if the file cannot be read or is not a keytab (the KDC keeps the users it had)
     */
    public synchronized UsersSync syncUsers() throws IOException {
        byte[] bytes = users.readLocked();
        byte[] digest = sha256(bytes);
        if (Arrays.equals(digest, lastDigest)) {
            return UsersSync.NONE;
        }
        // Remember the content before parsing: a broken file is reported once, not every second.
        lastDigest = digest;
        Map<String, List<EncryptionKey>> wanted = new HashMap<>();
        Keytab file = users.parse(bytes);
        for (PrincipalName name : file.getPrincipals()) {
            String principal = name.getName();
            if (!users.isUserOfRealm(principal)) {
                LOG.warn("{}: ignoring {}: not a user principal of {}", users.file(), principal, realm);
                continue;
            }
            List<KeytabEntry> entries = file.getKeytabEntries(name);
            int kvno = entries.stream().mapToInt(KeytabEntry::getKvno).max().orElseThrow();
            wanted.put(principal, entries.stream().filter(e -> e.getKvno() == kvno).map(KeytabEntry::getKey).toList());
        }
        IdentityBackend backend = server.getIdentityService();
        Set<String> added = new TreeSet<>();
        Set<String> updated = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        try {
            for (Map.Entry<String, List<EncryptionKey>> w : wanted.entrySet()) {
                List<EncryptionKey> had = loaded.get(w.getKey());
                if (had == null) {
                    if (backend.getIdentity(w.getKey()) == null) {
                        backend.addIdentity(identity(w.getKey(), w.getValue()));
                    } else {
                        backend.updateIdentity(identity(w.getKey(), w.getValue()));
                    }
                    added.add(w.getKey());
                } else if (!sameKeys(had, w.getValue())) {
                    backend.updateIdentity(identity(w.getKey(), w.getValue()));
                    updated.add(w.getKey());
                }
                loaded.put(w.getKey(), w.getValue());
            }
            for (String principal : Set.copyOf(loaded.keySet())) {
                if (!wanted.containsKey(principal)) {
                    backend.deleteIdentity(principal);
                    loaded.remove(principal);
                    removed.add(principal);
                }
            }
        } catch (KrbException e) {
            lastDigest = new byte[0]; // try again at the next sync
            throw new IOException("embedded KDC: cannot apply " + users.file() + ": " + e.getMessage(), e);
        }
        UsersSync sync = new UsersSync(added, updated, removed);
        if (!sync.isEmpty()) {
            LOG.info("embedded KDC {}: user principals from {}: {}", realm, users.file().getFileName(), sync);
        }
        return sync;
    }

    /**
     * What one {@link #syncUsers()} changed in the KDC.
     *
     * @param added   principals the KDC did not have
     * @param updated principals whose keys changed (a password reset)
     * @param removed principals no longer in the file
     */
    public record UsersSync(Set<String> added, Set<String> updated, Set<String> removed) {

        static final UsersSync NONE = new UsersSync(Set.of(), Set.of(), Set.of());

        public UsersSync {
            added = Set.copyOf(added);
            updated = Set.copyOf(updated);
            removed = Set.copyOf(removed);
        }

        public boolean isEmpty() {
            return added.isEmpty() && updated.isEmpty() && removed.isEmpty();
        }
    }

    /** Creates another principal and writes it alone to {@code keytab} (tests: a second service). */
    public void addServiceWithKeytab(String principal, Path keytabFile) throws IOException {
        checkInRealm(principal);
        try {
            server.createPrincipal(principal, randomPassword(random));
            Files.deleteIfExists(keytabFile);
            server.exportPrincipal(principal, keytabFile.toFile());
        } catch (KrbException e) {
            throw new IOException("cannot create " + principal + ": " + e.getMessage(), e);
        }
    }

    public String realm() {
        return realm;
    }

    public int port() {
        return port;
    }

    public ServicePrincipal servicePrincipal() {
        return service;
    }

    /** The service's keytab: {@code HTTP/host@REALM} and nothing else. */
    public Path keytab() {
        return keytab;
    }

    /** A krb5.conf naming this KDC, for {@link org.ward.kerberos.Krb5Conf#use} and for MIT clients. */
    public Path krb5Conf() {
        return krb5Conf;
    }

    @Override
    public void close() throws IOException {
        watcher.shutdownNow();
        try {
            watcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.stop();
        } catch (KrbException e) {
            throw new IOException("embedded KDC did not stop: " + e.getMessage(), e);
        }
    }

    private void checkInRealm(String principal) {
        if (!principal.endsWith("@" + realm) || principal.length() == realm.length() + 1) {
            throw new IllegalArgumentException(principal + " is not a principal of " + realm);
        }
    }

    /** The watcher's sync: a failure is logged and the KDC keeps serving the users it had. */
    private void syncUsersQuietly() {
        try {
            syncUsers();
        } catch (IOException | RuntimeException e) {
            LOG.warn("embedded KDC {}: user principals not updated: {}", realm, e.getMessage());
        }
    }

    private static KrbIdentity identity(String principal, List<EncryptionKey> keys) {
        KrbIdentity identity = new KrbIdentity(principal);
        identity.setCreatedTime(KerberosTime.now());
        identity.setExpireTime(new KerberosTime(NEVER_EXPIRES));
        identity.setKeyVersion(keys.get(0).getKvno());
        identity.setDisabled(false);
        identity.setLocked(false);
        identity.addKeys(keys);
        return identity;
    }

    private static boolean sameKeys(List<EncryptionKey> a, List<EncryptionKey> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Map<Integer, EncryptionKey> byType = new HashMap<>();
        for (EncryptionKey k : a) {
            byType.put(k.getKeyType().getValue(), k);
        }
        for (EncryptionKey k : b) {
            EncryptionKey other = byType.get(k.getKeyType().getValue());
            if (other == null || other.getKvno() != k.getKvno() || !Arrays.equals(other.getKeyData(), k.getKeyData())) {
                return false;
            }
        }
        return true;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String randomPassword(SecureRandom random) {
        StringBuilder s = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            s.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return s.toString();
    }

    static String krb5Conf(String realm, int port, String serviceHost) {
        // TCP only (udp_preference_limit = 1): the KDC listens on TCP. The KDC is named by
        // address, not "localhost", which may resolve to ::1 where nothing listens.
        return """
                # Written by Ward for its embedded demo KDC; rewritten at every start.
                [libdefaults]
                    default_realm = %1$s
                    udp_preference_limit = 1
                    dns_lookup_kdc = false
                    dns_lookup_realm = false
                    rdns = false
                    dns_canonicalize_hostname = false

                [realms]
                    %1$s = {
                        kdc = 127.0.0.1:%2$d
                    }

                [domain_realm]
                    %3$s = %1$s
                """.formatted(realm, port, serviceHost);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
