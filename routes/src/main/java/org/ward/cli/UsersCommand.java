package org.ward.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.ward.config.ConfigException;
import org.ward.config.WardConfig;
import org.ward.config.WardConfigLoader;
import org.ward.engine.CommandAudit;
import java.util.Arrays;
import java.util.Optional;
import org.ward.config.EuaSettings;
import org.ward.http.HttpApi;
import org.ward.kdc.EmbeddedKdcUsers;
import org.ward.users.UserAccount;
import org.ward.users.UserChange;
import org.ward.users.UsersFileEditor;
import org.ward.users.UsersFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ward users}: edits users.yaml (the people who sign in with Kerberos and their roles, the
 * roles of policy.yaml) atomically, one change per command, each audited (110137 User Security
 * Attributes Changed, 110136 Security Roles Changed).
 */
@Command(name = "users", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = "Manage users.yaml: the Kerberos principals (user@REALM) who may use Ward's API, and their roles.")
final class UsersCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "ward.yaml whose policy declares the roles (default: config/ward.yaml).")
    private Path config;

    @Option(names = "--users", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The users file (default: users.yaml next to ward.yaml).")
    private Path usersFile;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: add, remove, disable, enable, list, grant or revoke");
    }

    @Command(name = "add", description = "Add a user with roles (at least one).")
    int add(@Parameters(paramLabel = "USER@REALM") String principal,
            @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE") List<String> roles) {
        return change("add", editor -> editor.add(principal, new LinkedHashSet<>(roles)));
    }

    @Command(name = "remove", description = "Remove a user.")
    int remove(@Parameters(paramLabel = "USER@REALM") String principal) {
        return change("remove", editor -> editor.remove(principal));
    }

    @Command(name = "disable", description = "Keep the user but refuse their sign-in.")
    int disable(@Parameters(paramLabel = "USER@REALM") String principal) {
        return change("disable", editor -> editor.disable(principal));
    }

    @Command(name = "enable", description = "Let a disabled user sign in again.")
    int enable(@Parameters(paramLabel = "USER@REALM") String principal) {
        return change("enable", editor -> editor.enable(principal));
    }

    @Command(name = "grant", description = "Give a user a role.")
    int grant(@Parameters(index = "0", paramLabel = "USER@REALM") String principal,
              @Parameters(index = "1", paramLabel = "ROLE") String role) {
        return change("grant", editor -> editor.grant(principal, role));
    }

    @Command(name = "revoke", description = "Take a role from a user.")
    int revoke(@Parameters(index = "0", paramLabel = "USER@REALM") String principal,
               @Parameters(index = "1", paramLabel = "ROLE") String role) {
        return change("revoke", editor -> editor.revoke(principal, role));
    }

    @Command(name = "list", description = "List the users, their roles and whether they are disabled.")
    int list() {
        Loaded loaded = load();
        if (loaded == null) {
            return WardCli.EXIT_CONFIG;
        }
        try {
            PrintWriter out = spec.commandLine().getOut();
            for (UserAccount account : loaded.editor().list().all()) {
                out.println(account.principal() + "  " + String.join(",", new TreeSet<>(account.roles()))
                        + (account.disabled() ? "  (disabled)" : ""));
            }
            return 0;
        } catch (IOException | UsersFileException e) {
            spec.commandLine().getErr().println("ward users list: " + e.getMessage());
            return WardCli.EXIT_CONFIG;
        }
    }

    /** One edit of the users file. */
    @FunctionalInterface
    private interface Edit {
        UserChange apply(UsersFileEditor editor) throws IOException, UsersFileException;
    }

    private record Loaded(WardConfig config, UsersFileEditor editor, Path file) {
    }

    private int change(String verb, Edit edit) {
        Loaded loaded = load();
        if (loaded == null) {
            return WardCli.EXIT_CONFIG;
        }
        UserChange change;
        try {
            change = edit.apply(loaded.editor());
        } catch (UsersFileException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("ward users " + verb + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("ward users " + verb + ": " + loaded.file() + " could not be written: " + e);
            return 1;
        }
        try (CommandAudit audit = CommandAudit.open(loaded.config().audit())) {
            audit.userChanged(change, "ward users " + verb);
        } catch (IOException e) {
            spec.commandLine().getErr().println("ward users " + verb + ": the change is made but its audit record could"
                    + " not be spooled: " + e);
            return 1;
        }
        spec.commandLine().getOut().println(change.principal() + ": " + change.description());
        return embeddedKdc(verb, loaded.config(), change.principal());
    }

    /**
     * With {@code eua.kdc: embedded}, {@code add} also gives the user a principal in the demo KDC (a
     * generated password, printed once; the running KDC picks it up within a second) and {@code remove}
     * takes it away. An external realm's principals are the realm administrator's business.
     */
    private int embeddedKdc(String verb, WardConfig config, String principal) {
        Optional<EuaSettings> eua = config.eua().filter(e -> e.kdc() == EuaSettings.Kdc.EMBEDDED);
        if (eua.isEmpty() || !(verb.equals("add") || verb.equals("remove"))
                || !principal.endsWith("@" + eua.get().realm())) {
            return 0;
        }
        EmbeddedKdcUsers kdcUsers = new EmbeddedKdcUsers(config.dataDir().resolve(HttpApi.KDC_DIRECTORY),
                eua.get().realm());
        try {
            if (verb.equals("add")) {
                char[] password = kdcUsers.add(principal);
                spec.commandLine().getOut().println("embedded KDC (demo realm " + eua.get().realm() + "): password for "
                        + principal + ", shown once: " + new String(password));
                Arrays.fill(password, '\0');
            } else {
                kdcUsers.remove(principal);
                spec.commandLine().getOut().println("embedded KDC: " + principal + " can no longer get tickets");
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("ward users " + verb + ": users.yaml is changed, but the embedded KDC's"
                    + " principal could not be: " + e.getMessage());
            return 1;
        }
    }

    private Loaded load() {
        Path configFile = config != null ? config : WardCli.defaultConfig();
        try {
            WardConfig loaded = WardConfigLoader.load(configFile, WardCli.home());
            Path file = usersFile != null ? usersFile
                    : loaded.api().map(org.ward.config.ApiSettings::usersFile)
                            .orElse(configFile.toAbsolutePath().getParent().resolve("users.yaml"));
            Set<String> roles = loaded.policy().roles();
            return new Loaded(loaded, new UsersFileEditor(file, roles), file);
        } catch (ConfigException e) {
            ConfigReport.print(e, spec.commandLine().getErr());
            return null;
        }
    }
}
