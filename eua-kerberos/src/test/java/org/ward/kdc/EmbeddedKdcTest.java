package org.ward.kdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKdcTest {

    @TempDir
    Path dir;

    @Test
    void writesTheServiceKeytabWithTheServicePrincipalAloneAndAKrb5ConfOnLoopback() throws Exception {
        try (EmbeddedKdc kdc = EmbeddedKdc.start(dir.resolve("kdc"), "DEMO.TEST", "ward.demo", 0, Duration.ofHours(1))) {
            kdc.addUser("alice@DEMO.TEST");
            Keytab keytab = Keytab.loadKeytab(kdc.keytab().toFile());
            assertThat(keytab.getPrincipals()).extracting(Object::toString).containsExactly("HTTP/ward.demo@DEMO.TEST");
            assertThat(keytab.getKeytabEntries(keytab.getPrincipals().get(0))).extracting(e -> e.getKey().getKeyType())
                    .containsExactlyInAnyOrder(EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kdc.keytab()))).isEqualTo("rw-------");
            assertThat(Files.readString(kdc.krb5Conf()))
                    .contains("kdc = 127.0.0.1:" + kdc.port(), "udp_preference_limit = 1", "ward.demo = DEMO.TEST");
            assertThatThrownBy(() -> kdc.addUser("alice@OTHER.TEST")).hasMessage("alice@OTHER.TEST is not a principal of DEMO.TEST");
        }
    }

    @Test
    void refusesToStartWhenUsersKeytabIsNotAKeytab() throws Exception {
        Path kdcDir = dir.resolve("kdc");
        Files.createDirectories(kdcDir);
        Files.write(kdcDir.resolve("users.keytab"), new byte[] {0x05, 0x02, 0x00, 0x00, 0x00, 0x7f, 0x00});

        assertThatThrownBy(() -> EmbeddedKdc.start(kdcDir, "DEMO.TEST", "ward.demo", 0, Duration.ofHours(1)))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("embedded KDC for DEMO.TEST: cannot load its users: " + kdcDir.toAbsolutePath()
                        + "/users.keytab is not a readable MIT keytab (java.io.IOException: Bad input stream with less data"
                        + " than expected: 127)");
    }

    @Test
    void passwordsAreLongAndFromTheUnambiguousAlphabet() {
        String p = EmbeddedKdc.randomPassword(new SecureRandom());
        assertThat(p).hasSize(20).matches("[A-HJ-NP-Za-km-z2-9]{20}");
    }
}
