package org.ward.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A facility PKI in one directory ({@link PkiDirectory}): its two-level CA, the registry of what the
 * issuing CA signed ({@code issued.csv}) and the issuing CA's CRL ({@code crl.der}, {@code crl.pem}).
 * What {@code ward pki} does, and what the engine calls to keep the CRL fresh.
 *
 * <p>Every operation, successful or not, is reported to the {@link PkiEventListener} as a
 * {@link PkiChange}. Operations that change the directory hold {@link PkiLock}, so separate
 * {@code ward} processes may share one directory; within a JVM, use one instance per directory.
 */
public final class FacilityPki {

    /** RFC 5280 §4.2.1.13 allows any of these; a hospital should publish over HTTP. */
    public static final Set<String> CRL_URL_SCHEMES = Set.of("http", "https", "ldap", "file");

    /** A CRL that outlives this is no use for revocation: relying parties would keep trusting a revoked key. */
    public static final Duration MAX_CRL_VALIDITY = Duration.ofDays(365);

    private static final Logger LOG = LoggerFactory.getLogger(FacilityPki.class);

    private final PkiDirectory directory;
    private final CertificateRegistry registry;
    private final Clock clock;
    private final SecureRandom random;
    private final PkiEventListener listener;
    private final String actor;

    /**
     * @param actor who is making the changes, for the audit trail: the OS user running the CLI, or
     *              the engine's node name
     */
    public FacilityPki(Path directory, Clock clock, SecureRandom random, PkiEventListener listener, String actor) {
        this.directory = new PkiDirectory(directory.toAbsolutePath().normalize());
        this.registry = new CertificateRegistry(this.directory.registry());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    public PkiDirectory directory() {
        return directory;
    }

    /** Whether {@link #init} has created the CA here. */
    public boolean isInitialised() {
        return Files.isRegularFile(directory.p12(PkiDirectory.ISSUING_CA), LinkOption.NOFOLLOW_LINKS);
    }

    /** The default distribution point: the {@code crl.der} this PKI publishes, as a {@code file:} URI. */
    public URI defaultCrlDistributionPoint() {
        return directory.crlDer().toUri();
    }

    /**
     * Creates the root and issuing CA in an empty or missing directory (created with mode 0700), and
     * records {@code crlDistributionPoint} (default: {@link #defaultCrlDistributionPoint()}) to be
     * written into every certificate issued. Publishes no CRL: call {@link #publishCrl} next.
     */
    public synchronized FacilityCa init(String facilityName, KeyAlgorithm algorithm,
            Optional<URI> crlDistributionPoint) throws IOException {
        Objects.requireNonNull(facilityName, "facilityName");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(crlDistributionPoint, "crlDistributionPoint");
        Optional<String> caSubject = Optional.of("O=" + facilityName);
        try {
            URI distributionPoint = crlDistributionPoint.orElseGet(this::defaultCrlDistributionPoint);
            checkCrlUrl(distributionPoint);
            createEmptyDirectory();
            FacilityCa ca;
            try (PkiLock lock = PkiLock.acquire(directory.lockFile())) {
                ca = FacilityCa.create(facilityName, algorithm, Optional.of(distributionPoint), clock, random);
                NewFiles.write(directory.crlUrl(), (distributionPoint + "\n").getBytes(StandardCharsets.UTF_8),
                        NewFiles.PUBLIC_FILE);
                directory.writeCa(ca, random);
            }
            report(PkiOperation.INIT, PkiChange.Outcome.SUCCESS, Optional.empty(),
                    Optional.of(IssuedCertificate.subjectOf(ca.issuingCertificate())), Optional.empty(),
                    Optional.empty(), Optional.empty(), "created " + algorithm.label() + " root and issuing CA in "
                            + directory.path() + "; CRL distribution point " + distributionPoint);
            return ca;
        } catch (IOException | RuntimeException e) {
            report(PkiOperation.INIT, PkiChange.Outcome.FAILURE, Optional.empty(), caSubject, Optional.empty(),
                    Optional.empty(), Optional.empty(), describe(e));
            throw e;
        }
    }

    /**
     * Generates a key pair, has the issuing CA certify it, registers the certificate and writes
     * {@code NAME.p12}, its password file and {@code NAME-chain.pem}. Refuses a name already used.
     */
    public synchronized IssuedCredential issue(IssueRequest request, String name) throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(name, "name");
        Optional<BigInteger> serial = Optional.empty();
        try (PkiLock lock = lock()) {
            List<Path> files = directory.credentialFiles(name);
            for (Path file : files) {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new PkiException("Name \"" + name + "\" is taken: " + file + " exists; choose another name");
                }
            }
            FacilityCa ca = loadCa();
            KeyAlgorithm algorithm = KeyAlgorithm.of(ca.issuingCertificate().getPublicKey());
            Credential credential = new CertificateIssuer(ca, algorithm, clock, random).issue(request);
            X509Certificate certificate = credential.certificate();
            serial = Optional.of(certificate.getSerialNumber());
            IssuedCertificate record = IssuedCertificate.of(certificate, name, request);
            // Registered before the key is written: a certificate whose key exists must be revocable.
            registry.add(record);
            directory.writeCredential(name, credential, random);
            report(PkiOperation.ISSUE, PkiChange.Outcome.SUCCESS, serial, Optional.of(record.subject()),
                    Optional.of(request.profile()), Optional.empty(), Optional.empty(),
                    "issued " + request.profile().label() + " certificate \"" + name + "\" valid until "
                            + record.notAfter());
            return new IssuedCredential(record, certificate, directory.p12(name), directory.passwordFile(name),
                    directory.chainPem(name));
        } catch (IOException | RuntimeException e) {
            report(PkiOperation.ISSUE, PkiChange.Outcome.FAILURE, serial, Optional.of("CN=" + request.commonName()),
                    Optional.of(request.profile()), Optional.empty(), Optional.empty(), describe(e));
            throw e;
        }
    }

    /**
     * Marks a registered certificate revoked, as of now. Final: there is no un-revoke. Publishes no
     * CRL by itself; {@link #publishCrl} does, and {@link #refreshCrlIfDue} notices the CRL lacks it.
     */
    public synchronized IssuedCertificate revoke(BigInteger serial, RevocationReason reason) throws IOException {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(reason, "reason");
        Optional<String> subject = Optional.empty();
        Optional<CertificateProfile> profile = Optional.empty();
        try (PkiLock lock = lock()) {
            IssuedCertificate record = registry.find(serial).orElseThrow(() -> new PkiException(
                    "No certificate with serial " + IssuedCertificate.hex(serial) + " was issued by this CA"
                            + " (see ward pki list)"));
            subject = Optional.of(record.subject());
            profile = Optional.of(record.profile());
            if (record.revocation().isPresent()) {
                Revocation earlier = record.revocation().get();
                throw new PkiException("Certificate " + record.serialHex() + " was already revoked at "
                        + earlier.time() + " (" + earlier.reason() + ")");
            }
            IssuedCertificate revoked = record.revoked(
                    new Revocation(clock.instant().truncatedTo(ChronoUnit.SECONDS), reason));
            registry.update(revoked);
            report(PkiOperation.REVOKE, PkiChange.Outcome.SUCCESS, Optional.of(serial), subject, profile,
                    Optional.of(reason), Optional.empty(), "revoked \"" + record.name() + "\" (" + reason + ")");
            return revoked;
        } catch (IOException | RuntimeException e) {
            report(PkiOperation.REVOKE, PkiChange.Outcome.FAILURE, Optional.of(serial), subject, profile,
                    Optional.of(reason), Optional.empty(), describe(e));
            throw e;
        }
    }

    /**
     * Signs a new CRL with the issuing CA, valid from now for {@code validity}, listing every revoked
     * certificate that has not expired (RFC 5280 §3.3 lets an entry go once the certificate expires),
     * and replaces {@code crl.der} and {@code crl.pem}. The CRL number is one more than the last.
     */
    public synchronized PublishedCrl publishCrl(Duration validity) throws IOException {
        checkCrlValidity(validity);
        try (PkiLock lock = lock()) {
            return publish(validity);
        }
    }

    /**
     * Publishes a new CRL when none is published, when the current one expires within
     * {@code refreshBefore}, when it is not signed by this issuing CA, or when it lacks a revocation
     * the registry holds. Otherwise changes nothing.
     *
     * @return the CRL published, or empty when the current one is still good
     */
    public synchronized Optional<PublishedCrl> refreshCrlIfDue(Duration validity, Duration refreshBefore)
            throws IOException {
        checkCrlValidity(validity);
        Objects.requireNonNull(refreshBefore, "refreshBefore");
        if (refreshBefore.isNegative() || refreshBefore.compareTo(validity) >= 0) {
            throw new IllegalArgumentException("refreshBefore (" + refreshBefore + ") must be shorter than the CRL"
                    + " validity (" + validity + "), or every refresh would publish again");
        }
        try (PkiLock lock = lock()) {
            Optional<String> reason = whyDue(refreshBefore);
            if (reason.isEmpty()) {
                return Optional.empty();
            }
            LOG.info("Publishing a new CRL in {}: {}", directory.path(), reason.get());
            return Optional.of(publish(validity));
        }
    }

    /** The CRL in {@code crl.der}, checked against the issuing CA; empty when none is published yet. */
    public synchronized Optional<PublishedCrl> currentCrl() throws IOException {
        if (!Files.isRegularFile(directory.crlDer(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(readCrl());
    }

    /**
     * {@code crl.der}, checked against the issuing CA's certificate, not its key store: opening the CA's
     * two PKCS#12 files (a key derivation each) took half a second of every start, for a CRL that is
     * rarely due.
     */
    private PublishedCrl readCrl() throws IOException {
        return PublishedCrl.read(directory.crlDer(), directory.crlPem(),
                PemCertificates.read(directory.issuingCaPem()).get(0));
    }

    /** Every certificate the issuing CA signed, in issue order. */
    public synchronized List<IssuedCertificate> list() throws IOException {
        requireInitialised();
        return registry.list();
    }

    /** The CRL distribution point recorded by {@link #init}; empty for a PKI without one. */
    public Optional<URI> crlDistributionPoint() throws IOException {
        if (!Files.isRegularFile(directory.crlUrl(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String text = Files.readString(directory.crlUrl(), StandardCharsets.UTF_8).strip();
        try {
            return Optional.of(new URI(text));
        } catch (java.net.URISyntaxException e) {
            throw new PkiException(directory.crlUrl() + " does not hold a URI: " + e.getMessage(), e);
        }
    }

    /** Refuses what a relying party could not fetch a CRL from. */
    public static void checkCrlUrl(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !CRL_URL_SCHEMES.contains(scheme) || url.getRawFragment() != null) {
            throw new IllegalArgumentException("CRL URL must be an absolute http, https, ldap or file URI"
                    + " without a fragment (RFC 5280 §4.2.1.13), got \"" + url + "\"");
        }
        if (!scheme.equals("file") && (url.getHost() == null || url.getHost().isEmpty())) {
            throw new IllegalArgumentException("CRL URL names no host: \"" + url + "\"");
        }
    }

    private PublishedCrl publish(Duration validity) throws IOException {
        Optional<BigInteger> number = Optional.empty();
        try {
            FacilityCa ca = loadCa();
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            // Backdated like notBefore, so a relying party whose clock lags does not see a CRL from the future.
            Instant thisUpdate = CertificateSigning.notBefore(clock);
            Instant nextUpdate = now.plus(validity);
            List<IssuedCertificate> revoked = registry.list().stream()
                    .filter(record -> record.revocation().isPresent())
                    .filter(record -> !record.notAfter().isBefore(thisUpdate))
                    .toList();
            BigInteger next = lastCrlNumber().add(BigInteger.ONE);
            number = Optional.of(next);
            byte[] der = CrlSigning.sign(ca.issuing(), next, thisUpdate, nextUpdate, revoked);
            // The number is recorded first: a crash before the CRL is written skips a number, which
            // is allowed, rather than reusing one, which is not (RFC 5280 §5.2.3).
            NewFiles.replace(directory.crlNumber(), (next + "\n").getBytes(StandardCharsets.US_ASCII),
                    NewFiles.OWNER_ONLY_FILE);
            NewFiles.replace(directory.crlDer(), der, NewFiles.PUBLIC_FILE);
            NewFiles.replace(directory.crlPem(), CrlSigning.pem(der), NewFiles.PUBLIC_FILE);
            PublishedCrl crl = PublishedCrl.read(directory.crlDer(), directory.crlPem(), ca.issuingCertificate());
            report(PkiOperation.PUBLISH_CRL, PkiChange.Outcome.SUCCESS, Optional.empty(),
                    Optional.of(IssuedCertificate.subjectOf(ca.issuingCertificate())), Optional.empty(),
                    Optional.empty(), number, "published CRL " + next + " listing " + revoked.size()
                            + " revoked certificate(s), next update " + nextUpdate);
            return crl;
        } catch (IOException | RuntimeException e) {
            report(PkiOperation.PUBLISH_CRL, PkiChange.Outcome.FAILURE, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), number, describe(e));
            throw e;
        }
    }

    private Optional<String> whyDue(Duration refreshBefore) throws IOException {
        if (!Files.isRegularFile(directory.crlDer(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("no CRL published yet");
        }
        PublishedCrl current;
        try {
            current = readCrl();
        } catch (PkiException e) {
            return Optional.of("the current CRL is unusable: " + e.getMessage());
        }
        Instant now = clock.instant();
        if (!now.isBefore(current.nextUpdate().minus(refreshBefore))) {
            return Optional.of("CRL " + current.number() + " expires at " + current.nextUpdate());
        }
        if (!Files.isRegularFile(directory.crlPem(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("crl.pem is missing");
        }
        for (IssuedCertificate record : registry.list()) {
            if (record.revocation().isPresent() && record.notAfter().isAfter(now)
                    && !current.revoked().containsKey(record.serial())) {
                return Optional.of("CRL " + current.number() + " does not list revoked certificate "
                        + record.serialHex());
            }
        }
        return Optional.empty();
    }

    private BigInteger lastCrlNumber() throws IOException {
        if (!Files.isRegularFile(directory.crlNumber(), LinkOption.NOFOLLOW_LINKS)) {
            return BigInteger.ZERO;
        }
        String text = Files.readString(directory.crlNumber(), StandardCharsets.US_ASCII).strip();
        try {
            BigInteger number = new BigInteger(text);
            if (number.signum() < 0) {
                throw new NumberFormatException("negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new PkiException(directory.crlNumber() + " must hold the last CRL number in decimal, got \""
                    + text + "\"", e);
        }
    }

    private FacilityCa loadCa() throws IOException {
        requireInitialised();
        return directory.loadCa(crlDistributionPoint());
    }

    private PkiLock lock() throws IOException {
        requireInitialised();
        return PkiLock.acquire(directory.lockFile());
    }

    private void requireInitialised() {
        if (!isInitialised()) {
            throw new PkiException("No facility PKI in " + directory.path() + " (no "
                    + directory.p12(PkiDirectory.ISSUING_CA).getFileName() + "); run ward pki init first");
        }
    }

    private void createEmptyDirectory() throws IOException {
        Path path = directory.path();
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new PkiException(path + " exists and is not a directory");
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                if (entries.iterator().hasNext()) {
                    throw new PkiException(path + " is not empty; a facility PKI is created in an empty or new"
                            + " directory" + (isInitialised() ? " (it already holds one)" : ""));
                }
            }
            return;
        }
        Files.createDirectories(path.getParent());
        SecretFiles.createPrivateDirectory(path);
    }

    private static void checkCrlValidity(Duration validity) {
        Objects.requireNonNull(validity, "validity");
        if (validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.compareTo(MAX_CRL_VALIDITY) > 0) {
            throw new IllegalArgumentException("CRL validity must be 1 minute to " + MAX_CRL_VALIDITY.toDays()
                    + " days, got " + validity);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private void report(PkiOperation operation, PkiChange.Outcome outcome, Optional<BigInteger> serial,
            Optional<String> subject, Optional<CertificateProfile> profile, Optional<RevocationReason> reason,
            Optional<BigInteger> crlNumber, String detail) {
        PkiChange change = new PkiChange(operation, outcome, clock.instant(), actor, serial, subject, profile,
                reason, crlNumber, detail);
        try {
            listener.pkiChanged(change);
        } catch (RuntimeException e) {
            // The change has happened; losing its record must at least be visible.
            LOG.error("PKI event listener failed; the change was: {}", PkiEventLog.describe(change), e);
        }
    }
}
