package org.ward.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * The bytes of a PKCS#12 file (RFC 7292) for one credential, as Ward writes them:
 * <ul>
 * <li>the private key in a shrouded key bag: PBES2 (RFC 8018) with AES-256-CBC, PBKDF2-HMAC-SHA256;</li>
 * <li>the certificates in plain certificate bags: they are public, and encrypting them cost every
 *     reader a third key derivation (OpenSSL's {@code pkcs12 -export -certpbe NONE});</li>
 * <li>an HMAC-SHA256 MAC over the whole.</li>
 * </ul>
 * Both derivations use {@link #ITERATIONS}, OpenSSL 3's default for {@code pkcs12 -export}. Ward's
 * passwords are 256 random bits ({@link SecretFiles#PASSWORD_BYTES}), so iterations add nothing an
 * attacker would notice; what they do cost is start-up time, in every JVM that opens the file while
 * its crypto still runs interpreted (issue 10). The JDK's key store and OpenSSL read these files
 * ({@code Pkcs12FilesTest}, {@code OpenSslInteropTest}).
 */
final class Pkcs12Encoding {

    /** PBKDF2 and MAC iterations: OpenSSL's {@code PKCS12_DEFAULT_ITER}. */
    static final int ITERATIONS = 2048;

    private Pkcs12Encoding() {
    }

    static byte[] encode(String alias, Credential credential, char[] password) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            List<X509Certificate> chain = credential.chain();
            X509Certificate leaf = chain.get(0);
            var localKeyId = extensions.createSubjectKeyIdentifier(leaf.getPublicKey());
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            for (X509Certificate certificate : chain) {
                PKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(certificate);
                if (certificate == leaf) {
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
                }
                pfx.addData(bag.build());
            }
            PKCS12SafeBagBuilder key = new JcaPKCS12SafeBagBuilder(credential.privateKey(),
                    new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                            .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                            .setIterationCount(ITERATIONS)
                            .setProvider(BouncyCastle.PROVIDER)
                            .build(password));
            key.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
            key.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
            pfx.addData(key.build());
            return pfx.build(new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256)
                    .setIterationCount(ITERATIONS).setProvider(BouncyCastle.PROVIDER), password).getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException | IOException e) {
            throw new PkiException("Cannot build PKCS#12 for " + alias, e);
        }
    }
}
