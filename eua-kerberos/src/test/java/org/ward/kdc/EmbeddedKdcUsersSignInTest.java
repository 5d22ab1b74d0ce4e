package org.ward.kdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.security.auth.login.LoginException;
import org.apache.kerby.kerberos.kerb.common.EncryptionUtil;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.keytab.KeytabEntry;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.kerberos.GssClient;
import org.ward.kerberos.Krb5Conf;
import org.ward.kerberos.SpnegoAcceptor;
import org.ward.kerberos.SpnegoOutcome;

/**
 * users.keytab against a real Kerby KDC and the JDK's Kerberos client. One KDC port for the whole
 * class: the JDK reads krb5.conf once per JVM, so a restarted KDC comes back on the same port.
 */
class EmbeddedKdcUsersSignInTest {

    private static final String REALM = "USERS.TEST";

    @TempDir
    static Path dir;
    static Path kdcDir;
    static EmbeddedKdc kdc;
    static SpnegoAcceptor acceptor;

    @BeforeAll
    static void start() throws Exception {
        kdcDir = dir.resolve("kdc");
        kdc = EmbeddedKdc.start(kdcDir, REALM, "localhost", 0, Duration.ofMinutes(10), Duration.ZERO);
        watching = false;
        Krb5Conf.use(kdc.krb5Conf());
        acceptor = SpnegoAcceptor.login(kdc.servicePrincipal(), kdc.keytab());
    }

    /** Tests that count what a sync changed run without the watcher, which could sync first. */
    static boolean watching;

    @BeforeEach
    void withoutWatcher() throws Exception {
        if (watching) {
            restart(Duration.ZERO);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        kdc.close();
    }

    @Test
    void aUserAddedToTheFileWhileTheKdcRunsSignsInAfterASync() throws Exception {
        // As `ward users add` does it, in its own process: the file only, no handle on the KDC.
        char[] password = new EmbeddedKdcUsers(kdcDir, REALM).add("alice@" + REALM);

        EmbeddedKdc.UsersSync sync = kdc.syncUsers();

        assertThat(sync.added()).containsExactly("alice@" + REALM);
        assertThat(kdc.syncUsers().isEmpty()).as("an unchanged file changes nothing").isTrue();
        assertSignsIn("alice@" + REALM, password);
    }

    @Test
    void theWatcherPicksUpANewUserWithinAboutASecond() throws Exception {
        restart(EmbeddedKdc.USERS_SYNC_INTERVAL);
        char[] password = new EmbeddedKdcUsers(kdcDir, REALM).add("bob@" + REALM);
        Instant deadline = Instant.now().plus(EmbeddedKdc.USERS_SYNC_INTERVAL.multipliedBy(5));
        while (true) {
            try {
                GssClient.login("bob@" + REALM, password);
                break;
            } catch (LoginException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("bob could not sign in 5 sync intervals after being added", e);
                }
                Thread.sleep(100);
            }
        }
        assertSignsIn("bob@" + REALM, password);
    }

    @Test
    void theSamePasswordStillWorksAfterARestart() throws Exception {
        char[] password = kdc.addUser("carol@" + REALM);
        assertSignsIn("carol@" + REALM, password);

        restart(Duration.ZERO);

        assertSignsIn("carol@" + REALM, password);
    }

    @Test
    void aRemovedUserCannotSignInAndAResetReplacesThePassword() throws Exception {
        EmbeddedKdcUsers users = new EmbeddedKdcUsers(kdcDir, REALM);
        String dave = "dave@" + REALM;
        char[] first = users.add(dave);
        kdc.syncUsers();
        assertSignsIn(dave, first);

        char[] second = users.add(dave);
        assertThat(kdc.syncUsers().updated()).containsExactly(dave);
        assertThatThrownBy(() -> GssClient.login(dave, first)).isInstanceOf(LoginException.class)
                .hasMessageContaining("PREAUTH_FAILED");
        assertSignsIn(dave, second);

        assertThat(users.remove(dave)).isTrue();
        assertThat(kdc.syncUsers().removed()).containsExactly(dave);
        assertThatThrownBy(() -> GssClient.login(dave, second)).isInstanceOf(LoginException.class)
                .hasMessageContaining("Client not found in Kerberos database");

        char[] third = users.add(dave);
        kdc.syncUsers();
        assertThatThrownBy(() -> GssClient.login(dave, second)).isInstanceOf(LoginException.class)
                .hasMessageContaining("PREAUTH_FAILED");
        assertSignsIn(dave, third);
    }

    @Test
    void entriesForOtherRealmsServicesOrKrbtgtInTheFileAreIgnored() throws Exception {
        // A hand-edited users.keytab: the KDC must not let it replace krbtgt or the service key,
        // nor create principals of another realm.
        EmbeddedKdcUsers users = new EmbeddedKdcUsers(kdcDir, REALM);
        char[] erin = users.add("erin@" + REALM);
        Keytab file = Keytab.loadKeytab(users.file().toFile());
        for (String foreign : List.of("mallory@OTHER.TEST", kdc.servicePrincipal().toString(), "krbtgt/" + REALM + "@" + REALM)) {
            for (EncryptionKey key : EncryptionUtil.generateKeys(foreign, "known-to-mallory", EmbeddedKdcUsers.ENCRYPTION_TYPES, 9)) {
                file.addEntry(new KeytabEntry(new PrincipalName(foreign), KerberosTime.now(), 9, key));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        file.store(out);
        Files.write(users.file(), out.toByteArray());

        assertThat(kdc.syncUsers().added()).containsExactly("erin@" + REALM);

        // The service ticket is still made with the service's own key, which the acceptor holds.
        assertSignsIn("erin@" + REALM, erin);
        assertThatThrownBy(() -> GssClient.login("mallory@OTHER.TEST", "known-to-mallory".toCharArray()))
                .isInstanceOf(LoginException.class);
    }

    @Test
    void aBrokenFileLeavesTheKdcWithTheUsersItHad() throws Exception {
        EmbeddedKdcUsers users = new EmbeddedKdcUsers(kdcDir, REALM);
        char[] frank = users.add("frank@" + REALM);
        kdc.syncUsers();
        byte[] good = Files.readAllBytes(users.file());
        Files.write(users.file(), new byte[] {0x05, 0x02, 0x00});

        assertThatThrownBy(kdc::syncUsers).isInstanceOf(java.io.IOException.class)
                .hasMessageEndingWith("users.keytab is not a readable MIT keytab (java.io.EOFException)");

        assertSignsIn("frank@" + REALM, frank);
        Files.write(users.file(), good);
        kdc.syncUsers();
        assertSignsIn("frank@" + REALM, frank);
    }

    private static void restart(Duration usersSyncInterval) throws Exception {
        int port = kdc.port();
        kdc.close();
        kdc = EmbeddedKdc.start(kdcDir, REALM, "localhost", port, Duration.ofMinutes(10), usersSyncInterval);
        watching = !usersSyncInterval.isZero();
        // The service principal is created again with a new key: the acceptor reads the new keytab.
        acceptor = SpnegoAcceptor.login(kdc.servicePrincipal(), kdc.keytab());
    }

    /** A TGT with the password, then a service ticket the acceptor accepts for that principal. */
    private static void assertSignsIn(String principal, char[] password) throws Exception {
        GssClient client = GssClient.login(principal, password);
        SpnegoOutcome outcome = acceptor.accept(client.httpToken("localhost"));
        assertThat(outcome).isInstanceOfSatisfying(SpnegoOutcome.Accepted.class,
                accepted -> assertThat(accepted.principal()).isEqualTo(principal));
    }
}
