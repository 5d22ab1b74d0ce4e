package org.ward.users;

import java.util.List;

/** users.yaml cannot be used; every problem names the file, line and key. */
public final class UsersFileException extends Exception {

    private static final long serialVersionUID = 1L;

    /** One mistake: {@code users.yaml:12: users.bob@EXAMPLE.ORG.roles[1]: unknown role 'nurse' (known: ...)}. */
    public record Problem(String file, int line, String key, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + key + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public UsersFileException(List<Problem> problems) {
        super(problems.size() == 1 ? problems.get(0).toString()
                : problems.size() + " problems:\n  " + String.join("\n  ", problems.stream().map(Problem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
