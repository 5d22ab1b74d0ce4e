package org.ward.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Eui64Test {

    @ParameterizedTest
    @ValueSource(strings = {"0123456789abcdef", "0123456789ABCDEF", "01:23:45:67:89:AB:cd:ef",
            "01-23-45-67-89-ab-cd-ef", " 0123456789abcdef\n"})
    void parsesCommonFormsToCanonicalLowerCase(String text) {
        assertThat(Eui64.parse(text).hex()).isEqualTo("0123456789abcdef");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789abcde", "0123456789abcdef0", "0123456789abcdeg",
            "01:23:45:67-89:ab:cd:ef", "0123:4567:89ab:cdef", "01:23:45:67:89:ab:cd"})
    void parseRefusesWhatIsNotAnEui64(String text) {
        assertThatThrownBy(() -> Eui64.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EUI-64");
    }

    @Test
    void constructorAcceptsOnlyTheCanonicalForm() {
        assertThatThrownBy(() -> new Eui64("0123456789ABCDEF"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower-case");
    }

    @Test
    void urnIsRfc9039MacUrn() {
        assertThat(Eui64.parse("00:1B:C5:0F:FF:00:00:2A").urn()).isEqualTo("urn:dev:mac:001bc50fff00002a");
    }

    @Test
    void randomIdentifiersAreLocallyAdministeredAndIndividual() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 100; i++) {
            int firstOctet = Integer.parseInt(Eui64.random(random).hex().substring(0, 2), 16);
            assertThat(firstOctet & 0x02).as("U/L bit").isEqualTo(0x02);
            assertThat(firstOctet & 0x01).as("I/G bit").isZero();
        }
    }
}
