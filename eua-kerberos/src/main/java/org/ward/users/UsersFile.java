package org.ward.users;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads users.yaml with SnakeYAML's node API, so that every mistake is reported with its line,
 * and all mistakes at once:
 *
 * <pre>
 * users:
 *   alice@EXAMPLE.ORG:
 *     roles: [auditor]
 *   bob@EXAMPLE.ORG:
 *     roles: [clinician, analyst]
 *     disabled: true
 * </pre>
 *
 * Roles must be among the names policy.yaml declares; a user with no roles is allowed (it can
 * log in to nothing but {@code /logout}) so that {@code ward users add} can precede {@code grant}.
 */
public final class UsersFile {

    private UsersFile() {
    }

    /** Reads {@code file}; a missing file is an error (the engine decides whether none means nobody). */
    public static Users read(Path file, Set<String> knownRoles) throws UsersFileException {
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw single(name, 0, "(file)", "is not valid UTF-8");
        } catch (IOException e) {
            throw single(name, 0, "(file)", "cannot be read: " + e.getMessage());
        }
        return parse(name, text, knownRoles);
    }

    /** Parses users.yaml text; {@code name} is how problems name the file. */
    public static Users parse(String name, String text, Set<String> knownRoles) throws UsersFileException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(0);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw single(name, mark == null ? 0 : mark.getLine() + 1, "(syntax)", "YAML syntax error: " + e.getProblem());
        } catch (YAMLException e) {
            throw single(name, 0, "(syntax)", "YAML error: " + e.getMessage());
        }
        List<UsersFileException.Problem> problems = new ArrayList<>();
        List<UserAccount> accounts = new ArrayList<>();
        if (root == null) {
            return new Users(accounts);
        }
        if (!(root instanceof MappingNode top)) {
            throw single(name, line(root), "(top)", "must be a mapping with the key 'users'");
        }
        for (NodeTuple entry : top.getValue()) {
            String key = scalar(entry.getKeyNode());
            if (!"users".equals(key)) {
                problems.add(problem(name, entry.getKeyNode(), String.valueOf(key), "unknown key (expected: users)"));
                continue;
            }
            Node usersNode = entry.getValueNode();
            if (isNull(usersNode)) {
                continue;
            }
            if (!(usersNode instanceof MappingNode users)) {
                problems.add(problem(name, usersNode, "users", "must map user@REALM to its roles"));
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (NodeTuple user : users.getValue()) {
                readUser(name, user, knownRoles, seen, accounts, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new UsersFileException(problems);
        }
        return new Users(accounts);
    }

    private static void readUser(String name, NodeTuple user, Set<String> knownRoles, Set<String> seen,
                                 List<UserAccount> accounts, List<UsersFileException.Problem> problems) {
        String principal = scalar(user.getKeyNode());
        String key = "users." + principal;
        if (!UserPrincipal.isValid(principal)) {
            problems.add(problem(name, user.getKeyNode(), "users", "'" + principal
                    + "' is not a user principal (user@REALM)"));
            return;
        }
        if (!seen.add(principal)) {
            problems.add(problem(name, user.getKeyNode(), key, "listed twice"));
            return;
        }
        Set<String> roles = new LinkedHashSet<>();
        boolean disabled = false;
        Node body = user.getValueNode();
        if (!isNull(body)) {
            if (!(body instanceof MappingNode fields)) {
                problems.add(problem(name, body, key, "must be a mapping with 'roles' and optionally 'disabled'"));
                return;
            }
            for (NodeTuple field : fields.getValue()) {
                String fieldName = scalar(field.getKeyNode());
                Node value = field.getValueNode();
                if ("roles".equals(fieldName)) {
                    if (!(value instanceof SequenceNode list)) {
                        problems.add(problem(name, value, key + ".roles", "must be a list, e.g. [auditor]"));
                        continue;
                    }
                    for (int i = 0; i < list.getValue().size(); i++) {
                        Node item = list.getValue().get(i);
                        String role = scalar(item);
                        if (role == null || !knownRoles.contains(role)) {
                            problems.add(problem(name, item, key + ".roles[" + i + "]", "unknown role '" + role
                                    + "' (policy.yaml declares: " + String.join(", ", new TreeSet<>(knownRoles)) + ")"));
                        } else if (!roles.add(role)) {
                            problems.add(problem(name, item, key + ".roles[" + i + "]", "role '" + role + "' listed twice"));
                        }
                    }
                } else if ("disabled".equals(fieldName)) {
                    if (!(value instanceof ScalarNode s) || !(s.getTag().equals(Tag.BOOL))) {
                        problems.add(problem(name, value, key + ".disabled", "must be true or false"));
                    } else {
                        disabled = Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
                    }
                } else {
                    problems.add(problem(name, field.getKeyNode(), key + "." + fieldName,
                            "unknown key (expected: roles, disabled)"));
                }
            }
        }
        accounts.add(new UserAccount(principal, roles, disabled));
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static UsersFileException.Problem problem(String file, Node node, String key, String message) {
        return new UsersFileException.Problem(file, line(node), key, message);
    }

    private static UsersFileException single(String file, int line, String key, String message) {
        return new UsersFileException(List.of(new UsersFileException.Problem(file, line, key, message)));
    }
}
