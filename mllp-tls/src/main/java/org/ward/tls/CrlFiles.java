package org.ward.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRLs a listener checks client certificates against, read from files (PEM or DER) and read
 * again whenever a file changes, so a newly published CRL takes effect without a restart. Files
 * are looked at no more than once per {@link #POLL}; a file that cannot be read keeps the last
 * good CRLs of the others and is reported loudly. Thread-safe.
 */
public final class CrlFiles {

    /** How often file modification times are looked at, at most. */
    public static final Duration POLL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(CrlFiles.class);

    /** The CRLs as last read, and how many times they changed. */
    public record Snapshot(List<X509CRL> crls, long generation) {
        public Snapshot {
            crls = List.copyOf(crls);
        }
    }

    private final List<Path> files;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(List.of(), 0);
    private List<FileTime> stamps = List.of();
    private Instant lastLook = Instant.MIN;

    public CrlFiles(List<Path> files, Clock clock) {
        this.files = List.copyOf(files);
        this.clock = Objects.requireNonNull(clock, "clock");
        refresh(true);
    }

    public List<Path> files() {
        return files;
    }

    /** The current CRLs, re-reading the files first if one changed since the last look. */
    public Snapshot current() {
        refresh(false);
        return snapshot;
    }

    private synchronized void refresh(boolean force) {
        Instant now = clock.instant();
        if (!force && now.isBefore(lastLook.plus(POLL))) {
            return;
        }
        lastLook = now;
        List<FileTime> newStamps = files.stream().map(CrlFiles::modified).toList();
        if (!force && newStamps.equals(stamps)) {
            return;
        }
        stamps = newStamps;
        List<X509CRL> crls = new ArrayList<>();
        for (Path file : files) {
            crls.addAll(read(file));
        }
        snapshot = new Snapshot(crls, snapshot.generation() + 1);
        for (X509CRL crl : crls) {
            LOG.info("CRL of {} loaded: {} revoked, next update {}", crl.getIssuerX500Principal().getName(),
                    crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(),
                    crl.getNextUpdate() == null ? "none" : crl.getNextUpdate().toInstant());
            if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now)) {
                LOG.error("CRL of {} expired at {}: publish a fresh one (ward pki crl)",
                        crl.getIssuerX500Principal().getName(), crl.getNextUpdate().toInstant());
            }
        }
    }

    private static List<X509CRL> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends CRL> read = CertificateFactory.getInstance("X.509").generateCRLs(in);
            if (read.isEmpty()) {
                LOG.error("CRL file {} holds no CRL; certificates it should cover cannot be checked", file);
            }
            return read.stream().map(X509CRL.class::cast).toList();
        } catch (NoSuchFileException e) {
            LOG.error("CRL file {} does not exist; certificates it should cover cannot be checked", file);
        } catch (IOException | GeneralSecurityException e) {
            LOG.error("CRL file {} cannot be read ({}); certificates it should cover cannot be checked", file,
                    e.getMessage());
        }
        return List.of();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(-1);
        }
    }
}
