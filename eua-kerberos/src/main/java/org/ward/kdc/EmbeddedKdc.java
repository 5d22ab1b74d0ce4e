package org.ward.kdc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.ward.kerberos.ServicePrincipal;

/**
 * Apache Kerby's {@link SimpleKdcServer} on 127.0.0.1, TCP only, with Ward's realm, the service
 * principal {@code HTTP/host@REALM}, its keytab and a krb5.conf in the data directory.
 *
 * <p>Principals live in Kerby's in-memory backend: they are gone when the KDC stops. The realm
 * and the service principal are recreated at every start (with a new key, so the keytab is
 * rewritten); user principals must be added again. Demos and tests only.
 */
public final class EmbeddedKdc implements AutoCloseable {

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

    private EmbeddedKdc(SimpleKdcServer server, String realm, int port, ServicePrincipal service,
                        Path keytab, Path krb5Conf) {
        this.server = server;
        this.realm = realm;
        this.port = port;
        this.service = service;
        this.keytab = keytab;
        this.krb5Conf = krb5Conf;
    }

    /**
     * Starts the KDC.
     *
     * @param directory      where {@code krb5.conf}, {@code http.keytab} and Kerby's files go (created, 0700)
     * @param realm          e.g. {@code WARD.TEST}
     * @param serviceHost    the host name clients use in URLs, e.g. {@code localhost}
     * @param port           the TCP port on 127.0.0.1, or 0 for an ephemeral one
     * @param maxTicketLife  the longest ticket the KDC issues
     */
    public static EmbeddedKdc start(Path directory, String realm, String serviceHost, int port,
                                    Duration maxTicketLife) throws IOException {
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
            return new EmbeddedKdc(server, realm, actualPort, service, keytab, krb5Conf);
        } catch (KrbException e) {
            throw new IOException("embedded KDC for " + realm + " on 127.0.0.1:" + actualPort + " did not start: "
                    + e.getMessage(), e);
        }
    }

    /** Creates {@code name@REALM} with a generated password, returned once and kept nowhere. */
    public char[] addUser(String principal) throws IOException {
        checkInRealm(principal);
        String password = randomPassword(random);
        try {
            server.createPrincipal(principal, password);
        } catch (KrbException e) {
            throw new IOException("cannot create " + principal + ": " + e.getMessage(), e);
        }
        return password.toCharArray();
    }

    /** Deletes a principal (a removed user can no longer get tickets). */
    public void removeUser(String principal) throws IOException {
        checkInRealm(principal);
        try {
            server.deletePrincipal(principal);
        } catch (KrbException e) {
            throw new IOException("cannot delete " + principal + ": " + e.getMessage(), e);
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
