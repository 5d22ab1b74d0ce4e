package org.ward.cli;

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

    private static final List<String> HEADER = List.of("SERIAL", "SUBJECT", "EUI-64", "PROFILE", "NOT-AFTER", "STATUS");

    @Spec
    private CommandSpec spec;

    @Mixin
    private PkiLocation location;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or csv (RFC 4180, with a header line; default: ${DEFAULT-VALUE}).")
    private TextTable.Format format;

    @Override
    public Integer call() {
        return PkiRun.run(spec, location, (pki, out) -> {
            Instant now = Instant.now();
            List<List<String>> rows = new ArrayList<>();
            for (IssuedCertificate record : pki.list()) {
                rows.add(List.of(record.serialHex(), record.subject(), record.eui64().map(Eui64::hex).orElse(""),
                        record.profile().label(), record.notAfter().toString(), record.statusAt(now).label()));
            }
            TextTable.print(HEADER, rows, format, "(no certificates issued yet)", out);
            return 0;
        });
    }
}
