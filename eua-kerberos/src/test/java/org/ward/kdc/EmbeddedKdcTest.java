package org.ward.kdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
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
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kdc.keytab()))).isEqualTo("rw-------");
            assertThat(Files.readString(kdc.krb5Conf()))
                    .contains("kdc = 127.0.0.1:" + kdc.port(), "udp_preference_limit = 1", "ward.demo = DEMO.TEST");
            assertThatThrownBy(() -> kdc.addUser("alice@OTHER.TEST")).hasMessage("alice@OTHER.TEST is not a principal of DEMO.TEST");
        }
    }

    @Test
    void passwordsAreLongAndFromTheUnambiguousAlphabet() {
        String p = EmbeddedKdc.randomPassword(new SecureRandom());
        assertThat(p).hasSize(20).matches("[A-HJ-NP-Za-km-z2-9]{20}");
    }
}
