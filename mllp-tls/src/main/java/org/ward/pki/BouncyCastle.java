package org.ward.pki;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Bouncy Castle's JCA provider, built on first use and never registered globally: building it loads
 * some 600 classes from a signed jar, which {@code ward run} on an existing PKI never needs (only
 * generating keys and writing PKCS#12 files do).
 */
final class BouncyCastle {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
