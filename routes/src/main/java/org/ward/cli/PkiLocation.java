package org.ward.cli;

import java.nio.file.Path;
import org.ward.config.AuditConfig;
import org.ward.config.ConfigException;
import org.ward.config.WardConfigLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where {@code ward pki} works: {@code <data-dir>/pki} of the configuration, or {@code --pki-dir}. */
final class PkiLocation {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration whose <data-dir>/pki holds the PKI (default: config/ward.yaml).")
    private Path config;

    @Option(names = "--pki-dir", paramLabel = "DIR", description = "The PKI directory itself, instead of --config.")
    private Path pkiDir;

    /**
     * The audit settings for this PKI's records: the configuration's, or with {@code --pki-dir}
     * the defaults of its data directory (the PKI directory's parent, {@code <data-dir>/pki}).
     */
    AuditConfig auditConfig(Path pkiDirectory) throws ConfigException {
        if (pkiDir != null) {
            Path dataDir = pkiDirectory.toAbsolutePath().normalize().getParent();
            return AuditConfig.defaults(dataDir != null ? dataDir : pkiDirectory);
        }
        return WardConfigLoader.load(config != null ? config : WardCli.defaultConfig(), WardCli.home()).audit();
    }

    Path directory() throws ConfigException {
        if (pkiDir != null && config != null) {
            throw new ParameterException(mixee.commandLine(), "Give --config or --pki-dir, not both");
        }
        if (pkiDir != null) {
            return pkiDir.toAbsolutePath().normalize();
        }
        Path file = config != null ? config : WardCli.defaultConfig();
        return WardConfigLoader.load(file, WardCli.home()).dataDir().resolve("pki");
    }
}
