package org.ward.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads the Camel YAML DSL route files of {@code camel-routes} for the loader's checks. Parsing them
 * takes Camel, which this package does not use, so the loader is given an implementation
 * ({@code org.ward.camel.YamlRouteReader}); without one, the files are listed but not read.
 */
@FunctionalInterface
public interface CamelRouteReader {

    /** Parses {@code files} (absolute, in name order) and says what their routes consume and send to. */
    CamelRouteFacts read(List<Path> files);
}
