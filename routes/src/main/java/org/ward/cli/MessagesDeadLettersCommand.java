package org.ward.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ward.store.DeliveryState;
import org.ward.store.DeliveryStatus;
import org.ward.store.JdbcDeliveryQueue;
import org.ward.store.JournalEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dead-letters", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = {"List the messages a destination rejected (AR/CR), with the reason; metadata only.",
                "Send one again with: ward messages resend ID --destination NAME"})
final class MessagesDeadLettersCommand implements Callable<Integer> {

    private static final List<String> HEADER = List.of("DESTINATION", "ID", "RECEIVED", "TYPE", "CONTROL-ID",
            "REASON");

    @Spec
    private CommandSpec spec;

    @Mixin
    private JournalRun.Location location;

    @Option(names = "--destination", paramLabel = "NAME", description = "Only this destination (default: all).")
    private String destination;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or csv (RFC 4180, with a header line; default: ${DEFAULT-VALUE}).")
    private TextTable.Format format;

    @Override
    public Integer call() {
        return JournalRun.run(spec, location, (journal, config, out) -> {
            JdbcDeliveryQueue queue = journal.deliveryQueue();
            List<String> destinations = destination != null ? List.of(destination)
                    : queue.counts().entrySet().stream()
                            .filter(e -> e.getValue().containsKey(DeliveryStatus.DEAD_LETTER.name()))
                            .map(e -> e.getKey()).toList();
            List<List<String>> rows = new ArrayList<>();
            for (String name : destinations) {
                for (JournalEntry entry : queue.deadLetters(name)) {
                    String reason = queue.states(entry.id()).stream()
                            .filter(s -> s.destination().equals(name)).map(DeliveryState::lastReason)
                            .filter(r -> r != null).findFirst().orElse("");
                    rows.add(List.of(name, Long.toString(entry.id()), entry.receivedAt().toString(),
                            entry.messageType(), entry.controlId(), reason));
                }
            }
            TextTable.print(HEADER, rows, format, "(no dead letters)", out);
            return 0;
        });
    }
}
