package org.ward.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ward.camel.YamlRouteReader;
import org.ward.config.ConfigException;
import org.ward.config.WardConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check-config", description = "Validate a configuration file and its Camel route files; print every error as file:line:column key: message.")
final class CheckConfigCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Configuration file (default: config/ward.yaml).")
    private Path file;

    @Override
    public Integer call() {
        Path config = file != null ? file : WardCli.defaultConfig();
        try {
            org.ward.config.WardConfig loaded = WardConfigLoader.load(config, WardCli.home(), new YamlRouteReader());
            spec.commandLine().getOut().println(config + ": OK");
            org.ward.policy.PolicyDocument policy = loaded.policy();
            if (policy.version().equals("none")) {
                spec.commandLine().getOut().println("warning: no access policy (" + policy.source()
                        + " does not exist): every message will be refused");
            } else {
                spec.commandLine().getOut().println("policy " + policy.source() + ": OK (version " + policy.version() + ", "
                        + policy.roles().size() + " roles, " + policy.nodes().size() + " node bindings, "
                        + policy.rules().size() + " rules)");
            }
            return 0;
        } catch (ConfigException e) {
            ConfigReport.print(e, spec.commandLine().getErr());
            return WardCli.EXIT_CONFIG;
        }
    }
}
