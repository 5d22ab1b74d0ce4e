package org.ward.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ward.pki.Eui64;
import org.ward.pki.IssuedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = "List every certificate the issuing CA signed: serial, subject, EUI-64, profile, not-after, status.")
final class PkiListCommand implements Callable<Integer> {

    enum Format { table, csv }

    private static final List<String> HEADER = List.of("SERIAL", "SUBJECT", "EUI-64", "PROFILE", "NOT-AFTER", "STATUS");

    @Spec
    private CommandSpec spec;

    @Mixin
    private PkiLocation location;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or csv (RFC 4180, with a header line; default: ${DEFAULT-VALUE}).")
    private Format format;

    @Override
    public Integer call() {
        return PkiRun.run(spec, location, (pki, out) -> {
            Instant now = Instant.now();
            List<List<String>> rows = new ArrayList<>();
            for (IssuedCertificate record : pki.list()) {
                rows.add(List.of(record.serialHex(), record.subject(), record.eui64().map(Eui64::hex).orElse(""),
                        record.profile().label(), record.notAfter().toString(), record.statusAt(now).label()));
            }
            if (format == Format.csv) {
                printCsv(rows, out);
            } else {
                printTable(rows, out);
            }
            return 0;
        });
    }

    private static void printCsv(List<List<String>> rows, PrintWriter out) {
        out.println(csvLine(HEADER.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList()));
        rows.forEach(row -> out.println(csvLine(row)));
    }

    private static String csvLine(List<String> fields) {
        List<String> quoted = new ArrayList<>();
        for (String field : fields) {
            quoted.add(field.contains(",") || field.contains("\"")
                    ? "\"" + field.replace("\"", "\"\"") + "\"" : field);
        }
        return String.join(",", quoted);
    }

    private static void printTable(List<List<String>> rows, PrintWriter out) {
        int[] widths = new int[HEADER.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = HEADER.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], display(row.get(i)).length());
            }
        }
        printRow(HEADER, widths, out);
        for (List<String> row : rows) {
            printRow(row, widths, out);
        }
        if (rows.isEmpty()) {
            out.println("(no certificates issued yet)");
        }
    }

    private static void printRow(List<String> row, int[] widths, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            String cell = display(row.get(i));
            line.append(i == row.size() - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
        }
        out.println(line.toString().stripTrailing());
    }

    private static String display(String cell) {
        return cell.isEmpty() ? "-" : cell;
    }
}
