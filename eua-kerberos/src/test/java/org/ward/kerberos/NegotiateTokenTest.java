package org.ward.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 4178 §4.2.1 NegTokenInit framing, read without the GSS-API. */
class NegotiateTokenTest {

    static final String KRB5 = "06092a864886f712010202";
    static final String NTLM = "060a2b06010401823702020a";
    static final String SPNEGO = "06062b0601050502";

    /** SPNEGO InitialContextToken with the given mechTypes (hex OIDs) and an optional mechToken. */
    static byte[] negTokenInit(byte[] mechToken, String... oids) {
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        for (String oid : oids) {
            types.writeBytes(HexFormat.of().parseHex(oid));
        }
        byte[] fields = concat(tlv(0xA0, tlv(0x30, types.toByteArray())),
                mechToken == null ? new byte[0] : tlv(0xA2, tlv(0x04, mechToken)));
        return tlv(0x60, concat(HexFormat.of().parseHex(SPNEGO), tlv(0xA0, tlv(0x30, fields))));
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xFF);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void readsTheOfferedMechanismsInOrder() {
        NegotiateToken t = NegotiateToken.parse(negTokenInit(new byte[] {1, 2}, KRB5, NTLM));
        assertThat(t.spnego()).isTrue();
        assertThat(t.mechTypes()).containsExactly(NegotiateToken.KERBEROS_OID, NegotiateToken.NTLM_OID);
        assertThat(t.offersKerberosFirst()).isTrue();
        assertThat(t.prefersNtlm()).isFalse();
    }

    @Test
    void spnegoPreferringNtlmAndRawNtlmsspAreNtlm() {
        assertThat(NegotiateToken.parse(negTokenInit(new byte[] {1}, NTLM, KRB5)).prefersNtlm()).isTrue();
        byte[] type1 = Base64.getDecoder().decode("TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==");
        assertThat(NegotiateToken.parse(type1).prefersNtlm()).isTrue();
    }

    @Test
    void kerberosWithoutAnOptimisticTokenNeedsAnotherRoundTrip() {
        assertThat(NegotiateToken.parse(negTokenInit(null, KRB5)).offersKerberosFirst()).isFalse();
    }

    @Test
    void lengthsBeyondTheTokenAndOversizedTokensAreRefused() {
        byte[] t = negTokenInit(new byte[] {1}, KRB5);
        t[1] = (byte) 0x7f;
        assertThatThrownBy(() -> NegotiateToken.parse(t)).hasMessageContaining("exceeds the token");
        assertThatThrownBy(() -> NegotiateToken.parse(new byte[NegotiateToken.MAX_TOKEN_BYTES + 1]))
                .hasMessage("Negotiate token exceeds 65536 bytes");
        assertThatThrownBy(() -> NegotiateToken.parse(new byte[0])).hasMessage("empty Negotiate token");
    }
}
