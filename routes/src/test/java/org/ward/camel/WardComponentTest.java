package org.ward.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.delivery.AttemptOutcome;
import org.ward.delivery.QueuedMessage;
import org.ward.engine.WardHeaders;
import org.ward.store.JournalEntry;
import org.ward.store.MessageStatus;
import org.ward.store.Sender;
import org.ward.store.StoredMessage;

/** The {@code ward:} component and {@link RouteReceiver} in a Camel context of their own, without an engine. */
class WardComponentTest {

    private static final String TEXT = "MSH|^~\\&|DEV||WARD||20260101||ORU^R01^ORU_R01|C-1|P|2.6\rPID|||1||Müller\r";
    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final WardComponent component = new WardComponent(Set.of("alarms"));
    private final AtomicReference<Exchange> seen = new AtomicReference<>();

    @AfterEach
    void stop() {
        camel.stop();
    }

    private void start(String routes) throws Exception {
        camel.addComponent(WardComponent.SCHEME, component);
        camel.getRegistry().bind("capture", (Processor) exchange -> seen.set(exchange.copy()));
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("test.yaml", routes));
        camel.start();
    }

    private AttemptOutcome handOver() {
        JournalEntry entry = new JournalEntry(7, Instant.parse("2026-01-01T00:00:00Z"), "devices",
                Sender.of("CN=monitor-1,O=Hospital", "0a").withDevice("0011223344556677"), "ORU^R01^ORU_R01", "C-1",
                "PCD-01", List.of("1"), LATIN_1, MessageStatus.ACCEPTED);
        StoredMessage stored = new StoredMessage(entry, TEXT.getBytes(LATIN_1));
        RouteReceiver receiver = new RouteReceiver("alarms", component, id -> id == 7 ? Optional.of(stored) : Optional.empty());
        return receiver.receive(new QueuedMessage(7, "C-1", TEXT.getBytes(LATIN_1), 1), 2);
    }

    @Test
    void aRouteThatCompletesHasDeliveredTheMessageWhichArrivedAsTextWithWardsHeaders() throws Exception {
        start("""
                - route:
                    id: alarm-route
                    from:
                      uri: ward:alarms
                      steps:
                        - process: {ref: capture}
                """);

        AttemptOutcome outcome = handOver();

        assertThat(outcome.result()).isEqualTo(AttemptOutcome.Result.DELIVERED);
        assertThat(outcome.reason()).isEqualTo("route 'alarm-route' completed");
        Exchange exchange = seen.get();
        assertThat(exchange.getIn().getBody()).as("decoded in the received charset").isEqualTo(TEXT);
        assertThat(exchange.getProperty(ExchangePropertyKey.CHARSET_NAME)).isEqualTo("ISO-8859-1");
        assertThat(exchange.getIn().getHeaders()).containsAllEntriesOf(Map.of(
                WardHeaders.MESSAGE_ID, 7L,
                WardHeaders.MESSAGE_TYPE, "ORU^R01^ORU_R01",
                WardHeaders.CONTROL_ID, "C-1",
                WardHeaders.TRANSACTION, "PCD-01",
                WardHeaders.LISTENER, "devices",
                WardHeaders.SENDER_SUBJECT, "CN=monitor-1,O=Hospital",
                WardHeaders.DEVICE_EUI64, "0011223344556677",
                WardHeaders.ATTEMPT, 2));
    }

    @Test
    void anExceptionMeansTryAgainAndOnlyItsClassIsRecorded() throws Exception {
        start("""
                - route:
                    id: failing
                    from:
                      uri: ward:alarms
                      steps:
                        - throwException:
                            exceptionType: java.lang.IllegalArgumentException
                            message: "cannot parse PID|||1||Müller"
                """);

        AttemptOutcome outcome = handOver();

        assertThat(outcome.result()).isEqualTo(AttemptOutcome.Result.RETRY);
        assertThat(outcome.reason()).isEqualTo("route 'failing' failed: java.lang.IllegalArgumentException")
                .doesNotContain("Müller");
    }

    @Test
    void aRouteHandlingItsOwnExceptionHasDeliveredTheMessage() throws Exception {
        start("""
                - route:
                    id: forgiving
                    from:
                      uri: ward:alarms
                      steps:
                        - doTry:
                            steps:
                              - throwException:
                                  exceptionType: java.io.IOException
                                  message: "disk full"
                            doCatch:
                              - exception: [java.io.IOException]
                                steps:
                                  - process: {ref: capture}
                """);

        assertThat(handOver().result()).isEqualTo(AttemptOutcome.Result.DELIVERED);
        assertThat(seen.get()).isNotNull();
    }

    @Test
    void messageRejectedExceptionDeadLettersWithTheRoutesReason() throws Exception {
        start("""
                - route:
                    id: picky
                    from:
                      uri: ward:alarms
                      steps:
                        - throwException:
                            exceptionType: org.ward.camel.MessageRejectedException
                            message: "not an alarm"
                """);

        AttemptOutcome outcome = handOver();

        assertThat(outcome.result()).isEqualTo(AttemptOutcome.Result.REJECTED);
        assertThat(outcome.reason()).isEqualTo("rejected by route 'picky': not an alarm");
    }

    @Test
    void aStoppedRouteReceivesNothingAndTheMessageWaits() throws Exception {
        start("""
                - route:
                    id: alarm-route
                    from:
                      uri: ward:alarms
                      steps:
                        - process: {ref: capture}
                """);
        assertThat(component.unconsumed()).isEmpty();
        camel.getRouteController().stopRoute("alarm-route");

        AttemptOutcome outcome = handOver();

        assertThat(outcome.result()).isEqualTo(AttemptOutcome.Result.RETRY);
        assertThat(outcome.reason()).isEqualTo("no running route consumes ward:alarms");
        assertThat(component.unconsumed()).containsExactly("alarms");
        assertThat(seen.get()).isNull();
    }

    @Test
    void wardEndpointsAreConsumerOnly() {
        assertThatThrownBy(() -> start("""
                - route:
                    from:
                      uri: ward:alarms
                      steps:
                        - to: ward:alarms
                """)).hasStackTraceContaining("ward://alarms is consumer-only");
    }

    @Test
    void onlyCamelDestinationsHaveEndpoints() {
        assertThatThrownBy(() -> start("""
                - route:
                    from:
                      uri: ward:ehr
                      steps:
                        - log: "x"
                """)).hasStackTraceContaining("ward.yaml has no camel destination named 'ehr'");
    }

    @Test
    void aDestinationFeedsOneRoute() {
        assertThatThrownBy(() -> start("""
                - route:
                    id: first
                    from: {uri: ward:alarms, steps: [{log: "1"}]}
                - route:
                    id: second
                    from: {uri: ward:alarms, steps: [{log: "2"}]}
                """)).hasStackTraceContaining("Multiple consumers for the same endpoint is not allowed: ward://alarms");
    }

    @Test
    void optionsAreRefused() {
        assertThatThrownBy(() -> start("""
                - route:
                    from: {uri: "ward:alarms?size=10", steps: [{log: "1"}]}
                """)).hasStackTraceContaining("size");
    }

    @Test
    void theEngineLoaderRefusesRoutesThatDoNotStartFromWard(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("timer.yaml");
        Files.writeString(file, """
                - route:
                    id: side-door
                    from: {uri: "timer:tick", steps: [{log: "1"}]}
                """);
        camel.addComponent(WardComponent.SCHEME, component);

        assertThatThrownBy(() -> YamlRoutes.load(camel, List.of(file)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("route 'side-door' starts from 'timer:tick'");
    }

    @Test
    void theEngineRefusesACamelDestinationWithoutARoute() throws Exception {
        start("""
                - route:
                    from: {uri: "ward:alarms", steps: [{log: "1"}]}
                """);
        WardComponent two = new WardComponent(Set.of("alarms", "archive"));

        YamlRoutes.checkEveryDestinationConsumed(component);
        assertThatThrownBy(() -> YamlRoutes.checkEveryDestinationConsumed(two))
                .hasMessage("no running Camel route starts from ward:alarms, ward:archive");
    }
}
