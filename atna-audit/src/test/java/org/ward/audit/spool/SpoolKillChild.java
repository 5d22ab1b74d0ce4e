package org.ward.audit.spool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a separate JVM by {@link FileAuditSpoolKillTest}: appends records forever and prints
 * "durable SEQ ID" after each append returned, until the parent kills it with SIGKILL.
 * Arguments: spool directory, run tag written into each record.
 */
public final class SpoolKillChild {

    private SpoolKillChild() {
    }

    public static void main(String[] args) throws Exception {
        SpoolConfig config = new SpoolConfig(Path.of(args[0]), 64L << 20, 64 << 10, 4096, Duration.ofMillis(50));
        FileAuditSpool spool = FileAuditSpool.open(config, SpoolListener.NONE);
        for (int id = 1; ; id++) {
            String xml = "<AuditMessage run=\"" + args[1] + "\" id=\"" + id + "\">" + "x".repeat(300)
                    + "</AuditMessage>";
            long seq = spool.append(xml.getBytes(StandardCharsets.UTF_8));
            System.out.println("durable " + seq + " " + id);
            System.out.flush();
        }
    }
}
