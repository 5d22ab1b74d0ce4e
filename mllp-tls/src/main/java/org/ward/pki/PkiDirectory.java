package org.ward.pki;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The file layout of a facility PKI directory, and reading and writing credentials in it.
 *
 * <pre>
 * root-ca.p12, root-ca.p12.password         root CA key + certificate
 * issuing-ca.p12, issuing-ca.p12.password   issuing CA key + [issuing, root]
 * issuing-ca.pem                            issuing CA certificate
 * trust-anchors.pem                         root CA certificate: what every peer trusts
 * ca-chain.pem                              [issuing, root]
 * NAME.p12, NAME.p12.password, NAME-chain.pem   one issued credential: key + [leaf, issuing, root]
 * issued.csv                                every certificate the issuing CA signed, and its status
 * crl.der, crl.pem                          the issuing CA's current CRL
 * crl-number                                the number of the last CRL published
 * crl-url                                   the CRL distribution point written into issued certificates
 * pki.lock                                  serialises changes by concurrent {@code ward} processes
 * </pre>
 *
 * Keys and certificates are never overwritten: every write creates a new file or fails. The
 * registry, the CRL and {@code crl-number} change over time and are replaced atomically.
 */
public record PkiDirectory(Path path) {

    public static final String ROOT_CA = "root-ca";
    public static final String ISSUING_CA = "issuing-ca";

    /** Lower-case names that are safe as file names and cannot leave the directory. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public PkiDirectory {
        Objects.requireNonNull(path, "path");
    }

    public Path p12(String name) {
        return path.resolve(checkName(name) + ".p12");
    }

    public Path passwordFile(String name) {
        return Pkcs12Files.passwordFileFor(p12(name));
    }

    public Path chainPem(String name) {
        return path.resolve(checkName(name) + "-chain.pem");
    }

    public Path trustAnchors() {
        return path.resolve("trust-anchors.pem");
    }

    public Path caChain() {
        return path.resolve("ca-chain.pem");
    }

    public Path issuingCaPem() {
        return path.resolve(ISSUING_CA + ".pem");
    }

    public Path registry() {
        return path.resolve("issued.csv");
    }

    public Path crlDer() {
        return path.resolve("crl.der");
    }

    public Path crlPem() {
        return path.resolve("crl.pem");
    }

    /** The number of the last CRL published, in decimal; absent before the first. */
    public Path crlNumber() {
        return path.resolve("crl-number");
    }

    /** The CRL distribution point URI, one line; absent for a PKI whose certificates name none. */
    public Path crlUrl() {
        return path.resolve("crl-url");
    }

    public Path lockFile() {
        return path.resolve("pki.lock");
    }

    /** Every file {@link #writeCa} writes. */
    public List<Path> caFiles() {
        return List.of(p12(ROOT_CA), passwordFile(ROOT_CA), p12(ISSUING_CA), passwordFile(ISSUING_CA),
                issuingCaPem(), trustAnchors(), caChain());
    }

    /** Every file {@link #writeCredential} writes for {@code name}. */
    public List<Path> credentialFiles(String name) {
        return List.of(p12(name), passwordFile(name), chainPem(name));
    }

    public void writeCa(FacilityCa ca, SecureRandom random) throws IOException {
        Pkcs12Files.write(p12(ROOT_CA), ROOT_CA, ca.root(), random);
        Pkcs12Files.write(p12(ISSUING_CA), ISSUING_CA, ca.issuing(), random);
        PemCertificates.write(issuingCaPem(), List.of(ca.issuingCertificate()));
        PemCertificates.write(caChain(), ca.caChain());
        PemCertificates.write(trustAnchors(), List.of(ca.rootCertificate()));
    }

    public FacilityCa loadCa(Optional<URI> crlDistributionPoint) throws IOException {
        return new FacilityCa(Pkcs12Files.load(p12(ROOT_CA)), Pkcs12Files.load(p12(ISSUING_CA)),
                crlDistributionPoint);
    }

    /** Writes {@code NAME.p12} (alias {@code name}) with its password file, and {@code NAME-chain.pem}. */
    public void writeCredential(String name, Credential credential, SecureRandom random) throws IOException {
        Pkcs12Files.write(p12(name), name, credential, random);
        PemCertificates.write(chainPem(name), credential.chain());
    }

    public Credential loadCredential(String name) throws IOException {
        return Pkcs12Files.load(p12(name), passwordFile(name));
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Credential name must be lower-case letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit, at most 64 characters: \"" + name + "\"");
        }
        return name;
    }
}
