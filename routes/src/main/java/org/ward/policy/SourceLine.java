package org.ward.policy;

import java.nio.file.Path;
import java.util.Objects;

/** Where a rule or binding was written, so every decision can name it ({@code policy.yaml:42}). */
public record SourceLine(Path file, int line) {

    public SourceLine {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("lines are 1-based, got " + line);
        }
    }

    @Override
    public String toString() {
        Path name = file.getFileName();
        return (name == null ? file : name) + ":" + line;
    }
}
