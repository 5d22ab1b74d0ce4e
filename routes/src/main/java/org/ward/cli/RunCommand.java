package org.ward.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ward.camel.YamlRouteReader;
import org.ward.config.ConfigException;
import org.ward.config.WardConfig;
import org.ward.config.WardConfigLoader;
import org.ward.engine.ListeningAddress;
import org.ward.engine.WardEngine;
import org.ward.http.HttpApi;
import org.ward.pki.DevelopmentPkiFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(name = "run", description = "Start the engine (default: config/ward.yaml); SIGTERM or Ctrl-C stops it gracefully.")
final class RunCommand implements Callable<Integer> {

    /** Shipped with the repository, so the printed send command works from a fresh clone. */
    static final String EXAMPLE_MESSAGE = "config/examples/pcd-01-blood-pressure.hl7";

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: config/ward.yaml).")
    private Path config;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        WardConfig wardConfig;
        try {
            wardConfig = WardConfigLoader.load(config != null ? config : WardCli.defaultConfig(), WardCli.home(),
                    new YamlRouteReader());
        } catch (ConfigException e) {
            ConfigReport.print(e, spec.commandLine().getErr());
            spec.commandLine().getErr().println("ward run: not started");
            return WardCli.EXIT_CONFIG;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        WardEngine engine = WardEngine.start(wardConfig);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                engine.close();
                stopped.countDown();
            }
        };
        // SIGTERM is the normal way a service manager stops Ward: stop gracefully and exit 0 rather
        // than the JVM's 143, so the stop is not reported as a failure.
        Signal.handle(new Signal("TERM"), signal -> stop.run());
        Signal.handle(new Signal("INT"), signal -> stop.run());
        try {
            printBanner(out, wardConfig, engine);
        } catch (IOException | RuntimeException e) {
            // Never leave a running engine behind a failed start-up: stop it (audited) before failing.
            stop.run();
            throw e;
        }
        stopped.await();
        return 0;
    }

    private static void printBanner(PrintWriter out, WardConfig config, WardEngine engine) throws IOException {
        Path home = WardCli.home();
        out.println("Ward is running (config " + config.source() + ", data " + config.dataDir() + ")");
        for (ListeningAddress address : engine.addresses()) {
            out.println("  " + address.listener() + ": " + address.protocol() + " listening on " + address.hostAndPort());
        }
        if (engine.auditRepository().isPresent()) {
            out.println("  audit repository: syslog+tls (RFC 5425) listening on "
                    + engine.auditRepository().get().address().getAddress().getHostAddress() + ":"
                    + engine.auditRepository().get().address().getPort() + ", store "
                    + engine.auditRepository().get().store().config().kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (engine.httpApi().isPresent()) {
            HttpApi api = engine.httpApi().get();
            out.println("  HTTPS API: " + api.url("/") + " (Kerberos only: " + api.servicePrincipal() + ")");
            if (api.embeddedKdc().isPresent()) {
                out.println("  embedded KDC (demos only) for realm " + api.embeddedKdc().get().realm() + " on 127.0.0.1:"
                        + api.embeddedKdc().get().port() + (api.demoPasswords().isEmpty()
                        ? "; users: ./ward users add NAME@" + api.embeddedKdc().get().realm() + " --role auditor"
                        : "; new users' passwords, shown once:"));
                api.demoPasswords().forEach((principal, password) ->
                        out.println("    " + principal + "  " + new String(password)));
                out.println("Search the audit repository as an auditor:");
                out.println("  export KRB5_CONFIG=" + relative(home, api.krb5Conf()));
                out.println("  kinit NAME@" + api.embeddedKdc().get().realm());
                out.println("  curl --negotiate -u : --cacert " + relative(home,
                        config.dataDir().resolve("pki").resolve("trust-anchors.pem")) + " '"
                        + api.url("/fhir/AuditEvent?date=ge" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)) + "'");
            }
        }
        if (engine.developmentPki().isPresent() && !engine.addresses().isEmpty()) {
            DevelopmentPkiFiles pki = engine.developmentPki().get();
            out.println("  development PKI: " + pki.trustAnchors().getParent());
            Path example = DevelopmentExample.write(home, config.dataDir(), pki);
            out.println("Send a test message as the development device:");
            out.println("  ./ward send --to " + engine.addresses().get(0).hostAndPort()
                    + " --cert " + relative(home, pki.deviceP12())
                    + " --trust " + relative(home, pki.trustAnchors())
                    + " " + relative(home, example));
        }
        out.println("Stop with Ctrl-C or SIGTERM.");
        out.flush();
    }

    private static String relative(Path home, Path file) {
        return file.startsWith(home) ? home.relativize(file).toString() : file.toString();
    }
}
