package org.ward.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ward.store.DeliveryState;
import org.ward.store.JournalEntry;
import org.ward.store.StoredMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = {"Show one message's metadata and where it stands with each destination.",
                "--payload adds its patient ids and content (patient data), one segment a line."})
final class MessagesShowCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private JournalRun.Location location;

    @Parameters(index = "0", paramLabel = "ID", description = "The message's journal id (from ward messages list).")
    private long id;

    @Option(names = "--payload", description = "Also print the patient ids and the message itself (PHI).")
    private boolean payload;

    @Override
    public Integer call() {
        return JournalRun.run(spec, location, (journal, config, out) -> {
            var found = journal.find(id);
            if (found.isEmpty()) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": no message " + id + " in the journal");
                return JournalRun.EXIT_FAILED;
            }
            StoredMessage message = found.get();
            JournalEntry entry = message.entry();
            List<String> row = MessagesListCommand.row(entry);
            for (int i = 0; i < row.size(); i++) {
                out.printf("%-13s %s%n", MessagesListCommand.HEADER.get(i).toLowerCase(java.util.Locale.ROOT) + ":",
                        row.get(i).isEmpty() ? "-" : row.get(i));
            }
            entry.sender().device().ifPresent(device -> out.printf("%-13s %s%n", "device:", device));
            out.printf("%-13s %s%n", "charset:", entry.charset().name());
            printDeliveries(journal.deliveryQueue().states(id), out);
            if (payload) {
                out.printf("%-13s %s%n", "patient-ids:", String.join(", ", entry.patientIds()));
                out.println("payload:");
                // HL7 v2 ends segments with CR (v2.5 §2.5.2); print them as lines a terminal shows.
                for (String segment : message.text().split("\r\n|\r|\n")) {
                    out.println(segment);
                }
            }
            return 0;
        });
    }

    private static void printDeliveries(List<DeliveryState> states, PrintWriter out) {
        if (states.isEmpty()) {
            out.printf("%-13s %s%n", "deliveries:", "(routed to no destination)");
            return;
        }
        out.println("deliveries:");
        for (DeliveryState state : states) {
            StringBuilder line = new StringBuilder("  " + state.destination() + ": " + state.status()
                    + ", attempts " + state.attempts());
            state.delivered().ifPresent(at -> line.append(", delivered ").append(at));
            if (state.nextAttempt() != null) {
                line.append(", next attempt ").append(state.nextAttempt());
            }
            if (state.lastReason() != null) {
                line.append(", last reason: ").append(state.lastReason());
            }
            out.println(line);
        }
    }
}
