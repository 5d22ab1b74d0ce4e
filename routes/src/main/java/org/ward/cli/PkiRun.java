package org.ward.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.ward.config.ConfigException;
import org.ward.pki.FacilityPki;
import org.ward.config.AuditConfig;
import org.ward.engine.CommandAudit;
import org.ward.pki.PkiException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What every {@code ward pki} command shares: finding the directory, opening the PKI, and turning
 * failures into exit codes (0 done, 1 the PKI operation failed, 2 usage or configuration error).
 */
final class PkiRun {

    static final int EXIT_FAILED = 1;

    /** One {@code ward pki} operation on an opened PKI; returns the exit code. */
    @FunctionalInterface
    interface Action {
        int run(FacilityPki pki, PrintWriter out) throws IOException;
    }

    private PkiRun() {
    }

    static int run(CommandSpec spec, PkiLocation location, Action action) {
        PrintWriter err = spec.commandLine().getErr();
        String command = spec.qualifiedName();
        Path directory;
        AuditConfig auditConfig;
        try {
            directory = location.directory();
            auditConfig = location.auditConfig(directory);
        } catch (ConfigException e) {
            ConfigReport.print(e, err);
            return WardCli.EXIT_CONFIG;
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CommandAudit audit = CommandAudit.open(auditConfig)) {
            FacilityPki pki = new FacilityPki(directory, Clock.systemUTC(), new SecureRandom(), audit, actor());
            int exit = action.run(pki, out);
            out.flush();
            return exit;
        } catch (ParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // Requests check themselves (IssueRequest, RevocationReason): what they refuse is a usage error.
            err.println(command + ": " + e.getMessage());
            return WardCli.EXIT_CONFIG;
        } catch (PkiException e) {
            err.println(command + ": " + e.getMessage());
            return EXIT_FAILED;
        } catch (IOException e) {
            err.println(command + ": " + describe(e));
            return EXIT_FAILED;
        }
    }

    /** The operating-system user, for the audit trail of PKI changes. */
    static String actor() {
        return System.getProperty("user.name", "unknown") + " (ward pki)";
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
