package org.ward.cli;

import java.io.PrintWriter;
import org.ward.config.ConfigError;
import org.ward.config.ConfigException;

/** Prints configuration errors one per line, the same way for check-config and run. */
final class ConfigReport {

    private ConfigReport() {
    }

    static void print(ConfigException e, PrintWriter err) {
        for (ConfigError error : e.errors()) {
            err.println(error);
        }
        err.println(e.errors().size() + (e.errors().size() == 1 ? " error" : " errors") + " in the configuration");
        err.flush();
    }
}
