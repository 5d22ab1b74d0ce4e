package org.ward.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ward.config.ConfigException;
import org.ward.config.PolicyLoader;
import org.ward.config.WardConfigLoader;
import org.ward.policy.AccessPolicy;
import org.ward.policy.Explanation;
import org.ward.policy.Operation;
import org.ward.policy.PolicyDocument;
import org.ward.policy.PolicyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Shows, for every segment and field of a message, what the policy decides for a role set and
 * an operation, and which rule (file:line) decided it. Prints locations and decisions only, never
 * the message's values. Exit 0 when the message passes (perhaps changed), 1 when it is refused.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = {"Show the policy's decision and its rule (file:line) for every segment and field of a message.",
            "Exit status: 0 the message passes (perhaps with segments or fields removed), 1 it is refused,"
                    + " 2 the policy or a file has errors."})
final class PolicyExplainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
            description = "Role to explain for; repeat or separate with commas for a node or person holding several.")
    private List<String> roles;

    @Option(names = "--operation", required = true, paramLabel = "send|receive|read",
            description = "send (a node to Ward), receive (Ward to a destination) or read (a person).")
    private String operation;

    @Option(names = "--message", required = true, paramLabel = "FILE", description = "An HL7 v2 message file (ER7).")
    private Path message;

    @Option(names = "--config", paramLabel = "FILE", description = "ward.yaml whose policy to use (default: config/ward.yaml).")
    private Path config;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "A policy file to use instead, e.g. a draft before it is put in force.")
    private Path policyFile;

    @Override
    public Integer call() throws IOException {
        Operation op;
        try {
            op = Operation.parse(operation);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PolicyDocument document;
        try {
            document = policyFile != null ? PolicyLoader.load(policyFile, null)
                    : WardConfigLoader.load(config != null ? config : WardCli.defaultConfig(), WardCli.home()).policy();
        } catch (ConfigException e) {
            ConfigReport.print(e, spec.commandLine().getErr());
            return WardCli.EXIT_CONFIG;
        }
        Set<String> unknown = new LinkedHashSet<>(roles);
        unknown.removeAll(document.roles());
        if (!unknown.isEmpty()) {
            spec.commandLine().getErr().println("ward policy explain: " + document.source() + " declares no role "
                    + String.join(", ", unknown) + (document.roles().isEmpty() ? "" : "; roles: "
                    + String.join(", ", new java.util.TreeSet<>(document.roles()))));
            return WardCli.EXIT_CONFIG;
        }
        List<String> messages = MessageFile.read(message);
        PrintWriter out = spec.commandLine().getOut();
        out.println("policy " + document.source() + " (version " + document.version() + ")");
        AccessPolicy policy = AccessPolicy.compile(document);
        boolean allPassed = true;
        for (String text : messages) {
            allPassed &= explain(policy, Set.copyOf(roles), op, text, out);
        }
        return allPassed ? 0 : 1;
    }

    private static boolean explain(AccessPolicy policy, Set<String> roles, Operation op, String text, PrintWriter out) {
        Explanation explanation = new Explanation();
        PolicyResult result = policy.explain(roles, op, text, explanation);
        out.println();
        out.println(op.label() + " " + AccessPolicy.messageType(text) + " as role " + String.join(", ",
                new java.util.TreeSet<>(roles)));
        int width = explanation.entries().stream().mapToInt(e -> e.where().length()).max().orElse(8);
        for (Explanation.Entry entry : explanation.entries()) {
            out.printf("  %-" + width + "s  %-6s  %s%n", entry.where(), entry.decision().action().label(),
                    entry.decision().why());
        }
        if (!result.permitted()) {
            org.ward.policy.Decision refusal = result.refusal().get();
            out.println("result: refused: " + refusal.rule().map(r -> "reject " + r.target() + ", " + refusal.why())
                    .orElse(refusal.why()));
        } else if (result.changed()) {
            out.println("result: passes with changes: " + String.join(", ",
                    result.changes().stream().map(Object::toString).toList()));
        } else {
            out.println("result: passes unchanged");
        }
        return result.permitted();
    }
}
