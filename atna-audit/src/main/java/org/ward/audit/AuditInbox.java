package org.ward.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.audit.spool.AuditSpool;
import org.ward.audit.spool.FileAuditSpool;
import org.ward.audit.spool.SpoolConfig;
import org.ward.audit.spool.SpoolEntry;
import org.ward.audit.spool.SpoolListener;

/**
 * Audit records written by short-lived {@code ward} commands (e.g. {@code ward pki revoke}) while
 * the engine holds the main spool: each command spools into its own directory under the inbox,
 * durably, and the engine moves those records into its spool (append, then acknowledge, then
 * delete) at start-up and every few seconds. A record is in at least one spool at every moment.
 */
public final class AuditInbox {

    private static final Logger LOG = LoggerFactory.getLogger(AuditInbox.class);
    private static final long SMALL_CAP = 16L * 1024 * 1024;
    private static final long SMALL_SEGMENT = 1024L * 1024;
    private static final int MAX_RECORD = 256 * 1024;

    private final Path root;

    /** @param root the inbox directory, conventionally the spool directory's sibling {@code <spool>-inbox} */
    public AuditInbox(Path root) {
        this.root = root;
    }

    public static Path besideSpool(Path spoolDirectory) {
        return spoolDirectory.resolveSibling(spoolDirectory.getFileName() + "-inbox");
    }

    /** A spool of its own for one command; close it when the command ends. */
    public FileAuditSpool openForCommand() throws IOException {
        Files.createDirectories(root);
        Path directory = root.resolve(System.currentTimeMillis() + "-" + ProcessHandle.current().pid());
        return FileAuditSpool.open(config(directory), SpoolListener.NONE);
    }

    /** Moves every record of every closed command spool into {@code target}; returns how many moved. */
    public int moveInto(AuditSpool target) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int moved = 0;
        try (Stream<Path> entries = Files.list(root)) {
            for (Path directory : entries.filter(Files::isDirectory).sorted().toList()) {
                moved += moveOne(directory, target);
            }
        } catch (IOException e) {
            LOG.error("audit inbox {} cannot be read: {}", root, e.getMessage());
        }
        return moved;
    }

    private int moveOne(Path directory, AuditSpool target) {
        int moved = 0;
        try (FileAuditSpool source = FileAuditSpool.open(config(directory), SpoolListener.NONE)) {
            while (true) {
                List<SpoolEntry> batch = source.read(source.drainPosition(), 100);
                if (batch.isEmpty()) {
                    break;
                }
                for (SpoolEntry entry : batch) {
                    target.append(entry.payload());
                    source.acknowledge(entry.sequence());
                    moved++;
                }
            }
        } catch (IOException e) {
            // Still locked by a running command, or damaged: left in place for the next round.
            LOG.debug("audit inbox {} not moved yet: {}", directory, e.getMessage());
            return moved;
        }
        delete(directory);
        return moved;
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("emptied audit inbox {} could not be removed: {}", directory, e.getMessage());
        }
    }

    private static SpoolConfig config(Path directory) {
        return new SpoolConfig(directory, SMALL_CAP, SMALL_SEGMENT, MAX_RECORD, java.time.Duration.ZERO);
    }
}
