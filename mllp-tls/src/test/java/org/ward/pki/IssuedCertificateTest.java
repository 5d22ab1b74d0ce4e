package org.ward.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class IssuedCertificateTest {

    @Test
    void serialsPrintAsWholeOctetsLikeOpenSsl() {
        assertThat(IssuedCertificate.hex(new BigInteger("479b475cd6d82a81135fa5ed2afc663", 16)))
                .isEqualTo("0479B475CD6D82A81135FA5ED2AFC663");
        assertThat(IssuedCertificate.hex(new BigInteger("ff", 16))).isEqualTo("FF");
    }

    @Test
    void serialsParseAsWardAndOpenSslPrintThem() {
        BigInteger serial = new BigInteger("0479b475cd6d82a81135fa5ed2afc663", 16);
        assertThat(IssuedCertificate.parseSerial("0479B475CD6D82A81135FA5ED2AFC663")).isEqualTo(serial);
        assertThat(IssuedCertificate.parseSerial("04:79:b4:75:cd:6d:82:a8:11:35:fa:5e:d2:af:c6:63")).isEqualTo(serial);
        assertThat(IssuedCertificate.parseSerial("0x479b475cd6d82a81135fa5ed2afc663")).isEqualTo(serial);
    }

    @Test
    void serialsOutsideRfc5280AreRefused() {
        assertThatThrownBy(() -> IssuedCertificate.parseSerial("00")).hasMessageContaining("positive");
        assertThatThrownBy(() -> IssuedCertificate.parseSerial("1".repeat(41))).hasMessageContaining("20 octets");
        assertThatThrownBy(() -> IssuedCertificate.parseSerial("xyz")).hasMessageContaining("hex digits");
    }

    @Test
    void revocationReasonsParseTheirAsn1NamesAndKeepTheirCodes() {
        assertThat(RevocationReason.parse("keycompromise")).isEqualTo(RevocationReason.KEY_COMPROMISE);
        assertThat(RevocationReason.KEY_COMPROMISE.code()).isEqualTo(1);
        assertThat(RevocationReason.CESSATION_OF_OPERATION.code()).isEqualTo(5);
        assertThat(RevocationReason.PRIVILEGE_WITHDRAWN.code()).isEqualTo(9);
        assertThat(RevocationReason.UNSPECIFIED.hasReasonCode()).isFalse();
        assertThatThrownBy(() -> RevocationReason.parse("certificateHold"))
                .hasMessageContaining("unspecified, keyCompromise, affiliationChanged, superseded,"
                        + " cessationOfOperation, privilegeWithdrawn");
    }
}
