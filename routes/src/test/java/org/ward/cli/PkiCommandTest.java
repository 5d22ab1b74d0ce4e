package org.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.pki.Credential;
import org.ward.pki.KeyPurpose;
import org.ward.pki.KeyUsageBit;
import org.ward.pki.PemCertificates;
import org.ward.pki.Pkcs12Files;
import picocli.CommandLine;

/** {@code ward pki} in-process: what it prints, what it writes, and its exit codes. */
class PkiCommandTest {

    @TempDir
    Path temp;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private Path pki;

    @BeforeEach
    void init() {
        pki = temp.resolve("pki");
        assertThat(ward("pki", "init", "--pki-dir", pki.toString(), "--facility", "St. Elsewhere")).as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains("Created a facility PKI (ec-p256) in " + pki)
                .contains("trust anchors: " + pki.resolve("trust-anchors.pem"))
                .contains("CRL URL:       " + pki.resolve("crl.der").toUri())
                .contains("Published CRL 1 listing 0 revoked certificate(s)");
    }

    private int ward(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = WardCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void issueADeviceCertificateAndReadItBack() throws Exception {
        int exit = ward("pki", "issue", "--pki-dir", pki.toString(), "--profile", "device", "--cn", "Bedside Monitor 7",
                "--eui64", "00-1B-2C-FF-FE-3D-4E-5F", "--days", "90");

        assertThat(exit).as(err.toString()).isZero();
        String serial = field("serial");
        Path p12 = Path.of(field("key+chain"));
        Path password = Path.of(field("password"));
        Path chain = Path.of(field("chain"));
        assertThat(p12).isEqualTo(pki.resolve("bedside-monitor-7.p12"));
        assertThat(password).isEqualTo(pki.resolve("bedside-monitor-7.p12.password"));
        assertThat(chain).isEqualTo(pki.resolve("bedside-monitor-7-chain.pem"));
        assertThat(out.toString()).doesNotContain(Files.readString(password).strip());

        Credential credential = Pkcs12Files.load(p12, password);
        X509Certificate device = credential.certificate();
        assertThat(PemCertificates.read(chain).get(0)).isEqualTo(device);
        assertThat(device.getSerialNumber()).isEqualTo(new BigInteger(serial, 16));
        X500Name subject = X500Name.getInstance(device.getSubjectX500Principal().getEncoded());
        assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.SERIALNUMBER)[0].getFirst().getValue()))
                .isEqualTo("001b2cfffe3d4e5f");
        assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.CN)[0].getFirst().getValue()))
                .isEqualTo("Bedside Monitor 7");
        assertThat(device.getSubjectAlternativeNames()).containsExactly(
                List.of(GeneralName.uniformResourceIdentifier, "urn:dev:mac:001b2cfffe3d4e5f"));
        assertThat(device.getExtendedKeyUsage()).containsExactly(KeyPurpose.CLIENT_AUTH.oid());
        assertThat(device.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
        assertThat(setBits(device.getKeyUsage())).containsExactly(KeyUsageBit.DIGITAL_SIGNATURE.index(),
                KeyUsageBit.KEY_AGREEMENT.index());
        assertThat(device.getBasicConstraints()).isEqualTo(-1);
        // CertificateIssuer backdates notBefore by the clock-skew allowance and keeps the full lifetime after now.
        assertThat(Duration.between(device.getNotBefore().toInstant(), device.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(90).plusMinutes(5));
        assertThat(field("not-after")).isEqualTo(device.getNotAfter().toInstant().toString());
        assertThat(distributionPoints(device)).containsExactly(pki.resolve("crl.der").toUri().toString());
    }

    @Test
    void issueAServerCertificateWithNamesAndAnExplicitFileName() throws Exception {
        assertThat(ward("pki", "issue", "--pki-dir", pki.toString(), "--profile", "server", "--cn", "ward.hospital.example",
                "--name", "ward-listener", "--dns", "ward.hospital.example", "--ip", "10.1.2.3", "--days", "730"))
                .as(err.toString()).isZero();
        X509Certificate server = Pkcs12Files.load(pki.resolve("ward-listener.p12")).certificate();
        assertThat(server.getExtendedKeyUsage()).containsExactly(KeyPurpose.SERVER_AUTH.oid());
        assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(GeneralName.dNSName, "ward.hospital.example"), List.of(GeneralName.iPAddress, "10.1.2.3"));
    }

    @Test
    void lifetimeIsCappedAt730DaysAndTheErrorNamesTheLimit() {
        int exit = ward("pki", "issue", "--pki-dir", pki.toString(), "--profile", "client", "--cn", "ehr", "--days", "731");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--days must be 1 to 730").contains("731");
        assertThat(pki.resolve("ehr.p12")).doesNotExist();
    }

    @Test
    void requestMistakesAreUsageErrors() {
        assertThat(ward("pki", "issue", "--pki-dir", pki.toString(), "--profile", "device", "--cn", "monitor")).isEqualTo(2);
        assertThat(err.toString()).contains("requires an EUI-64");
        assertThat(ward("pki", "issue", "--pki-dir", pki.toString(), "--profile", "toaster", "--cn", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("expected device, gateway, server or client");
        assertThat(ward("pki", "issue", "--pki-dir", pki.toString(), "--profile", "device", "--cn", "m",
                "--eui64", "0123")).isEqualTo(2);
        assertThat(err.toString()).contains("Not an EUI-64");
        assertThat(ward("pki", "revoke", "--pki-dir", pki.toString(), "ABCD", "--reason", "bored")).isEqualTo(2);
        assertThat(err.toString()).contains("keyCompromise");
        assertThat(ward("pki", "list", "--pki-dir", pki.toString(), "--config", "x.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("not both");
        assertThat(ward("pki")).isEqualTo(2);
    }

    @Test
    void revokePublishesACrlThatListsTheSerialWithItsReason() throws Exception {
        String keep = issueClient("ehr-a");
        String stolen = issueClient("ehr-b");
        BigInteger firstNumber = crlNumber(readCrl());

        int exit = ward("pki", "revoke", "--pki-dir", pki.toString(), stolen, "--reason", "keyCompromise");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Revoked " + stolen + " (CN=ehr-b, keyCompromise)")
                .contains("Published CRL 2 listing 1 revoked certificate(s)")
                .contains(pki.resolve("crl.der").toString()).contains(pki.resolve("crl.pem").toString());
        X509CRL crl = readCrl();
        assertThat(crlNumber(crl)).isGreaterThan(firstNumber);
        assertThat(crl.getRevokedCertificate(new BigInteger(stolen, 16)).getRevocationReason())
                .isEqualTo(CRLReason.KEY_COMPROMISE);
        assertThat(crl.getRevokedCertificate(new BigInteger(keep, 16))).isNull();

        assertThat(ward("pki", "list", "--pki-dir", pki.toString())).isZero();
        List<String> table = out.toString().lines().toList();
        assertThat(table.get(0)).matches("SERIAL +SUBJECT +EUI-64 +PROFILE +NOT-AFTER +STATUS");
        assertThat(table).anySatisfy(line -> assertThat(line).startsWith(stolen).contains("CN=ehr-b").endsWith("revoked"));
        assertThat(table).anySatisfy(line -> assertThat(line).startsWith(keep).contains(" client ").endsWith("valid"));

        assertThat(ward("pki", "list", "--pki-dir", pki.toString(), "--format", "csv")).isZero();
        assertThat(out.toString().lines().toList()).first().isEqualTo("serial,subject,eui-64,profile,not-after,status");
        assertThat(out.toString()).containsPattern(Pattern.quote(stolen) + ",CN=ehr-b,,client,[0-9T:-]+Z,revoked");

        assertThat(ward("pki", "revoke", "--pki-dir", pki.toString(), stolen, "--reason", "superseded")).isEqualTo(1);
        assertThat(err.toString()).contains("ward pki revoke: Certificate " + stolen + " was already revoked");
    }

    @Test
    void crlPublishesAFreshCrlWithAHigherNumber() throws Exception {
        assertThat(ward("pki", "crl", "--pki-dir", pki.toString(), "--days", "3")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Published CRL 2 listing 0 revoked certificate(s)");
        X509CRL crl = readCrl();
        assertThat(crlNumber(crl)).isEqualTo(BigInteger.TWO);
        assertThat(Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()))
                .isEqualTo(Duration.ofDays(3).plusMinutes(5));
        assertThat(Files.readString(pki.resolve("crl.pem"))).startsWith("-----BEGIN X509 CRL-----");

        assertThat(ward("pki", "crl", "--pki-dir", pki.toString(), "--days", "400")).isEqualTo(2);
        assertThat(err.toString()).contains("--days must be 1 to 365 days");
    }

    @Test
    void failuresExit1WithTheCommandNamed() {
        assertThat(ward("pki", "init", "--pki-dir", pki.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("ward pki init: ").contains("already holds one");

        Path none = temp.resolve("none");
        assertThat(ward("pki", "issue", "--pki-dir", none.toString(), "--profile", "client", "--cn", "ehr")).isEqualTo(1);
        assertThat(err.toString()).contains("ward pki issue: No facility PKI in " + none).contains("ward pki init");
        assertThat(ward("pki", "revoke", "--pki-dir", pki.toString(), "0ABC", "--reason", "keyCompromise")).isEqualTo(1);
        assertThat(err.toString()).contains("No certificate with serial 0ABC was issued by this CA");

        issueClient("ehr");
        assertThat(ward("pki", "issue", "--pki-dir", pki.toString(), "--profile", "client", "--cn", "ehr")).isEqualTo(1);
        assertThat(err.toString()).contains("\"ehr\" is taken");
    }

    @Test
    void theConfigurationsDataDirLocatesThePki(@TempDir Path home) throws Exception {
        Path yaml = home.resolve("ward.yaml");
        Files.writeString(yaml, String.join("\n",
                "data-dir: " + home.resolve("var"),
                "development-pki: false",
                "listeners:",
                "  - name: devices",
                "    port: 2575",
                "    tls:",
                "      key-store: " + pki.resolve("server.p12"),
                "      key-store-password-file: " + pki.resolve("trust-anchors.pem"),
                "      trust-anchors: " + pki.resolve("trust-anchors.pem"),
                ""), StandardCharsets.UTF_8);
        Files.writeString(pki.resolve("server.p12"), "placeholder: the loader only checks that it exists");

        assertThat(ward("pki", "init", "--config", yaml.toString(), "--crl-url", "http://pki.hospital.example/crl.der"))
                .as(err.toString()).isZero();
        assertThat(home.resolve("var/pki/issuing-ca.p12")).exists();
        assertThat(Files.readString(home.resolve("var/pki/crl-url")).strip()).isEqualTo("http://pki.hospital.example/crl.der");

        assertThat(ward("pki", "list", "--config", home.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing.yaml:1:1");
    }

    @Test
    void initRefusesACrlUrlNoPeerCouldFetch() {
        assertThat(ward("pki", "init", "--pki-dir", temp.resolve("other").toString(), "--crl-url", "ftp://x/crl"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("http, https, ldap or file");
        assertThat(temp.resolve("other")).doesNotExist();
    }

    @Test
    void helpListsThePkiCommands() {
        assertThat(ward("pki", "--help")).isZero();
        assertThat(out.toString()).contains("init", "issue", "revoke", "crl", "list");
    }

    private String issueClient(String cn) {
        assertThat(ward("pki", "issue", "--pki-dir", pki.toString(), "--profile", "client", "--cn", cn, "--days", "30"))
                .as(err.toString()).isZero();
        return field("serial");
    }

    private String field(String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + ": +(\\S+)$").matcher(out.toString());
        assertThat(matcher.find()).as("'%s:' in %s", name, out).isTrue();
        return matcher.group(1);
    }

    private X509CRL readCrl() throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(Files.readAllBytes(pki.resolve("crl.der"))));
    }

    private static BigInteger crlNumber(X509CRL crl) {
        byte[] value = ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId())).getOctets();
        return ASN1Integer.getInstance(value).getValue();
    }

    private static List<Integer> setBits(boolean[] bits) {
        List<Integer> set = new ArrayList<>();
        for (int i = 0; i < bits.length; i++) {
            if (bits[i]) {
                set.add(i);
            }
        }
        return set;
    }

    private static List<String> distributionPoints(X509Certificate certificate) {
        byte[] value = ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.cRLDistributionPoints.getId()))
                .getOctets();
        return Arrays.stream(CRLDistPoint.getInstance(value).getDistributionPoints())
                .map(DistributionPoint::getDistributionPoint)
                .flatMap(name -> Arrays.stream(GeneralNames.getInstance(name.getName()).getNames()))
                .filter(name -> name.getTagNo() == GeneralName.uniformResourceIdentifier)
                .map(name -> name.getName().toString())
                .toList();
    }
}
