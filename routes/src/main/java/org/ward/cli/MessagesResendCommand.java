package org.ward.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resend", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = {"Queue a delivered or dead-lettered message for a destination again (attempts start over).",
                "It goes back to its place in id order, before anything queued after it. Delivery is at least"
                        + " once: the destination may receive an MSH-10 it already has."})
final class MessagesResendCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private JournalRun.Location location;

    @Parameters(index = "0", paramLabel = "ID", description = "The message's journal id.")
    private long id;

    @Option(names = "--destination", paramLabel = "NAME", required = true,
            description = "The destination to send it to again.")
    private String destination;

    @Override
    public Integer call() {
        return JournalRun.run(spec, location, (journal, config, out) -> {
            if (!journal.deliveryQueue().requeue(destination, id)) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": message " + id
                        + " has no delivered or dead-lettered delivery to " + destination
                        + " (see ward messages show " + id + ")");
                return JournalRun.EXIT_FAILED;
            }
            out.println("Message " + id + " is queued for " + destination + " again.");
            return 0;
        });
    }
}
