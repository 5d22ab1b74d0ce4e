package org.ward.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides whether a client certificate chain authenticates a node (IHE ITI-19 §3.19.6.1): either
 * the leaf is one of the individually pinned certificates, or the chain validates (RFC 5280 §6,
 * JDK PKIX) to one of the trust anchors and, unless revocation is off, the leaf is not on a
 * current CRL of its issuer. In both cases the leaf must be within its validity period, carry the
 * clientAuth extended key usage (RFC 5280 §4.2.1.12) and, when key usage is present,
 * digitalSignature. Used for handshakes and to re-check live connections. Thread-safe.
 *
 * <p>Revocation is checked for the end entity only, from CRLs alone (no OCSP, no fetching from
 * distribution points): the facility PKI publishes one CRL per issuing CA, and Ward must not
 * depend on the network to accept a device.
 */
public final class ClientCertificateVerifier extends X509ExtendedTrustManager {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;

    private final List<X509Certificate> anchors;
    private final Set<TrustAnchor> trustAnchors;
    private final List<X509Certificate> pinned;
    private final RevocationMode revocation;
    private final CrlFiles crls;
    private final Clock clock;
    /** The leaf each handshake in progress presented, so a refusal can name the certificate. */
    private final Map<SSLEngine, X509Certificate> presented = Collections.synchronizedMap(new WeakHashMap<>());

    public ClientCertificateVerifier(List<X509Certificate> anchors, List<X509Certificate> pinned,
                                     RevocationMode revocation, CrlFiles crls, Clock clock) {
        if (anchors.isEmpty() && pinned.isEmpty()) {
            throw new IllegalArgumentException("no trust anchor and no pinned certificate: no client could connect");
        }
        this.anchors = List.copyOf(anchors);
        this.trustAnchors = anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toUnmodifiableSet());
        this.pinned = List.copyOf(pinned);
        this.revocation = revocation;
        this.crls = crls;
        this.clock = clock;
    }

    /**
     * Throws when {@code chain} (leaf first, as sent by the client) does not authenticate a node
     * now; the message says why and never contains more than certificate metadata.
     */
    public void verify(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new ClientCertificateRefused("no client certificate");
        }
        X509Certificate leaf = chain[0];
        Date now = Date.from(clock.instant());
        try {
            leaf.checkValidity(now);
        } catch (java.security.cert.CertificateExpiredException e) {
            throw new ClientCertificateRefused("certificate serial " + leaf.getSerialNumber().toString(16)
                    + " has expired", e);
        } catch (java.security.cert.CertificateNotYetValidException e) {
            throw new ClientCertificateRefused("certificate serial " + leaf.getSerialNumber().toString(16)
                    + " is not yet valid", e);
        }
        checkPurpose(leaf);
        if (pinned.contains(leaf)) {
            return;
        }
        if (trustAnchors.isEmpty()) {
            throw new ClientCertificateRefused("certificate serial " + leaf.getSerialNumber().toString(16)
                    + " is not one of the pinned certificates");
        }
        List<X509CRL> current = revocation == RevocationMode.OFF ? List.of() : currentCrlsOf(leaf, chain, now);
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setDate(now);
            parameters.setRevocationEnabled(false);
            // The JDK's revocation checker fetches from the certificate's CRL distribution point
            // whenever it has no usable CRL (com.sun.security.enableCRLDP does not turn that off), so
            // it only runs when a current CRL of the issuer is at hand; see the class comment.
            if (!current.isEmpty()) {
                parameters.addCertPathChecker(revocationChecker(validator));
                parameters.addCertStore(CertStore.getInstance("Collection",
                        new CollectionCertStoreParameters(current)));
            }
            validator.validate(path(chain), parameters);
        } catch (CertPathValidatorException e) {
            throw new ClientCertificateRefused(describe(leaf, e), e);
        } catch (InvalidAlgorithmParameterException e) {
            throw new ClientCertificateRefused("cannot validate client certificates: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ClientCertificateRefused("cannot validate certificate serial " + leaf.getSerialNumber().toString(16)
                    + ": " + e.getMessage(), e);
        }
        if (revocation == RevocationMode.REQUIRE && current.isEmpty()) {
            throw new ClientCertificateRefused("revocation status of certificate serial " + leaf.getSerialNumber().toString(16)
                    + " is unknown: no current CRL of its issuer (revocation: require)");
        }
    }

    /**
     * The CRLs read from the configured files that are issued and signed by the leaf's issuer (its
     * certificate taken from the chain or the anchors) and current at {@code now}.
     */
    private List<X509CRL> currentCrlsOf(X509Certificate leaf, X509Certificate[] chain, Date now) {
        List<X509Certificate> issuers = new ArrayList<>();
        for (X509Certificate candidate : chain) {
            if (candidate.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
                issuers.add(candidate);
            }
        }
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
                issuers.add(anchor);
            }
        }
        List<X509CRL> current = new ArrayList<>();
        for (X509CRL crl : crls.current().crls()) {
            boolean inTime = !crl.getThisUpdate().after(now)
                    && (crl.getNextUpdate() == null || crl.getNextUpdate().after(now));
            if (inTime && crl.getIssuerX500Principal().equals(leaf.getIssuerX500Principal())
                    && issuers.stream().anyMatch(issuer -> signedBy(crl, issuer))) {
                current.add(crl);
            }
        }
        return current;
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private PKIXRevocationChecker revocationChecker(CertPathValidator validator) {
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        EnumSet<PKIXRevocationChecker.Option> options = EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK, PKIXRevocationChecker.Option.ONLY_END_ENTITY);
        if (revocation == RevocationMode.PREFER) {
            options.add(PKIXRevocationChecker.Option.SOFT_FAIL);
        }
        checker.setOptions(options);
        return checker;
    }

    /** The path to validate: the chain without any certificate that is itself a trust anchor. */
    private CertPath path(X509Certificate[] chain) throws CertificateException {
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            if (anchors.contains(certificate)) {
                break;
            }
            path.add(certificate);
        }
        return CertificateFactory.getInstance("X.509").generateCertPath(path);
    }

    private static void checkPurpose(X509Certificate leaf) throws CertificateException {
        List<String> purposes = leaf.getExtendedKeyUsage();
        if (purposes == null || !(purposes.contains(CLIENT_AUTH) || purposes.contains(ANY_EXTENDED_KEY_USAGE))) {
            throw new ClientCertificateRefused("certificate serial " + leaf.getSerialNumber().toString(16)
                    + " is not for TLS client authentication (extended key usage clientAuth missing)");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[DIGITAL_SIGNATURE]) {
            throw new ClientCertificateRefused("certificate serial " + leaf.getSerialNumber().toString(16)
                    + " does not allow digitalSignature (key usage)");
        }
    }

    private static String describe(X509Certificate leaf, CertPathValidatorException e) {
        String serial = leaf.getSerialNumber().toString(16);
        if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
            return "certificate serial " + serial + " is revoked";
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return "revocation status of certificate serial " + serial + " is unknown: no current CRL of its issuer"
                    + " (revocation: require)";
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
            return "a certificate in the chain of serial " + serial + " has expired";
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return "a certificate in the chain of serial " + serial + " is not yet valid";
        }
        return "certificate serial " + serial + " does not chain to a trust anchor: " + e.getMessage();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        if (chain != null && chain.length > 0) {
            presented.put(engine, chain[0]);
        }
        verify(chain);
    }

    /** Changes whenever the CRL files were read again; lets callers re-check open connections. */
    public long crlGeneration() {
        return crls.current().generation();
    }

    /** The client certificate presented in the handshake of {@code engine}, if it got that far. */
    public Optional<X509Certificate> presentedBy(SSLEngine engine) {
        return Optional.ofNullable(presented.get(engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        verify(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verify(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new ClientCertificateRefused("this trust manager authenticates clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new ClientCertificateRefused("this trust manager authenticates clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new ClientCertificateRefused("this trust manager authenticates clients only");
    }

    /** The CAs a client certificate may be issued under, announced in the CertificateRequest. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchors.toArray(X509Certificate[]::new);
    }
}
