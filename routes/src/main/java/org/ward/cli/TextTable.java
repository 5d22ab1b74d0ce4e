package org.ward.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Rows for operators: aligned columns ({@code -} for empty cells), or RFC 4180 CSV with a header line. */
final class TextTable {

    enum Format { table, csv }

    private TextTable() {
    }

    /** Prints {@code rows} under {@code header}; {@code whenEmpty} says so in a table that has no rows. */
    static void print(List<String> header, List<List<String>> rows, Format format, String whenEmpty,
                      PrintWriter out) {
        if (format == Format.csv) {
            out.println(csvLine(header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList()));
            rows.forEach(row -> out.println(csvLine(row)));
            return;
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], display(row.get(i)).length());
            }
        }
        printRow(header, widths, out);
        rows.forEach(row -> printRow(row, widths, out));
        if (rows.isEmpty()) {
            out.println(whenEmpty);
        }
    }

    private static String csvLine(List<String> fields) {
        List<String> quoted = new ArrayList<>();
        for (String field : fields) {
            quoted.add(field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")
                    ? "\"" + field.replace("\"", "\"\"") + "\"" : field);
        }
        return String.join(",", quoted);
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
