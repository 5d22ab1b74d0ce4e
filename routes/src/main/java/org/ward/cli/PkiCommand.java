package org.ward.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ward pki}: the facility PKI that certifies every node (IHE ITI-19 node authentication). */
@Command(name = "pki", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = "Facility PKI: create the CA, issue and revoke node certificates, publish the CRL.",
        subcommands = {PkiInitCommand.class, PkiIssueCommand.class, PkiRevokeCommand.class, PkiCrlCommand.class,
                PkiListCommand.class})
final class PkiCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: init, issue, revoke, crl or list");
    }
}
