package org.ward.kerberos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a client's first {@code Negotiate} token offers, read before the GSS-API sees it so that
 * NTLM is refused by name and the service ticket's server name and encrypted part can be found.
 * Only the DER framing is read (RFC 4178 §4.2.1 NegTokenInit; RFC 1964 §1.1 / RFC 4121 §4.1 the
 * Kerberos InitialContextToken); every length is bounded by the bytes present.
 *
 * @param mechTypes  the offered mechanism OIDs in preference order (dotted); one entry for a raw
 *                   Kerberos or NTLMSSP token
 * @param mechToken  the optimistic token for the first mechanism, empty if none
 * @param spnego     whether the token was SPNEGO-wrapped
 */
public record NegotiateToken(List<String> mechTypes, Optional<byte[]> mechToken, boolean spnego) {

    public static final String SPNEGO_OID = "1.3.6.1.5.5.2";
    public static final String KERBEROS_OID = "1.2.840.113554.1.2.2";
    /** The OID early Windows clients send for Kerberos (MS-KILE §3.1.5.12); the JDK accepts it as Kerberos. */
    public static final String MS_KERBEROS_OID = "1.2.840.48018.1.2.2";
    public static final String NTLM_OID = "1.3.6.1.4.1.311.2.2.10";
    /** RFC 4559 puts no limit; Active Directory tickets with large PACs stay below 48 KiB (MaxTokenSize). */
    public static final int MAX_TOKEN_BYTES = 65_536;

    private static final byte[] NTLMSSP = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

    public NegotiateToken {
        mechTypes = List.copyOf(mechTypes);
    }

    /** Reads a token; throws {@link IllegalArgumentException} (no token bytes in the message) if it is not one. */
    public static NegotiateToken parse(byte[] token) {
        if (token.length == 0) {
            throw new IllegalArgumentException("empty Negotiate token");
        }
        if (token.length > MAX_TOKEN_BYTES) {
            throw new IllegalArgumentException("Negotiate token exceeds " + MAX_TOKEN_BYTES + " bytes");
        }
        if (startsWith(token, NTLMSSP)) {
            return new NegotiateToken(List.of(NTLM_OID), Optional.of(token), false);
        }
        Der outer = Der.read(token, 0, token.length);
        if (outer.tag != 0x60) {
            throw new IllegalArgumentException("not a GSS-API InitialContextToken (tag 0x" + Integer.toHexString(outer.tag) + ")");
        }
        Der oid = Der.read(token, outer.start, outer.end);
        String mech = oid.oid(token);
        if (!mech.equals(SPNEGO_OID)) {
            // A raw mechanism token (RFC 2743 §3.1), e.g. Kerberos without SPNEGO.
            return new NegotiateToken(List.of(mech), Optional.of(token), false);
        }
        Der choice = Der.read(token, oid.end, outer.end);
        if (choice.tag != 0xA0) {
            throw new IllegalArgumentException("SPNEGO token is not a NegTokenInit");
        }
        Der seq = Der.read(token, choice.start, choice.end);
        if (seq.tag != 0x30) {
            throw new IllegalArgumentException("NegTokenInit is not a SEQUENCE");
        }
        List<String> types = new ArrayList<>();
        byte[] mechToken = null;
        int at = seq.start;
        while (at < seq.end) {
            Der field = Der.read(token, at, seq.end);
            if (field.tag == 0xA0) {
                Der list = Der.read(token, field.start, field.end);
                int p = list.start;
                while (p < list.end) {
                    Der o = Der.read(token, p, list.end);
                    types.add(o.oid(token));
                    p = o.end;
                }
            } else if (field.tag == 0xA2) {
                Der octets = Der.read(token, field.start, field.end);
                if (octets.tag != 0x04) {
                    throw new IllegalArgumentException("mechToken is not an OCTET STRING");
                }
                mechToken = Arrays.copyOfRange(token, octets.start, octets.end);
            }
            at = field.end;
        }
        return new NegotiateToken(types, Optional.ofNullable(mechToken), true);
    }

    /** Whether the client would rather use NTLM: it is first, or the token is NTLMSSP. */
    public boolean prefersNtlm() {
        return (!mechTypes.isEmpty() && mechTypes.get(0).equals(NTLM_OID))
                || mechToken.map(t -> startsWith(t, NTLMSSP)).orElse(false);
    }

    /** Whether Kerberos is the first mechanism offered and comes with its token (one round trip). */
    public boolean offersKerberosFirst() {
        return !mechTypes.isEmpty() && isKerberos(mechTypes.get(0)) && mechToken.isPresent();
    }

    /** Whether NTLM is among the mechanisms offered at all. */
    public boolean offersNtlm() {
        return mechTypes.contains(NTLM_OID);
    }

    /** The Kerberos AP-REQ (RFC 4120 §5.5.1) inside the first mechanism token, if it is one. */
    public Optional<byte[]> kerberosApReq() {
        if (!offersKerberosFirst()) {
            return Optional.empty();
        }
        byte[] t = mechToken.get();
        Der outer = Der.read(t, 0, t.length);
        if (outer.tag != 0x60) {
            return Optional.empty();
        }
        Der oid = Der.read(t, outer.start, outer.end);
        // RFC 4121 §4.1: TOK_ID 01 00 (KRB_AP_REQ) follows the mechanism OID.
        if (!isKerberos(oid.oid(t)) || oid.end + 2 > outer.end || t[oid.end] != 0x01 || t[oid.end + 1] != 0x00) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(t, oid.end + 2, outer.end));
    }

    static boolean isKerberos(String oid) {
        return oid.equals(KERBEROS_OID) || oid.equals(MS_KERBEROS_OID);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** One DER TLV inside {@code [from, limit)}: its tag and where its content starts and ends. */
    private record Der(int tag, int start, int end) {

        static Der read(byte[] b, int from, int limit) {
            if (from + 2 > limit) {
                throw new IllegalArgumentException("truncated DER at offset " + from);
            }
            int tag = b[from] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                throw new IllegalArgumentException("multi-byte DER tags are not used by SPNEGO");
            }
            int len = b[from + 1] & 0xFF;
            int p = from + 2;
            if (len > 0x7F) {
                int n = len & 0x7F;
                if (n == 0 || n > 3 || p + n > limit) {
                    throw new IllegalArgumentException("bad DER length at offset " + from);
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[p++] & 0xFF);
                }
            }
            if (len > limit - p) {
                throw new IllegalArgumentException("DER length " + len + " exceeds the token at offset " + from);
            }
            return new Der(tag, p, p + len);
        }

        String oid(byte[] b) {
            if (tag != 0x06 || end == start) {
                throw new IllegalArgumentException("expected an OBJECT IDENTIFIER, found tag 0x" + Integer.toHexString(tag));
            }
            StringBuilder s = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = start; i < end; i++) {
                if (value > (Long.MAX_VALUE >> 7)) {
                    throw new IllegalArgumentException("OID arc too large: " + HexFormat.of().formatHex(b, start, end));
                }
                value = (value << 7) | (b[i] & 0x7F);
                if ((b[i] & 0x80) == 0) {
                    if (first) {
                        long top = Math.min(value / 40, 2);
                        s.append(top).append('.').append(value - top * 40);
                        first = false;
                    } else {
                        s.append('.').append(value);
                    }
                    value = 0;
                }
            }
            if ((b[end - 1] & 0x80) != 0) {
                throw new IllegalArgumentException("truncated OID");
            }
            return s.toString();
        }
    }
}
