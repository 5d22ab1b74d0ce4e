package org.ward.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ward.pki.CertificateProfile;
import org.ward.pki.Eui64;
import org.ward.pki.IssueRequest;
import org.ward.pki.IssuedCredential;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "issue", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = "Issue a node certificate: writes NAME.p12, NAME.p12.password and NAME-chain.pem; prints the serial.")
final class PkiIssueCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PkiLocation location;

    @Option(names = "--profile", required = true, paramLabel = "PROFILE", converter = ProfileConverter.class,
            description = "device (clientAuth, needs --eui64), gateway (clientAuth + serverAuth), server (serverAuth, needs --dns or --ip) or client (clientAuth).")
    private CertificateProfile profile;

    @Option(names = "--cn", required = true, paramLabel = "NAME", description = "Subject common name.")
    private String commonName;

    @Option(names = "--name", paramLabel = "FILE_BASENAME",
            description = "Base name of the files written (default: the CN in lower case, other characters as '-').")
    private String name;

    @Option(names = "--eui64", paramLabel = "HEX16", converter = Eui64Converter.class,
            description = "The device's EUI-64 (16 hex digits, ':' or '-' separators allowed): subject serialNumber and SAN urn:dev:mac:.")
    private Eui64 eui64;

    @Option(names = "--dns", paramLabel = "HOST", description = "subjectAltName DNS name; repeatable.")
    private List<String> dnsNames = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "subjectAltName IP address; repeatable.")
    private List<String> ipAddresses = new ArrayList<>();

    @Option(names = "--days", paramLabel = "N", defaultValue = "365",
            description = "Lifetime in days, at most " + IssueRequest.MAX_VALIDITY_DAYS + " (IHE ITI-19; default: ${DEFAULT-VALUE}).")
    private int days;

    @Override
    public Integer call() {
        if (days < 1 || days > IssueRequest.MAX_VALIDITY_DAYS) {
            throw new ParameterException(spec.commandLine(), "--days must be 1 to " + IssueRequest.MAX_VALIDITY_DAYS
                    + " (IHE ITI-19 recommends node certificates expire within two years), got " + days);
        }
        String fileName = name != null ? name : defaultName(commonName);
        return PkiRun.run(spec, location, (pki, out) -> {
            IssueRequest request = new IssueRequest(profile, commonName, Optional.ofNullable(eui64), dnsNames,
                    ipAddresses, days);
            IssuedCredential issued = pki.issue(request, fileName);
            out.println("Issued a " + profile.label() + " certificate for " + issued.record().subject());
            out.println("serial:     " + issued.record().serialHex());
            out.println("not-before: " + issued.record().notBefore());
            out.println("not-after:  " + issued.record().notAfter());
            out.println("key+chain:  " + issued.p12());
            out.println("password:   " + issued.passwordFile());
            out.println("chain:      " + issued.chainPem());
            return 0;
        });
    }

    /** {@code "Bedside Monitor 7"} → {@code bedside-monitor-7}, a valid {@code PkiDirectory} name. */
    private String defaultName(String cn) {
        String lower = cn.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        String derived = lower.length() > 64 ? lower.substring(0, 64) : lower;
        if (derived.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Cannot derive a file name from --cn \"" + cn
                    + "\"; give --name");
        }
        return derived;
    }

    static final class ProfileConverter implements ITypeConverter<CertificateProfile> {
        @Override
        public CertificateProfile convert(String value) {
            try {
                return CertificateProfile.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Eui64Converter implements ITypeConverter<Eui64> {
        @Override
        public Eui64 convert(String value) {
            try {
                return Eui64.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
