package org.ward.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ward.config.DestinationSettings;
import org.ward.store.DeliveryStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ward status}: how much the journal holds and where each destination's queue stands. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = {"Messages in the journal, and per destination how many are queued, delivered and dead-lettered.",
                "An H2 journal is one process's file: stop Ward first (a PostgreSQL journal can be read while it runs)."})
final class StatusCommand implements Callable<Integer> {

    private static final List<String> HEADER = List.of("DESTINATION", "QUEUED", "DELIVERED", "DEAD-LETTERED");

    @Spec
    private CommandSpec spec;

    @Mixin
    private JournalRun.Location location;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or csv (RFC 4180, with a header line; default: ${DEFAULT-VALUE}).")
    private TextTable.Format format;

    @Override
    public Integer call() {
        return JournalRun.run(spec, location, (journal, config, out) -> {
            // Configured destinations show even before anything was routed to them; removed ones while rows remain.
            Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
            for (DestinationSettings destination : config.destinations()) {
                if (!(destination instanceof DestinationSettings.Route)) {
                    counts.put(destination.name(), Map.of());
                }
            }
            counts.putAll(journal.deliveryQueue().counts());
            List<List<String>> rows = new ArrayList<>();
            counts.forEach((name, byStatus) -> rows.add(List.of(name,
                    count(byStatus, DeliveryStatus.PENDING), count(byStatus, DeliveryStatus.DELIVERED),
                    count(byStatus, DeliveryStatus.DEAD_LETTER))));
            if (format == TextTable.Format.table) {
                out.println("Messages in the journal: " + journal.count());
            }
            TextTable.print(HEADER, rows, format, "(no destinations)", out);
            return 0;
        });
    }

    private static String count(Map<String, Long> byStatus, DeliveryStatus status) {
        return Long.toString(byStatus.getOrDefault(status.name(), 0L));
    }
}
