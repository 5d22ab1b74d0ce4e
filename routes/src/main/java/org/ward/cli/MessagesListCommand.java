package org.ward.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.ward.store.JournalEntry;
import org.ward.store.JournalQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = {"List journalled messages, oldest first: id, received, listener, sender, type, control id,"
                + " transaction, status.",
                "Metadata only: no payload and no patient id (--patient filters, it does not print them)."})
final class MessagesListCommand implements Callable<Integer> {

    static final List<String> HEADER = List.of("ID", "RECEIVED", "LISTENER", "SENDER", "TYPE", "CONTROL-ID",
            "TRANSACTION", "STATUS");

    @Spec
    private CommandSpec spec;

    @Mixin
    private JournalRun.Location location;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + JournalQuery.DEFAULT_LIMIT,
            description = "At most N messages, 1 to " + JournalQuery.MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--after", paramLabel = "ID", defaultValue = "0",
            description = "Only messages with a greater id: the next page after the last id shown.")
    private long after;

    @Option(names = "--control-id", paramLabel = "ID", description = "Only messages with this MSH-10.")
    private String controlId;

    @Option(names = "--patient", paramLabel = "ID", description = "Only messages that name this patient id (PID-3).")
    private String patient;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or csv (RFC 4180, with a header line; default: ${DEFAULT-VALUE}).")
    private TextTable.Format format;

    @Override
    public Integer call() {
        if (limit < 1 || limit > JournalQuery.MAX_LIMIT) {
            throw new ParameterException(spec.commandLine(), "--limit must be 1 to " + JournalQuery.MAX_LIMIT);
        }
        if (after < 0) {
            throw new ParameterException(spec.commandLine(), "--after must not be negative");
        }
        return JournalRun.run(spec, location, (journal, config, out) -> {
            JournalQuery query = JournalQuery.all().limit(limit).after(after).withControlId(controlId)
                    .withPatientId(patient);
            List<List<String>> rows = journal.list(query).stream().map(MessagesListCommand::row).toList();
            TextTable.print(HEADER, rows, format, "(no messages)", out);
            return 0;
        });
    }

    static List<String> row(JournalEntry entry) {
        return List.of(Long.toString(entry.id()), entry.receivedAt().toString(), entry.listener(),
                entry.sender().subject(), entry.messageType(), entry.controlId(),
                entry.transaction() == null ? "" : entry.transaction(), entry.status().name());
    }
}
