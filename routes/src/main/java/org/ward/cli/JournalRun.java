package org.ward.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import org.ward.config.ConfigException;
import org.ward.config.WardConfig;
import org.ward.config.WardConfigLoader;
import org.ward.engine.JournalWiring;
import org.ward.store.JournalException;
import org.ward.store.MessageJournal;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What {@code ward messages} and {@code ward status} share: loading {@code --config}, opening its
 * journal, and turning failures into exit codes (0 done, 1 the operation failed, 2 usage or
 * configuration error).
 */
final class JournalRun {

    static final int EXIT_FAILED = 1;

    /**
     * H2's DATABASE_ALREADY_OPEN_1: another process holds the database file's lock. H2 answers at once
     * rather than waiting for the lock, so the command fails instead of hanging.
     */
    private static final int H2_DATABASE_IN_USE = 90020;
    static final String IN_USE = "the journal is in use by a running Ward; stop it or use PostgreSQL";

    /** The {@code --config} option. */
    static final class Location {
        @Option(names = "--config", paramLabel = "FILE",
                description = "Configuration whose journal to open (default: config/ward.yaml).")
        Path config;

        WardConfig load() throws ConfigException {
            return WardConfigLoader.load(config != null ? config : WardCli.defaultConfig(), WardCli.home());
        }
    }

    /** One operation on an opened journal; returns the exit code. */
    @FunctionalInterface
    interface Action {
        int run(MessageJournal journal, WardConfig config, PrintWriter out);
    }

    private JournalRun() {
    }

    static int run(CommandSpec spec, Location location, Action action) {
        PrintWriter err = spec.commandLine().getErr();
        String command = spec.qualifiedName();
        WardConfig config;
        try {
            config = location.load();
        } catch (ConfigException e) {
            ConfigReport.print(e, err);
            return WardCli.EXIT_CONFIG;
        }
        PrintWriter out = spec.commandLine().getOut();
        try (MessageJournal journal = JournalWiring.open(config.journal(), config.dataDir())) {
            int exit = action.run(journal, config, out);
            out.flush();
            return exit;
        } catch (ParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            err.println(command + ": " + e.getMessage());
            return WardCli.EXIT_CONFIG;
        } catch (JournalException e) {
            err.println(command + ": " + (inUse(e) ? IN_USE : describe(e)));
            return EXIT_FAILED;
        }
    }

    private static boolean inUse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE) {
                return true;
            }
            if (cause.getMessage() != null && cause.getMessage().contains("error " + H2_DATABASE_IN_USE)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        // Journal and schema failures keep row values out of their own messages; the causes say which part failed.
        if (failure.getCause() instanceof JournalException cause) {
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }
}
