package org.ward.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "purge", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = {"Delete the messages delivered to every destination before DATE, and those routed nowhere"
                + " that were received before it; prints how many.",
                "Pending and dead-lettered messages are kept."})
final class MessagesPurgeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private JournalRun.Location location;

    @Option(names = "--delivered-before", paramLabel = "DATE", required = true,
            description = "2026-01-31 (midnight UTC starting that day) or an instant, 2026-01-31T12:00:00Z.")
    private String before;

    @Override
    public Integer call() {
        Instant cutoff = cutoff();
        return JournalRun.run(spec, location, (journal, config, out) -> {
            long purged = journal.purgeDeliveredBefore(cutoff);
            out.println("Purged " + purged + " message" + (purged == 1 ? "" : "s") + " delivered before " + cutoff
                    + ".");
            return 0;
        });
    }

    private Instant cutoff() {
        try {
            return before.contains("T") ? Instant.parse(before)
                    : LocalDate.parse(before).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--delivered-before: not a date (2026-01-31) or an"
                    + " instant (2026-01-31T12:00:00Z): " + before);
        }
    }
}
