package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.TlsProtocol;

/** The records check themselves, so code that builds them without the loader cannot go wrong either. */
class RecordsTest {

    private static final Path P = Path.of("/ward/pki/x");
    private static final TlsConfig TLS = new TlsConfig(P, P, P, TlsConfig.DEFAULT_PROTOCOLS);

    private static ListenerConfig listener(String name, String bind, int port) {
        return new ListenerConfig(name, bind, port, 1024, Duration.ofSeconds(30), StandardCharsets.UTF_8, false, TLS);
    }

    @Test
    void tlsDefaultsToEveryBcp195Suite() {
        assertThat(TLS.cipherSuites()).isEqualTo(Bcp195CipherSuites.ALL);
    }

    @Test
    void tlsRejectsNonBcp195SuitesAndEmptyLists() {
        List<TlsProtocol> both = TlsConfig.DEFAULT_PROTOCOLS;
        assertThatThrownBy(() -> new TlsConfig(P, P, P, both, List.of("TLS_RSA_WITH_AES_128_CBC_SHA")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThatThrownBy(() -> new TlsConfig(P, P, P, both, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TlsConfig(P, P, P, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TlsConfig(P, P, P, List.of(TlsProtocol.TLS_1_2, TlsProtocol.TLS_1_2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsAreCopiedAndImmutable() {
        List<TlsProtocol> protocols = new ArrayList<>(List.of(TlsProtocol.TLS_1_3));
        TlsConfig tls = new TlsConfig(P, P, P, protocols);
        protocols.add(TlsProtocol.TLS_1_2);

        assertThat(tls.protocols()).containsExactly(TlsProtocol.TLS_1_3);
        assertThatThrownBy(() -> tls.protocols().add(TlsProtocol.TLS_1_2))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void listenerChecksItsValues() {
        assertThatThrownBy(() -> listener("Devices", "127.0.0.1", 2575)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> listener("devices", " ", 2575)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> listener("devices", "127.0.0.1", 65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("65536 is not a port number (0-65535)");
        assertThatThrownBy(() -> new ListenerConfig("d", "h", 1, 0, Duration.ofSeconds(1), StandardCharsets.UTF_8, false, TLS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListenerConfig("d", "h", 1, 1, Duration.ZERO, StandardCharsets.UTF_8, false, TLS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListenerConfig("d", "h", 1, 1, Duration.ofHours(25), StandardCharsets.UTF_8, false, TLS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListenerConfig("d", "h", 1, 1, Duration.ofSeconds(1), StandardCharsets.UTF_8, false, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void wardConfigRejectsDuplicateNamesClashingSocketsAndNoListeners() {
        Path home = Path.of("/ward");
        assertThatThrownBy(() -> new WardConfig(P, home, home, false, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WardConfig(P, home, home, false,
                List.of(listener("a", "127.0.0.1", 1), listener("a", "127.0.0.1", 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' is used twice");
        assertThatThrownBy(() -> new WardConfig(P, home, home, false,
                List.of(listener("a", "0.0.0.0", 2575), listener("b", "127.0.0.1", 2575))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same address and port");
    }

    @Test
    void listenersAreFoundByName() {
        WardConfig config = new WardConfig(P, Path.of("/ward"), Path.of("/ward/var"), true,
                List.of(listener("a", "127.0.0.1", 0), listener("b", "127.0.0.1", 0)));

        assertThat(config.listener("b")).contains(config.listeners().get(1));
        assertThat(config.listener("c")).isEmpty();
        assertThat(config.developmentPkiDir()).isEqualTo(Path.of("/ward/var/pki"));
    }
}
