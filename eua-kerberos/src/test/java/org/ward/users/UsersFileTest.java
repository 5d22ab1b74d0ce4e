package org.ward.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.AuditContext;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.model.NetworkAccessPoint;

class UsersFileTest {

    static final Set<String> ROLES = Set.of("auditor", "clinician", "admin");

    @TempDir
    Path dir;

    @Test
    void readsAccountsRolesAndTheDisabledFlag() throws Exception {
        Users users = UsersFile.parse("users.yaml", """
                users:
                  alice@EXAMPLE.ORG:
                    roles: [auditor]
                  bob@EXAMPLE.ORG:
                    roles: [clinician, admin]
                    disabled: true
                """, ROLES);
        assertThat(users.find("alice@EXAMPLE.ORG")).contains(new UserAccount("alice@EXAMPLE.ORG", Set.of("auditor"), false));
        assertThat(users.find("bob@EXAMPLE.ORG").orElseThrow().disabled()).isTrue();
        assertThat(users.find("bob@EXAMPLE.ORG").orElseThrow().roles()).containsExactly("admin", "clinician");
        assertThat(users.find("alice@OTHER.ORG")).isEmpty();
    }

    @Test
    void reportsEveryMistakeWithItsLine() {
        assertThatThrownBy(() -> UsersFile.parse("users.yaml", """
                users:
                  alice@EXAMPLE.ORG:
                    roles: [auditor, nurse]
                  not a principal:
                    roles: [auditor]
                  bob@EXAMPLE.ORG:
                    roles: auditor
                    disabled: maybe
                    colour: blue
                """, ROLES))
                .isInstanceOfSatisfying(UsersFileException.class, e -> assertThat(e.problems())
                        .extracting(Object::toString).containsExactly(
                                "users.yaml:3: users.alice@EXAMPLE.ORG.roles[1]: unknown role 'nurse' (policy.yaml declares: admin, auditor, clinician)",
                                "users.yaml:4: users: 'not a principal' is not a user principal (user@REALM)",
                                "users.yaml:7: users.bob@EXAMPLE.ORG.roles: must be a list, e.g. [auditor]",
                                "users.yaml:8: users.bob@EXAMPLE.ORG.disabled: must be true or false",
                                "users.yaml:9: users.bob@EXAMPLE.ORG.colour: unknown key (expected: roles, disabled)"));
    }

    @Test
    void reportsSyntaxErrorsAndDuplicatesWithTheirLine() {
        assertThatThrownBy(() -> UsersFile.parse("users.yaml", "users:\n  a@B:\n    roles: [auditor\n", ROLES))
                .hasMessageStartingWith("users.yaml:4: (syntax): YAML syntax error");
        assertThatThrownBy(() -> UsersFile.parse("users.yaml", "users:\n  a@B: {roles: []}\n  a@B: {roles: []}\n", ROLES))
                .hasMessage("users.yaml:3: users.a@B: listed twice");
    }

    @Test
    void editsAtomicallyKeepingTheHeaderAndReturnsAuditableChanges() throws Exception {
        Path file = dir.resolve("users.yaml");
        Files.writeString(file, "# People and their roles.\n# See docs/EUA.md.\n\nusers:\n  alice@EXAMPLE.ORG:\n    roles: [auditor]\n");
        UsersFileEditor editor = new UsersFileEditor(file, ROLES);

        UserChange added = editor.add("bob@EXAMPLE.ORG", Set.of());
        UserChange granted = editor.grant("bob@EXAMPLE.ORG", "clinician");
        UserChange disabled = editor.disable("alice@EXAMPLE.ORG");

        assertThat(Files.readString(file)).isEqualTo("""
                # People and their roles.
                # See docs/EUA.md.

                users:
                  alice@EXAMPLE.ORG:
                    roles: [auditor]
                    disabled: true
                  bob@EXAMPLE.ORG:
                    roles: [clinician]
                """);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("users.yaml", ".users.yaml.lock");
        }

        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        AuditContext context = AuditContext.applicationServer("ward@test", null, NetworkAccessPoint.machineName("localhost"));
        AuditMessage roles = granted.auditByProcess(context, clock, "ward users grant", "root");
        AuditMessage account = disabled.auditByProcess(context, clock, "ward users disable", "root");
        assertThat(roles.eventIdentification().eventTypeCodes().get(0).code()).isEqualTo("110136");
        assertThat(account.eventIdentification().eventTypeCodes().get(0).code()).isEqualTo("110137");
        assertThat(added.description()).isEqualTo("added");
        assertThat(granted.description()).isEqualTo("granted role clinician");

        editor.revoke("bob@EXAMPLE.ORG", "clinician");
        editor.enable("alice@EXAMPLE.ORG");
        editor.remove("bob@EXAMPLE.ORG");
        assertThat(editor.list().all()).containsExactly(new UserAccount("alice@EXAMPLE.ORG", Set.of("auditor"), false));
    }

    @Test
    void refusesEditsThatMakeNoSense() throws Exception {
        UsersFileEditor editor = new UsersFileEditor(dir.resolve("users.yaml"), ROLES);
        editor.add("alice@EXAMPLE.ORG", Set.of("auditor"));
        assertThatThrownBy(() -> editor.add("alice@EXAMPLE.ORG", Set.of())).hasMessage("alice@EXAMPLE.ORG is already listed");
        assertThatThrownBy(() -> editor.grant("alice@EXAMPLE.ORG", "nurse")).hasMessageStartingWith("unknown role 'nurse'");
        assertThatThrownBy(() -> editor.disable("carol@EXAMPLE.ORG")).hasMessage("carol@EXAMPLE.ORG is not listed in users.yaml");
        assertThatThrownBy(() -> editor.add("HTTP/host@EXAMPLE.ORG", Set.of())).hasMessageStartingWith("not a user principal");
    }
}
