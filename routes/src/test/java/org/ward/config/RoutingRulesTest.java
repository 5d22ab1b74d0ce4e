package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.profile.PcdTransaction;

/** {@code destinations:} and {@code routes:}: every reference checked, with its line. */
class RoutingRulesTest {

    @TempDir
    Path home;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(home);
    }

    private static final String DESTINATIONS = """
            destinations:
              - name: ehr
                type: mllp
                host: ehr.hospital.example
                port: 2575
                key-store: certs/server.p12
                key-store-password-file: certs/server.p12.password
                trust-anchors: certs/ca.pem
                ack-timeout: 20s
                acks: commit
              - name: archive
                type: directory
                path: var/outbox
              - name: alarms
                type: route
                route: alarm-route
            """;

    @Test
    void destinationsAndRoutesAreRead() throws ConfigException {
        WardConfig config = fixture.load(DESTINATIONS + """
                routes:
                  - name: vitals
                    from: devices
                    when: {transaction: [PCD-01]}
                    to: [ehr, archive]
                  - name: alarm-route
                    from: devices
                    when: {message-type: ["ORU^R40", "ORA^*"]}
                    to: [ehr]
                """ + ConfigFixture.listener("    port: 2575\n"));
        assertThat(config.destinations()).hasSize(3);
        DestinationSettings.Mllp ehr = (DestinationSettings.Mllp) config.destinations().get(0);
        assertThat(ehr.ackKind()).isEqualTo(DestinationSettings.AckKind.COMMIT);
        assertThat(ehr.ackTimeout()).hasSeconds(20);
        assertThat(config.routes()).extracting(RouteSettings::name).containsExactly("vitals", "alarm-route");
        RouteSettings vitals = config.routes().get(0);
        assertThat(vitals.matches(Optional.of(PcdTransaction.PCD_01), "ORU^R01")).isTrue();
        assertThat(vitals.matches(Optional.of(PcdTransaction.PCD_04), "ORU^R40")).isFalse();
        RouteSettings alarms = config.routes().get(1);
        assertThat(alarms.matches(Optional.empty(), "ORA^R41")).isTrue();
        assertThat(alarms.matches(Optional.empty(), "ORU^R01")).isFalse();
    }

    @Test
    void anMllpDestinationReadsAheadOneHundredMessagesUnlessItsBatchSizeSaysOtherwise() throws ConfigException {
        String routes = """
                routes:
                  - name: vitals
                    from: devices
                    to: [ehr]
                  - name: alarm-route
                    from: devices
                    to: [ehr]
                """ + ConfigFixture.listener("    port: 2575\n");
        DestinationSettings.Mllp byDefault = (DestinationSettings.Mllp) fixture.load(DESTINATIONS + routes)
                .destinations().get(0);
        assertThat(byDefault.batchSize()).isEqualTo(100);
        DestinationSettings.Mllp given = (DestinationSettings.Mllp) fixture.load(
                DESTINATIONS.replace("    acks: commit\n", "    acks: commit\n    batch-size: 250\n") + routes)
                .destinations().get(0);
        assertThat(given.batchSize()).isEqualTo(250);

        var errors = fixture.errors(DESTINATIONS.replace("    acks: commit\n", "    acks: commit\n    batch-size: 0\n")
                .replace("    path: var/outbox\n", "    path: var/outbox\n    batch-size: 10\n") + routes);
        assertThat(errors).extracting(ConfigError::line, ConfigError::keyPath, ConfigError::message).contains(
                tuple(11, "destinations[0].batch-size", "0 is not a batch size from 1 to 1000"),
                tuple(15, "destinations[1].batch-size", "'batch-size' does not apply to a directory destination;"
                        + " its keys are name, type, path"));
    }

    @Test
    void unknownListenerDestinationAndRouteAreErrorsAtTheirLines() {
        var errors = fixture.errors(DESTINATIONS.replace("route: alarm-route", "route: nowhere") + """
                routes:
                  - name: vitals
                    from: monitors
                    to: [ehr, printer]
                """ + ConfigFixture.listener("    port: 2575\n"));
        assertThat(errors).extracting(ConfigError::line, ConfigError::keyPath).containsExactly(
                tuple(16, "destinations[2].route"), tuple(19, "routes[0].from"), tuple(20, "routes[0].to[1]"));
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains("no route named 'nowhere'"));
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains("no listener named 'monitors'"));
    }

    @Test
    void aRouteThatLeadsBackToItselfIsRefused() {
        var errors = fixture.errors("""
                destinations:
                  - name: loop
                    type: route
                    route: first
                routes:
                  - name: first
                    from: devices
                    to: [loop]
                """ + ConfigFixture.listener("    port: 2575\n"));
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains("leads back to itself"));
    }

    @Test
    void destinationMistakes() {
        var errors = fixture.errors("""
                destinations:
                  - name: ehr
                    type: fax
                  - name: Bad_Name
                    type: directory
                    path: out
                """ + ConfigFixture.listener("    port: 2575\n"));
        assertThat(errors).extracting(ConfigError::line, ConfigError::keyPath)
                .contains(tuple(3, "destinations[0].type"), tuple(4, "destinations[1].name"));
    }

    @Test
    void aKeyOfAnotherDestinationTypeIsAnError() {
        var errors = fixture.errors("""
                destinations:
                  - name: archive
                    type: directory
                    path: out
                    host: 127.0.0.1
                  - name: alarms
                    type: camel
                    ack-timeout: 5s
                """ + ConfigFixture.listener("    port: 2575\n"));
        assertThat(errors).extracting(ConfigError::line, ConfigError::keyPath, ConfigError::message).containsExactly(
                tuple(5, "destinations[0].host", "'host' does not apply to a directory destination; its keys are name,"
                        + " type, path"),
                tuple(8, "destinations[1].ack-timeout", "'ack-timeout' does not apply to a camel destination; its keys"
                        + " are name, type"));
    }
}
