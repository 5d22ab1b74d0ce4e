package org.ward.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a published CRL back with the JDK's parser: what every start does before the listeners open. */
class PublishedCrlTest {

    @TempDir
    Path temp;

    private final FacilityPkiTest.MutableClock clock = new FacilityPkiTest.MutableClock(Instant.now());
    private Path dir;
    private FacilityPki pki;

    @BeforeEach
    void init() throws Exception {
        dir = temp.resolve("pki");
        pki = new FacilityPki(dir, clock, TestPki.RANDOM, change -> { }, "alice");
        pki.init("St. Elsewhere", KeyAlgorithm.EC_P256, Optional.empty());
    }

    @Test
    void readsNumberDatesAndEachRevocationWithItsReason() throws Exception {
        IssuedCredential stolen = pki.issue(IssueRequest.client("stolen", 30), "stolen");
        IssuedCredential moved = pki.issue(IssueRequest.client("moved", 30), "moved");
        IssuedCredential vague = pki.issue(IssueRequest.client("vague", 30), "vague");
        pki.issue(IssueRequest.client("kept", 30), "kept");
        pki.revoke(stolen.record().serial(), RevocationReason.KEY_COMPROMISE);
        pki.revoke(moved.record().serial(), RevocationReason.AFFILIATION_CHANGED);
        pki.revoke(vague.record().serial(), RevocationReason.UNSPECIFIED);
        pki.publishCrl(Duration.ofDays(7));

        PublishedCrl crl = pki.currentCrl().orElseThrow();

        assertThat(crl.number()).isEqualTo(BigInteger.ONE);
        assertThat(crl.nextUpdate()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(7)));
        assertThat(crl.thisUpdate()).isBefore(crl.nextUpdate());
        assertThat(crl.revoked()).containsOnly(
                java.util.Map.entry(stolen.record().serial(), RevocationReason.KEY_COMPROMISE),
                java.util.Map.entry(moved.record().serial(), RevocationReason.AFFILIATION_CHANGED),
                java.util.Map.entry(vague.record().serial(), RevocationReason.UNSPECIFIED));
        assertThat(crl.der()).isEqualTo(dir.resolve("crl.der"));
    }

    @Test
    void aCrlNumberBeyondOneHundredAndTwentySevenOctetsUsesTheLongLengthForm() throws Exception {
        BigInteger huge = BigInteger.TWO.pow(1100);
        Files.writeString(dir.resolve("crl-number"), huge + "\n");

        assertThat(pki.publishCrl(Duration.ofDays(1)).number()).isEqualTo(huge.add(BigInteger.ONE));
        assertThat(pki.currentCrl().orElseThrow().number()).isEqualTo(huge.add(BigInteger.ONE));
    }

    @Test
    void aCrlSignedByAnotherCaIsRefused() throws Exception {
        FacilityPki other = new FacilityPki(temp.resolve("other"), clock, TestPki.RANDOM, change -> { }, "mallory");
        other.init("St. Elsewhere", KeyAlgorithm.EC_P256, Optional.empty());
        other.publishCrl(Duration.ofDays(7));
        pki.publishCrl(Duration.ofDays(7));
        Files.copy(temp.resolve("other").resolve("crl.der"), dir.resolve("crl.der"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(pki::currentCrl).isInstanceOf(PkiException.class)
                .hasMessageContaining("is not signed by the issuing CA");
        assertThat(pki.refreshCrlIfDue(Duration.ofDays(7), Duration.ofDays(2))).as("an unusable CRL is replaced")
                .isPresent();
        assertThat(pki.currentCrl()).isPresent();
    }

    @Test
    void aFileThatIsNotACrlIsRefusedWithItsPath() throws Exception {
        pki.publishCrl(Duration.ofDays(7));
        Files.write(dir.resolve("crl.der"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x05});

        assertThatThrownBy(pki::currentCrl).isInstanceOf(PkiException.class)
                .hasMessageContaining("Cannot read the CRL in " + dir.resolve("crl.der"));
    }

    @Test
    void derContentsAreTakenOnlyFromOneWholeElementOfTheExpectedTag() {
        Path source = Path.of("crl.der");
        assertThat(DerTlv.contents(new byte[] {0x02, 0x01, 0x07}, DerTlv.INTEGER, source)).containsExactly(7);
        byte[] longForm = new byte[3 + 200];
        longForm[0] = 0x04;
        longForm[1] = (byte) 0x81;
        longForm[2] = (byte) 200;
        assertThat(DerTlv.contents(longForm, DerTlv.OCTET_STRING, source)).hasSize(200);

        for (byte[] bad : new byte[][] {
                {0x04, 0x01, 0x07},             // another tag
                {0x02, 0x02, 0x07},             // shorter than its length
                {0x02, 0x01, 0x07, 0x00},       // trailing octets
                {0x02, 0x00},                   // empty
                {0x02, (byte) 0x80, 0x07},      // indefinite length: not DER
                {0x02}}) {
            assertThatThrownBy(() -> DerTlv.contents(bad, DerTlv.INTEGER, source))
                    .isInstanceOf(PkiException.class).hasMessageContaining("malformed cRLNumber");
        }
    }
}
