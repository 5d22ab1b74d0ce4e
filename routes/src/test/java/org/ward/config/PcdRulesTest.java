package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.profile.PcdTransaction;

/** The IHE PCD keys: a listener's accept list and the pcd-profiles OID allow-list. */
class PcdRulesTest {

    @TempDir
    Path home;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(home);
    }

    @Test
    void listenerWithoutAcceptTakesEveryPcdTransaction() throws ConfigException {
        WardConfig config = fixture.load(ConfigFixture.listener("    port: 2575\n"));
        assertThat(config.listeners().get(0).accept()).containsExactlyInAnyOrder(PcdTransaction.values());
    }

    @Test
    void acceptListsTheTransactionsTaken() throws ConfigException {
        WardConfig config = fixture.load(ConfigFixture.listener("    port: 2575\n    accept: [PCD-01, PCD-04]\n"));
        assertThat(config.listeners().get(0).accept()).containsExactlyInAnyOrder(PcdTransaction.PCD_01, PcdTransaction.PCD_04);
    }

    @Test
    void unknownDuplicateAndEmptyAcceptEntriesAreErrorsWithTheirPosition() {
        List<ConfigError> errors = fixture.errors(
                ConfigFixture.listener("    port: 2575\n    accept: [PCD-01, ADT^A01, PCD-01]\n"));
        assertThat(errors).extracting(ConfigError::line, ConfigError::keyPath).containsExactly(
                tuple(4, "listeners[0].accept[1]"), tuple(4, "listeners[0].accept[2]"));
        assertThat(errors.get(0).message()).contains("'ADT^A01' is not a transaction Ward knows; use PCD-01, PCD-03");
        assertThat(errors.get(1).message()).contains("listed twice");

        assertThat(fixture.errors(ConfigFixture.listener("    port: 2575\n    accept: []\n")))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("at least one transaction"));
    }

    @Test
    void pcdProfilesReplaceTheDefaultOfTheListedTransactionOnly() throws ConfigException {
        WardConfig config = fixture.load("pcd-profiles:\n  PCD-04: [1.2.3.4]\n" + ConfigFixture.listener("    port: 2575\n"));
        assertThat(config.pcdProfiles().identifies(PcdTransaction.PCD_04, "1.2.3.4")).isTrue();
        assertThat(config.pcdProfiles().identifies(PcdTransaction.PCD_04, "1.3.6.1.4.1.19376.1.6.1.4.1")).isFalse();
        assertThat(config.pcdProfiles().identifies(PcdTransaction.PCD_01, "1.3.6.1.4.1.19376.1.6.1.1.1")).isTrue();
    }

    @Test
    void withoutPcdProfilesBothAcmSpellingsAreAccepted() throws ConfigException {
        WardConfig config = fixture.load(ConfigFixture.listener("    port: 2575\n"));
        assertThat(config.pcdProfiles().identifies(PcdTransaction.PCD_04, "1.3.6.1.4.1.19376.1.6.4.4")).isTrue();
        assertThat(config.pcdProfiles().identifies(PcdTransaction.PCD_04, "1.3.6.1.4.1.19376.1.6.1.4.1")).isTrue();
    }

    @Test
    void pcdProfilesRejectNonOidsUnknownTransactionsAndEmptyLists() {
        List<ConfigError> errors = fixture.errors("""
                pcd-profiles:
                  PCD-01: [2.16.840.1.113883.9.n.m]
                  PCD-02: [1.2.3]
                  PCD-10: []
                """ + ConfigFixture.listener("    port: 2575\n"));
        assertThat(errors).extracting(ConfigError::line, ConfigError::keyPath).containsExactly(
                tuple(2, "pcd-profiles.PCD-01[0]"), tuple(3, "pcd-profiles.PCD-02"), tuple(4, "pcd-profiles.PCD-10"));
        assertThat(errors.get(0).message()).contains("is not an OID");
        assertThat(errors.get(1).message()).contains("unknown key");
    }
}
