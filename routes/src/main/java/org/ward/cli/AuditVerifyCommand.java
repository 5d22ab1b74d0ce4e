package org.ward.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ward.audit.repository.AuditRepository;
import org.ward.audit.repository.AuditStoreConfig;
import org.ward.audit.repository.VerifyResult;
import org.ward.config.ConfigException;
import org.ward.config.WardConfig;
import org.ward.config.WardConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Walks the audit repository's hash chain and signed checkpoints and says whether it is intact (exit 0)
 * or where it was first broken (exit 1): an updated, deleted or truncated record is found.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = {"Check every record's hash and every checkpoint signature of the audit repository.",
            "Exit status: 0 intact, 1 tampered (the first broken record is named), 2 no repository or configuration errors."})
final class AuditVerifyCommand implements Callable<Integer> {

    private static final int BAR = 30;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "ward.yaml (default: config/ward.yaml).")
    private Path config;

    @Override
    public Integer call() {
        WardConfig loaded;
        try {
            loaded = WardConfigLoader.load(config != null ? config : WardCli.defaultConfig(), WardCli.home());
        } catch (ConfigException e) {
            ConfigReport.print(e, spec.commandLine().getErr());
            return WardCli.EXIT_CONFIG;
        }
        AuditStoreConfig store = loaded.auditRepository().map(r -> r.storeConfig(loaded.dataDir()))
                .orElseGet(() -> AuditStoreConfig.h2(loaded.dataDir()));
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(store.directory())) {
            err.println("ward audit verify: no audit repository in " + store.directory());
            return WardCli.EXIT_CONFIG;
        }
        long[] shown = {-1};
        VerifyResult result = AuditRepository.verify(store, (checked, total) -> {
            long percent = total == 0 ? 100 : Math.min(100, checked * 100 / total);
            if (percent != shown[0]) {
                shown[0] = percent;
                int filled = (int) (percent * BAR / 100);
                err.print("\rverifying [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + percent + " % ("
                        + checked + " of " + total + ")");
                err.flush();
            }
        });
        err.println();
        spec.commandLine().getOut().println(result.describe());
        return result.exitCode();
    }
}
