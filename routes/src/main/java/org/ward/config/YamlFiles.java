package org.ward.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads an operator's YAML file into SnakeYAML's node tree, reporting a missing, unreadable or malformed file. */
final class YamlFiles {

    private YamlFiles() {
    }

    /**
     * @param whenEmpty what to tell the operator when the file holds nothing
     * @return the root node; empty after reporting why there is none
     */
    static Optional<Node> compose(Path file, Problems problems, String whenEmpty) {
        Mark start = null;
        if (!Files.exists(file)) {
            problems.at(start, "(file)", "configuration file does not exist");
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            problems.at(start, "(file)", "is a directory, not a configuration file");
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            problems.at(start, "(file)", "is not valid UTF-8");
            return Optional.empty();
        } catch (IOException e) {
            problems.at(start, "(file)", "cannot be read: " + e);
            return Optional.empty();
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            problems.at(mark, "(syntax)", "YAML syntax error: " + context + e.getProblem());
            return Optional.empty();
        } catch (YAMLException e) {
            problems.at(start, "(syntax)", "YAML error: " + e.getMessage());
            return Optional.empty();
        }
        if (root == null || YamlValues.isNull(root)) {
            problems.at(start, "(file)", whenEmpty);
            return Optional.empty();
        }
        return Optional.of(root);
    }
}
