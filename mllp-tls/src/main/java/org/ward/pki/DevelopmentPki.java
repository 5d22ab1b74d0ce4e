package org.ward.pki;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PKI Ward creates on first run so that {@code ./ward run} works with mutual TLS out of the box:
 * a facility CA, a server credential for {@code localhost}, a device and an EHR client credential,
 * all registered, and a first CRL so that an engine requiring revocation checks can start. Its
 * certificates name that CRL as a {@code file:} distribution point. For development only: a real
 * facility runs {@code ward pki init} and keeps its root CA offline.
 */
public final class DevelopmentPki {

    public static final String FACILITY = "Ward Development";
    public static final String SERVER = "server";
    public static final String DEVICE = "device";
    public static final String EHR = "ehr";
    public static final String DEVICE_COMMON_NAME = "dev-monitor-1";
    public static final String EHR_COMMON_NAME = "dev-ehr";
    /** The client credential Ward's audit sender presents to Ward's own audit repository. */
    public static final String AUDIT_CLIENT = "audit-client";
    public static final String AUDIT_CLIENT_COMMON_NAME = "ward-audit";
    public static final int VALIDITY_DAYS = IssueRequest.MAX_VALIDITY_DAYS;
    /** How long each development CRL is valid. */
    public static final Duration CRL_VALIDITY = Duration.ofDays(7);
    /** {@link #refreshCrl} publishes a new CRL once the current one expires within this. */
    public static final Duration CRL_REFRESH_BEFORE = Duration.ofDays(2);
    /** The actor {@link PkiChange}s name for changes made by Ward itself. */
    public static final String ACTOR = "ward (development PKI)";

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentPki.class);

    private DevelopmentPki() {
    }

    /** {@link #ensure(Path, Clock, SecureRandom)} with the system clock and a new {@link SecureRandom}. */
    public static DevelopmentPkiFiles ensure(Path pkiDir) throws IOException {
        return ensure(pkiDir, Clock.systemUTC(), new SecureRandom());
    }

    /** {@link #ensure(Path, Clock, SecureRandom, PkiEventListener)}, logging the PKI changes. */
    public static DevelopmentPkiFiles ensure(Path pkiDir, Clock clock, SecureRandom random) throws IOException {
        return ensure(pkiDir, clock, random, PkiEventListener.logging());
    }

    /**
     * Publishes a new development CRL when the current one expires within {@link #CRL_REFRESH_BEFORE}
     * (or is missing, or lacks a revocation); what the engine calls at start-up and periodically.
     */
    public static Optional<PublishedCrl> refreshCrl(Path pkiDir, PkiEventListener listener) throws IOException {
        return new FacilityPki(pkiDir, Clock.systemUTC(), new SecureRandom(), listener, ACTOR)
                .refreshCrlIfDue(CRL_VALIDITY, CRL_REFRESH_BEFORE);
    }

    /** A credential's PKCS#12 file and the file holding its password. */
    public record CredentialFiles(Path p12, Path passwordFile) {
    }

    /**
     * The development PKI's audit client credential (PKCS#12 and its password file), issued by the
     * development CA the first time it is needed: PKIs made before it existed get it too.
     */
    public static CredentialFiles auditClient(Path pkiDir, PkiEventListener listener) throws IOException {
        PkiDirectory layout = new PkiDirectory(pkiDir.toAbsolutePath().normalize());
        if (layout.credentialFiles(AUDIT_CLIENT).stream().anyMatch(file -> !Files.isRegularFile(file))) {
            new FacilityPki(layout.path(), Clock.systemUTC(), new SecureRandom(), listener, ACTOR)
                    .issue(IssueRequest.client(AUDIT_CLIENT_COMMON_NAME, VALIDITY_DAYS), AUDIT_CLIENT);
            LOG.info("Issued the development audit client certificate '{}' in {}", AUDIT_CLIENT, layout.path());
        }
        return new CredentialFiles(layout.p12(AUDIT_CLIENT), layout.passwordFile(AUDIT_CLIENT));
    }

    /**
     * Returns the development PKI in {@code pkiDir}, creating it if the directory does not exist or is
     * empty. An existing complete PKI is left untouched. A non-empty directory that lacks some files
     * is refused rather than repaired, because it may hold someone's real CA.
     *
     * <p>The PKI is built in a mode-0700 sibling directory and renamed into place in one step, so a
     * crash leaves either no PKI or a complete one, never a half one that looks complete.
     */
    public static DevelopmentPkiFiles ensure(Path pkiDir, Clock clock, SecureRandom random,
            PkiEventListener listener) throws IOException {
        Path target = pkiDir.toAbsolutePath().normalize();
        PkiDirectory layout = new PkiDirectory(target);
        if (missingFiles(layout).isEmpty()) {
            return files(layout);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(target)) {
            throw new PkiException(target + " is not empty but lacks " + missingFiles(layout)
                    + "; move it away to let Ward create a development PKI there");
        }
        Path parent = Files.createDirectories(target.getParent());
        Path staging = SecretFiles.createPrivateTempDirectory(parent, "." + target.getFileName() + ".partial-");
        try {
            create(staging, target, clock, random, listener);
            Files.deleteIfExists(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (missingFiles(layout).isEmpty()) {
                // Another Ward process won the race; its PKI is as good as ours.
                LOG.info("Development PKI in {} was created concurrently; using it", target);
                return files(layout);
            }
            throw e;
        } finally {
            deleteIfLeftOver(staging);
        }
        LOG.warn("Created a DEVELOPMENT PKI in {} (facility CA, '{}', '{}', '{}'); do not use it in production",
                target, SERVER, DEVICE, EHR);
        return files(layout);
    }

    /** Builds the PKI in {@code staging}; its certificates name the CRL where it will be after the rename. */
    private static void create(Path staging, Path target, Clock clock, SecureRandom random,
            PkiEventListener listener) throws IOException {
        FacilityPki pki = new FacilityPki(staging, clock, random, listener, ACTOR);
        pki.init(FACILITY, KeyAlgorithm.defaultAlgorithm(),
                Optional.of(new PkiDirectory(target).crlDer().toUri()));
        pki.issue(IssueRequest.server("localhost", List.of("localhost"), List.of("127.0.0.1", "::1"),
                VALIDITY_DAYS), SERVER);
        pki.issue(IssueRequest.device(DEVICE_COMMON_NAME, Eui64.random(random), VALIDITY_DAYS), DEVICE);
        pki.issue(IssueRequest.client(EHR_COMMON_NAME, VALIDITY_DAYS), EHR);
        pki.publishCrl(CRL_VALIDITY);
    }

    /** Every file a complete development PKI has. */
    static List<Path> expectedFiles(PkiDirectory layout) {
        List<Path> files = new ArrayList<>(layout.caFiles());
        for (String name : List.of(SERVER, DEVICE, EHR)) {
            files.addAll(layout.credentialFiles(name));
        }
        files.addAll(List.of(layout.registry(), layout.crlUrl(), layout.crlNumber(), layout.crlDer(),
                layout.crlPem()));
        return files;
    }

    private static List<Path> missingFiles(PkiDirectory layout) {
        return expectedFiles(layout).stream()
                .filter(file -> !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                .map(Path::getFileName)
                .toList();
    }

    private static DevelopmentPkiFiles files(PkiDirectory layout) {
        return new DevelopmentPkiFiles(layout.trustAnchors(),
                layout.p12(SERVER), layout.passwordFile(SERVER),
                layout.p12(DEVICE), layout.passwordFile(DEVICE),
                layout.p12(EHR), layout.passwordFile(EHR),
                layout.crlDer(), layout.crlPem());
    }

    private static boolean isEmptyDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return !entries.iterator().hasNext();
        }
    }

    private static void deleteIfLeftOver(Path staging) {
        if (!Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not remove the unfinished PKI in {}; delete it by hand: {}", staging, e.toString());
        }
    }
}
