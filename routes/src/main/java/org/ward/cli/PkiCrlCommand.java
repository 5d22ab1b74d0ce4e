package org.ward.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.ward.pki.FacilityPki;
import org.ward.pki.PublishedCrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "crl", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = "Sign and publish a fresh CRL (crl.der and crl.pem in the PKI directory).")
final class PkiCrlCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PkiLocation location;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7",
            description = "Days until nextUpdate, at most 365; publish again before then (default: ${DEFAULT-VALUE}).")
    private int days;

    @Override
    public Integer call() {
        return PkiRun.run(spec, location, (pki, out) -> {
            printPublished(pki.publishCrl(validity(days, "--days")), out);
            return 0;
        });
    }

    static Duration validity(int days, String option) {
        long max = FacilityPki.MAX_CRL_VALIDITY.toDays();
        if (days < 1 || days > max) {
            throw new IllegalArgumentException(option + " must be 1 to " + max + " days, got " + days);
        }
        return Duration.ofDays(days);
    }

    static void printPublished(PublishedCrl crl, PrintWriter out) {
        out.println("Published CRL " + crl.number() + " listing " + crl.revoked().size()
                + " revoked certificate(s); next update " + crl.nextUpdate());
        out.println("crl:        " + crl.der());
        out.println("crl:        " + crl.pem());
    }
}
