package org.ward.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ward messages}: the journal of accepted messages and their deliveries, for operators. */
@Command(name = "messages", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = {"Inspect the message journal and its deliveries: list, show, dead-letters, resend, purge.",
                "Patient data (payloads, patient ids) is shown only when asked for with --payload.",
                "An H2 journal is one process's file: stop Ward first (a PostgreSQL journal can be used while it runs)."},
        subcommands = {MessagesListCommand.class, MessagesShowCommand.class, MessagesDeadLettersCommand.class,
                MessagesResendCommand.class, MessagesPurgeCommand.class})
final class MessagesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: list, show, dead-letters, resend or purge");
    }
}
