package org.ward.users;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Changes users.yaml for {@code ward users}: read, check, change one account, write atomically
 * (a temporary file in the same directory, fsync, rename over the old file, fsync the directory,
 * mode 0600), under an exclusive lock on {@code .users.yaml.lock} so two administrators cannot
 * lose each other's change. A reader (the engine's hot reload) sees the old file or the new one,
 * never half of one.
 *
 * <p>The file is rewritten in a canonical layout. The comment block at the top of the file is
 * kept; comments between or after entries are not (SnakeYAML's node API does not carry them
 * reliably through a rewrite), which docs/EUA.md says.
 */
public final class UsersFileEditor {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]*");

    private final Path file;
    private final Set<String> knownRoles;

    public UsersFileEditor(Path file, Set<String> knownRoles) {
        this.file = Objects.requireNonNull(file, "file");
        this.knownRoles = Set.copyOf(knownRoles);
    }

    public UserChange add(String principal, Set<String> roles) throws IOException, UsersFileException {
        UserPrincipal.check(principal);
        for (String role : roles) {
            checkRole(role);
        }
        return edit(principal, UserChange.Kind.ADDED, Optional.empty(), existing -> {
            if (existing.isPresent()) {
                throw new IllegalArgumentException(principal + " is already listed");
            }
            return Optional.of(new UserAccount(principal, roles, false));
        });
    }

    public UserChange remove(String principal) throws IOException, UsersFileException {
        return edit(principal, UserChange.Kind.REMOVED, Optional.empty(), existing -> {
            listed(principal, existing);
            return Optional.empty();
        });
    }

    public UserChange disable(String principal) throws IOException, UsersFileException {
        return edit(principal, UserChange.Kind.DISABLED, Optional.empty(), existing -> {
            UserAccount a = listed(principal, existing);
            if (a.disabled()) {
                throw new IllegalArgumentException(principal + " is already disabled");
            }
            return Optional.of(a.withDisabled(true));
        });
    }

    public UserChange enable(String principal) throws IOException, UsersFileException {
        return edit(principal, UserChange.Kind.ENABLED, Optional.empty(), existing -> {
            UserAccount a = listed(principal, existing);
            if (!a.disabled()) {
                throw new IllegalArgumentException(principal + " is not disabled");
            }
            return Optional.of(a.withDisabled(false));
        });
    }

    public UserChange grant(String principal, String role) throws IOException, UsersFileException {
        checkRole(role);
        return edit(principal, UserChange.Kind.ROLE_GRANTED, Optional.of(role), existing -> {
            UserAccount a = listed(principal, existing);
            if (a.roles().contains(role)) {
                throw new IllegalArgumentException(principal + " already holds " + role);
            }
            Set<String> roles = new TreeSet<>(a.roles());
            roles.add(role);
            return Optional.of(a.withRoles(roles));
        });
    }

    public UserChange revoke(String principal, String role) throws IOException, UsersFileException {
        return edit(principal, UserChange.Kind.ROLE_REVOKED, Optional.of(role), existing -> {
            UserAccount a = listed(principal, existing);
            if (!a.roles().contains(role)) {
                throw new IllegalArgumentException(principal + " does not hold " + role);
            }
            Set<String> roles = new TreeSet<>(a.roles());
            roles.remove(role);
            return Optional.of(a.withRoles(roles));
        });
    }

    /** The accounts now in the file (a missing file has none). */
    public Users list() throws IOException, UsersFileException {
        return Files.exists(file) ? UsersFile.read(file, knownRoles) : new Users(List.of());
    }

    private synchronized UserChange edit(String principal, UserChange.Kind kind, Optional<String> role,
                                         Function<Optional<UserAccount>, Optional<UserAccount>> change)
            throws IOException, UsersFileException {
        UserPrincipal.check(principal);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try (FileChannel lockFile = FileChannel.open(dir.resolve("." + file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            Users users = UsersFile.parse(file.getFileName().toString(), text, knownRoles);
            List<UserAccount> accounts = new ArrayList<>();
            boolean seen = false;
            for (UserAccount a : users.all()) {
                if (a.principal().equals(principal)) {
                    seen = true;
                    change.apply(Optional.of(a)).ifPresent(accounts::add);
                } else {
                    accounts.add(a);
                }
            }
            if (!seen) {
                change.apply(Optional.empty()).ifPresent(accounts::add);
            }
            writeAtomically(render(header(text), accounts));
            return new UserChange(kind, principal, role);
        }
    }

    private void checkRole(String role) {
        if (!knownRoles.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "' (policy.yaml declares: "
                    + String.join(", ", new TreeSet<>(knownRoles)) + ")");
        }
    }

    private static UserAccount listed(String principal, Optional<UserAccount> existing) {
        return existing.orElseThrow(() -> new IllegalArgumentException(principal + " is not listed in users.yaml"));
    }

    /** The leading comment block (comments and blank lines before the first content line). */
    static String header(String text) {
        StringBuilder header = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                break;
            }
            header.append(line).append('\n');
        }
        String h = header.toString().stripTrailing();
        return h.isEmpty() ? "" : h + "\n\n";
    }

    static String render(String header, List<UserAccount> accounts) {
        StringBuilder out = new StringBuilder(header);
        if (accounts.isEmpty()) {
            return out.append("users: {}\n").toString();
        }
        out.append("users:\n");
        for (UserAccount a : accounts) {
            out.append("  ").append(yaml(a.principal())).append(":\n");
            out.append("    roles: [").append(String.join(", ", a.roles().stream().map(UsersFileEditor::yaml).toList()))
                    .append("]\n");
            if (a.disabled()) {
                out.append("    disabled: true\n");
            }
        }
        return out.toString();
    }

    private static String yaml(String s) {
        return PLAIN.matcher(s).matches() ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void writeAtomically(String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        // The rename is durable only once the directory entry is on disk.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
