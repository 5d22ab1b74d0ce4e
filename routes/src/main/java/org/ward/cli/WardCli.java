package org.ward.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ward} command line. The launcher script sets {@code -Dward.home} to its own folder. */
@Command(name = "ward", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = "Ward: a secure IHE/HL7 v2 interface engine (MLLP over mutual TLS).")
public final class WardCli {

    /** Exit code for configuration errors and usage errors. */
    static final int EXIT_CONFIG = 2;

    /**
     * The subcommands, in the order {@code ward --help} lists them. Picocli builds a command's model
     * (reflection over its options and everything they name) when the command is added, so they are
     * added here rather than in {@code @Command(subcommands = …)}, where {@code ward run} would pay
     * for all of them at every start.
     */
    private static final List<Supplier<Object>> SUBCOMMANDS = List.of(RunCommand::new, CheckConfigCommand::new,
            SendCommand::new, PkiCommand::new, MessagesCommand::new, StatusCommand::new, PolicyCommand::new,
            BenchCommand::new, UsersCommand::new, AuditCommand::new, CommandLine.HelpCommand::new);

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** Every command. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new WardCli());
        SUBCOMMANDS.forEach(command -> cli.addSubcommand(command.get()));
        return configured(cli);
    }

    /**
     * The command line for {@code args}: {@code ward run …} needs only {@code run}, and parses the
     * same with it alone; anything else gets every command (help, suggestions for a typo).
     */
    static CommandLine commandLine(String[] args) {
        if (args.length > 0 && args[0].equals("run")) {
            return configured(new CommandLine(new WardCli()).addSubcommand(new RunCommand()));
        }
        return commandLine();
    }

    private static CommandLine configured(CommandLine cli) {
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
