package org.ward.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.ward.pki.IssuedCertificate;
import org.ward.pki.PublishedCrl;
import org.ward.pki.RevocationReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "revoke", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = "Revoke a certificate by serial, then publish a fresh CRL.")
final class PkiRevokeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PkiLocation location;

    @Parameters(index = "0", paramLabel = "SERIAL", converter = SerialConverter.class,
            description = "Serial number in hex, as ward pki list prints it (':' separators allowed).")
    private BigInteger serial;

    @Option(names = "--reason", required = true, paramLabel = "REASON", converter = ReasonConverter.class,
            description = "RFC 5280 CRLReason: unspecified, keyCompromise, affiliationChanged, superseded,"
                    + " cessationOfOperation or privilegeWithdrawn.")
    private RevocationReason reason;

    @Option(names = "--crl-days", paramLabel = "N", defaultValue = "7",
            description = "Validity of the CRL published afterwards, in days (default: ${DEFAULT-VALUE}).")
    private int crlDays;

    @Override
    public Integer call() {
        return PkiRun.run(spec, location, (pki, out) -> {
            Duration crlValidity = PkiCrlCommand.validity(crlDays, "--crl-days");
            IssuedCertificate revoked = pki.revoke(serial, reason);
            out.println("Revoked " + revoked.serialHex() + " (" + revoked.subject() + ", " + reason.asn1Name()
                    + ") at " + revoked.revocation().orElseThrow().time());
            out.flush();
            PublishedCrl crl;
            try {
                crl = pki.publishCrl(crlValidity);
            } catch (IOException | RuntimeException e) {
                throw new IOException("the certificate is revoked in the registry, but publishing the CRL failed ("
                        + e.getMessage() + "); run ward pki crl", e);
            }
            PkiCrlCommand.printPublished(crl, out);
            return 0;
        });
    }

    static final class SerialConverter implements ITypeConverter<BigInteger> {
        @Override
        public BigInteger convert(String value) {
            try {
                return IssuedCertificate.parseSerial(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ReasonConverter implements ITypeConverter<RevocationReason> {
        @Override
        public RevocationReason convert(String value) {
            try {
                return RevocationReason.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
