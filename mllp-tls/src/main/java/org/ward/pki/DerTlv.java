package org.ward.pki;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The contents of one DER tag-length-value (ITU-T X.690 §8.1, §10.1), for the one extension the JDK's
 * CRL API hands over as raw bytes. Definite lengths only, as DER requires; the value must fill the input.
 */
final class DerTlv {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;

    private DerTlv() {
    }

    /** The value octets of {@code der}, which must be one element with tag {@code tag}. */
    static byte[] contents(byte[] der, int tag, Path source) {
        if (der.length < 2 || (der[0] & 0xff) != tag) {
            throw malformed(source);
        }
        int first = der[1] & 0xff;
        int offset = 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 4 || der.length < 2 + octets) {
                throw malformed(source);
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[offset++] & 0xff);
            }
        }
        if (length == 0 || offset + length != der.length) {
            throw malformed(source);
        }
        return Arrays.copyOfRange(der, offset, der.length);
    }

    private static PkiException malformed(Path source) {
        return new PkiException("The CRL in " + source + " has a malformed cRLNumber extension");
    }
}
