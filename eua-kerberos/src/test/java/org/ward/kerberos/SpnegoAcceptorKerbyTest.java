package org.ward.kerberos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.kdc.EmbeddedKdc;

/** The acceptor alone against Apache Kerby's KDC, with a pure-Java initiator. */
class SpnegoAcceptorKerbyTest {

    @TempDir
    static Path dir;
    static EmbeddedKdc kdc;
    static SpnegoAcceptor acceptor;
    static GssClient alice;

    @BeforeAll
    static void start() throws Exception {
        kdc = EmbeddedKdc.start(dir.resolve("kdc"), "WARD.TEST", "localhost", 0, Duration.ofMinutes(10));
        Krb5Conf.use(kdc.krb5Conf());
        acceptor = SpnegoAcceptor.login(kdc.servicePrincipal(), kdc.keytab());
        char[] password = kdc.addUser("alice@WARD.TEST");
        alice = GssClient.login("alice@WARD.TEST", password);
    }

    @AfterAll
    static void stop() throws Exception {
        kdc.close();
    }

    @Test
    void acceptsKerberosAndReturnsTheTicketEnd() throws Exception {
        SpnegoOutcome outcome = acceptor.accept(alice.httpToken("localhost"));
        assertThat(outcome).isInstanceOf(SpnegoOutcome.Accepted.class);
        SpnegoOutcome.Accepted accepted = (SpnegoOutcome.Accepted) outcome;
        assertThat(accepted.principal()).isEqualTo("alice@WARD.TEST");
        assertThat(accepted.responseToken()).isNotEmpty();
        assertThat(accepted.ticketEnd()).hasValueSatisfying(end -> assertThat(end)
                .isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(11))));
    }

    @Test
    void refusesAReplayedToken() throws Exception {
        byte[] token = alice.httpToken("localhost");
        assertThat(acceptor.accept(token)).isInstanceOf(SpnegoOutcome.Accepted.class);
        SpnegoOutcome again = acceptor.accept(token);
        assertThat(again).isInstanceOfSatisfying(SpnegoOutcome.Refused.class, r -> {
            assertThat(r.failure()).as(r.detail()).isEqualTo(KerberosFailure.REPLAY);
            assertThat(r.claimedPrincipal()).contains("alice@WARD.TEST");
        });
    }

    @Test
    void refusesATicketForAnotherService() throws Exception {
        kdc.addServiceWithKeytab("HTTP/other.example@WARD.TEST", dir.resolve("other.keytab"));
        SpnegoOutcome outcome = acceptor.accept(alice.httpToken("other.example"));
        assertThat(outcome).isInstanceOfSatisfying(SpnegoOutcome.Refused.class,
                r -> assertThat(r.failure()).isEqualTo(KerberosFailure.WRONG_SERVICE));
    }

    @Test
    void refusesNtlm() {
        // An NTLM Type 1 message as Windows sends it in "Authorization: Negotiate TlRMTVNTUAAB...".
        byte[] ntlm = Base64.getDecoder().decode("TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==");
        assertThat(acceptor.accept(ntlm)).isInstanceOfSatisfying(SpnegoOutcome.Refused.class,
                r -> assertThat(r.failure()).isEqualTo(KerberosFailure.NTLM_OFFERED));
    }

    @Test
    void refusesGarbage() {
        assertThat(acceptor.accept(new byte[] {0x60, 0x7f, 0x06})).isInstanceOfSatisfying(SpnegoOutcome.Refused.class,
                r -> assertThat(r.failure()).isEqualTo(KerberosFailure.MALFORMED_TOKEN));
    }
}
