package org.ward.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ward.pki.FacilityCa;
import org.ward.pki.FacilityPki;
import org.ward.pki.KeyAlgorithm;
import org.ward.pki.PublishedCrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = "Create the facility root and issuing CA in an empty PKI directory, and publish the first CRL.")
final class PkiInitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PkiLocation location;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "ec-p256", converter = AlgorithmConverter.class,
            description = "ec-p256 or rsa-3072, for the CAs and every certificate they issue (default: ${DEFAULT-VALUE}).")
    private KeyAlgorithm algorithm;

    @Option(names = "--crl-url", paramLabel = "URL",
            description = "CRL distribution point written into every certificate, e.g. http://pki.hospital.example/ward/crl.der"
                    + " (default: a file: URI of <pki dir>/crl.der, usable on this host only).")
    private String crlUrl;

    @Option(names = "--facility", paramLabel = "NAME", defaultValue = "Ward Facility",
            description = "Organisation name in the CA certificates (default: ${DEFAULT-VALUE}).")
    private String facility;

    @Option(names = "--crl-days", paramLabel = "N", defaultValue = "7",
            description = "Validity of the first CRL in days (default: ${DEFAULT-VALUE}).")
    private int crlDays;

    @Override
    public Integer call() {
        return PkiRun.run(spec, location, (pki, out) -> {
            Duration crlValidity = PkiCrlCommand.validity(crlDays, "--crl-days");
            Optional<URI> url = crlUrl == null ? Optional.empty() : Optional.of(parseUrl(crlUrl));
            FacilityCa ca = pki.init(facility, algorithm, url);
            out.println("Created a facility PKI (" + algorithm.label() + ") in " + pki.directory().path());
            out.println("root CA:       " + ca.rootCertificate().getSubjectX500Principal().getName()
                    + ", valid until " + ca.rootCertificate().getNotAfter().toInstant());
            out.println("issuing CA:    " + ca.issuingCertificate().getSubjectX500Principal().getName()
                    + ", valid until " + ca.issuingCertificate().getNotAfter().toInstant());
            out.println("trust anchors: " + pki.directory().trustAnchors() + " (give this to every peer)");
            out.println("CRL URL:       " + ca.crlDistributionPoint().orElseThrow());
            if (url.isEmpty()) {
                out.println("               a file: URI only works on this host; publish crl.der over HTTP and"
                        + " use --crl-url for other nodes");
            }
            PublishedCrl crl = pki.publishCrl(crlValidity);
            PkiCrlCommand.printPublished(crl, out);
            return 0;
        });
    }

    private static URI parseUrl(String text) {
        try {
            URI uri = new URI(text);
            FacilityPki.checkCrlUrl(uri);
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--crl-url is not a URI: " + e.getMessage(), e);
        }
    }

    static final class AlgorithmConverter implements ITypeConverter<KeyAlgorithm> {
        @Override
        public KeyAlgorithm convert(String value) {
            try {
                return KeyAlgorithm.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
