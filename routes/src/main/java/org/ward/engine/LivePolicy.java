package org.ward.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.config.ConfigError;
import org.ward.config.ConfigException;
import org.ward.config.PolicyLoader;
import org.ward.policy.AccessPolicy;
import org.ward.policy.PolicyDocument;

/**
 * The access policy in force. When its file changes, the new file is read and checked as a whole;
 * a good one replaces the old in one step (a message is judged by one version, never a mix), a bad
 * one is refused with its errors and the old stays in force. Both are audited (110136).
 */
public final class LivePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(LivePolicy.class);

    private final Path file;
    private final Set<String> destinations;
    private final AuditTrail audit;
    private final AtomicReference<AccessPolicy> current;
    private Stamp seen;
    private String refusedVersion = "";

    /** One state of the file: its content's digest (a policy file is small; times can miss a quick second edit). */
    private record Stamp(boolean exists, String digest) {
        static Stamp of(Path file) {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                return new Stamp(true, java.util.HexFormat.of().formatHex(digest));
            } catch (IOException e) {
                return new Stamp(false, "");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JDK", e);
            }
        }
    }

    LivePolicy(PolicyDocument initial, Set<String> destinations, AuditTrail audit) {
        this.file = initial.source();
        this.destinations = Set.copyOf(destinations);
        this.audit = Objects.requireNonNull(audit, "audit");
        this.current = new AtomicReference<>(AccessPolicy.compile(initial));
        this.seen = Stamp.of(file);
        if (initial.version().equals("none")) {
            LOG.warn("no access policy: {} does not exist, so every message is refused (default deny); see"
                    + " docs/POLICY.md", file);
        } else {
            LOG.info("access policy {} version {}: {} role(s), {} node binding(s), {} rule(s)", file, initial.version(),
                    initial.roles().size(), initial.nodes().size(), initial.rules().size());
        }
    }

    public AccessPolicy current() {
        return current.get();
    }

    /** Called periodically: reloads when the file's content changed. Returns whether a new policy is in force. */
    boolean reloadIfChanged() {
        Stamp now = Stamp.of(file);
        if (now.equals(seen)) {
            return false;
        }
        seen = now;
        if (!now.exists()) {
            LOG.error("access policy {} disappeared; the policy loaded before stays in force", file);
            return false;
        }
        try {
            PolicyDocument document = PolicyLoader.load(file, destinations);
            if (document.version().equals(current.get().document().version())) {
                return false;
            }
            current.set(AccessPolicy.compile(document));
            refusedVersion = "";
            LOG.info("access policy {} reloaded: version {}, {} role(s), {} rule(s)", file, document.version(),
                    document.roles().size(), document.rules().size());
            audit.policyChanged(file.toString(), "reloaded, version " + document.version(), true);
            return true;
        } catch (ConfigException e) {
            String errors = String.join("; ", e.errors().stream().map(ConfigError::toString).toList());
            LOG.error("access policy {} changed but is not valid; the previous version {} stays in force: {}", file,
                    current.get().document().version(), errors);
            if (!errors.equals(refusedVersion)) {
                refusedVersion = errors;
                audit.policyChanged(file.toString(), "refused: " + e.errors().size() + " error(s), first: "
                        + e.errors().get(0), false);
            }
            return false;
        }
    }
}
