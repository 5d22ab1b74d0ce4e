package org.ward.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ward} command line. The launcher script sets {@code -Dward.home} to its own folder. */
@Command(name = "ward", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = "Ward: a secure IHE/HL7 v2 interface engine (MLLP over mutual TLS).",
        subcommands = {RunCommand.class, CheckConfigCommand.class, SendCommand.class, PkiCommand.class,
                MessagesCommand.class, StatusCommand.class, PolicyCommand.class, BenchCommand.class, UsersCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class})
public final class WardCli {

    /** Exit code for configuration errors and usage errors. */
    static final int EXIT_CONFIG = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new WardCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("ward " + cmd.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        return cli;
    }

    /** The installation folder: relative paths in ward.yaml resolve against it. */
    static Path home() {
        return Path.of(System.getProperty("ward.home", ".")).toAbsolutePath().normalize();
    }

    static Path defaultConfig() {
        return home().resolve("config").resolve("ward.yaml");
    }
}
