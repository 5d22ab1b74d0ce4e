package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.camel.YamlRouteReader;

/**
 * {@code camel-routes} and the Camel YAML DSL route files in it, as {@code ward check-config} and
 * {@code ward run} read them: every mistake with its file and line, in ward.yaml or in the route file.
 */
class CamelRoutesRulesTest {

    @TempDir
    Path home;

    private ConfigFixture fixture;
    private Path routes;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new ConfigFixture(home);
        routes = Files.createDirectories(home.resolve("routes"));
    }

    /** A listener and two camel destinations, the first named on line 3, the second on line 5. */
    private static final String CAMEL_DESTINATIONS = """
            destinations:
              - name: alarm-files
                type: camel
              - name: archive
                type: camel
            """ + ConfigFixture.listener("    port: 2575\n");

    /** A route file: one route with {@code id} from {@code from}, with {@code uri} on line 4. */
    private static String route(String id, String from) {
        return """
                - route:
                    id: %s
                    from:
                      uri: "%s"
                      steps:
                        - log: "alarm"
                """.formatted(id, from);
    }

    private void routeFile(String name, String yaml) throws IOException {
        Files.writeString(routes.resolve(name), yaml);
    }

    private List<ConfigError> errors(String yaml) {
        fixture.write(yaml);
        return WardConfigLoader.validate(fixture.file, home, new YamlRouteReader());
    }

    @Test
    void routeFilesNextToWardYamlAreReadInNameOrder() throws Exception {
        routeFile("b-archive.yaml", route("archive", "ward:archive"));
        routeFile("a-alarms.yaml", route("alarms", "ward:alarm-files"));
        routeFile(".a-backup.yaml", "not: [a route");
        routeFile("README.txt", "not a route file");
        fixture.write(CAMEL_DESTINATIONS);

        WardConfig config = WardConfigLoader.load(fixture.file, home, new YamlRouteReader());

        assertThat(config.camelRoutes()).containsExactly(routes.resolve("a-alarms.yaml"), routes.resolve("b-archive.yaml"));
        assertThat(config.destinations()).containsExactly(new DestinationSettings.Camel("alarm-files"),
                new DestinationSettings.Camel("archive"));
    }

    @Test
    void aFileThatIsNotYamlIsAnErrorAtTheLineTheParserStopped() throws Exception {
        routeFile("broken.yaml", """
                - route:
                    from:
                      uri: "ward:alarm-files
                      steps: []
                """);
        List<ConfigError> errors = errors(CAMEL_DESTINATIONS);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(routes.resolve("broken.yaml"));
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.keyPath()).isEqualTo("(route file)");
        });
    }

    @Test
    void aStepCamelDoesNotKnowIsAnErrorAtItsLineAndColumn() throws Exception {
        routeFile("typo.yaml", """
                - route:
                    from:
                      uri: ward:alarm-files
                      steps:
                        - too: file:/tmp/alarms
                """);
        routeFile("z-archive.yaml", route("archive", "ward:archive"));

        assertThat(errors(CAMEL_DESTINATIONS)).extracting(ConfigError::file, ConfigError::line, ConfigError::column,
                ConfigError::message).containsExactly(tuple(routes.resolve("typo.yaml"), 5, 11, "Unknown node id: too"));
    }

    @Test
    void aRouteFromAnUnknownDestinationIsAnErrorAtItsFromLine() throws Exception {
        routeFile("alarms.yaml", route("alarms", "ward:alarm-file"));
        routeFile("archive.yaml", route("archive", "ward:archive"));

        List<ConfigError> errors = errors(CAMEL_DESTINATIONS);

        assertThat(errors).extracting(ConfigError::file, ConfigError::line, ConfigError::column, ConfigError::keyPath)
                .containsExactly(
                        tuple(fixture.file, 2, 5, "destinations[0]"),
                        tuple(routes.resolve("alarms.yaml"), 4, 13, "from"));
        assertThat(errors.get(0).message()).startsWith("no Camel route starts from ward:alarm-files");
        assertThat(errors.get(1).message()).isEqualTo("route 'alarms' starts from ward:alarm-file, but ward.yaml has"
                + " no camel destination named 'alarm-file'; camel destinations: alarm-files, archive");
    }

    @Test
    void aCamelDestinationNoRouteConsumesIsAnErrorAtItsLineInWardYaml() throws Exception {
        routeFile("alarms.yaml", route("alarms", "ward:alarm-files"));

        List<ConfigError> errors = errors(CAMEL_DESTINATIONS);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(fixture.file);
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.keyPath()).isEqualTo("destinations[1]");
            assertThat(e.message()).isEqualTo("no Camel route starts from ward:archive (route files: " + routes + "/*.yaml)");
        });
    }

    @Test
    void withoutARoutesDirectoryACamelDestinationSaysWhereRoutesWereLookedFor() throws Exception {
        Files.delete(routes);
        List<ConfigError> errors = errors("""
                destinations:
                  - name: alarm-files
                    type: camel
                """ + ConfigFixture.listener("    port: 2575\n"));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.message()).isEqualTo("no Camel route starts from ward:alarm-files (there are no route files: "
                    + routes + " does not exist and camel-routes is not given)");
        });
    }

    @Test
    void sendingToAWardEndpointIsAnErrorAtThatStep() throws Exception {
        routeFile("alarms.yaml", """
                - route:
                    id: alarms
                    from:
                      uri: ward:alarm-files
                      steps:
                        - choice:
                            when:
                              - simple: "${header.WardTransaction} == 'PCD-04'"
                                steps:
                                  - to: ward:archive
                        - wireTap:
                            uri: "ward:archive"
                """);
        routeFile("archive.yaml", route("archive", "ward:archive"));

        assertThat(errors(CAMEL_DESTINATIONS)).extracting(ConfigError::line, ConfigError::column, ConfigError::keyPath)
                .containsExactly(tuple(10, 25, "to"), tuple(12, 19, "to"));
        assertThat(errors(CAMEL_DESTINATIONS).get(0).message()).isEqualTo("route 'alarms' sends to 'ward:archive';"
                + " ward: endpoints can only start a route (to reach another destination, name it in the ward.yaml"
                + " route instead)");
    }

    @Test
    void aRouteMustStartFromWard() throws Exception {
        routeFile("alarms.yaml", route("alarms", "ward:alarm-files"));
        routeFile("archive.yaml", route("archive", "ward:archive"));
        routeFile("side-door.yaml", route("side-door", "netty:tcp://0.0.0.0:2576"));

        assertThat(errors(CAMEL_DESTINATIONS)).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(routes.resolve("side-door.yaml"));
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.message()).startsWith("route 'side-door' starts from 'netty:tcp://0.0.0.0:2576'; a route here"
                    + " must start from ward:<destination>");
        });
    }

    @Test
    void aDestinationFeedsOneRouteAndRouteIdsAreUnique() throws Exception {
        routeFile("a.yaml", route("alarms", "ward:alarm-files"));
        routeFile("b.yaml", route("alarms", "ward:alarm-files") + route("archive", "ward:archive").replace("- route:", "- route:"));

        List<ConfigError> errors = errors(CAMEL_DESTINATIONS);

        assertThat(errors).extracting(ConfigError::file, ConfigError::line, ConfigError::keyPath).containsExactly(
                tuple(routes.resolve("b.yaml"), 4, "from"), tuple(routes.resolve("b.yaml"), 4, "id"));
        assertThat(errors).extracting(ConfigError::message).containsExactlyInAnyOrder(
                "ward:alarm-files is already consumed by route 'alarms' at a.yaml:4; a camel destination feeds exactly one route",
                "route id 'alarms' is also used at a.yaml:4");
    }

    @Test
    void wardEndpointsTakeNoOptions() throws Exception {
        routeFile("alarms.yaml", route("alarms", "ward:alarm-files?concurrentConsumers=4"));
        routeFile("archive.yaml", route("archive", "ward:archive"));

        assertThat(errors(CAMEL_DESTINATIONS)).extracting(ConfigError::line, ConfigError::message)
                .contains(tuple(4, "ward: endpoints take no options: write ward:alarm-files"));
    }

    @Test
    void camelRoutesNamesAnotherDirectoryRelativeToTheWardHome() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("etc/ward-routes"));
        Files.writeString(elsewhere.resolve("all.yaml"), route("alarms", "ward:alarm-files") + route("archive", "ward:archive"));
        fixture.write("camel-routes: etc/ward-routes\n" + CAMEL_DESTINATIONS);

        WardConfig config = WardConfigLoader.load(fixture.file, home, new YamlRouteReader());

        assertThat(config.camelRoutes()).containsExactly(elsewhere.resolve("all.yaml"));
    }

    @Test
    void aMissingCamelRoutesDirectoryIsAnErrorAtTheKey() {
        List<ConfigError> errors = errors("camel-routes: etc/nowhere\n" + CAMEL_DESTINATIONS);

        assertThat(errors).extracting(ConfigError::line, ConfigError::keyPath, ConfigError::message).startsWith(
                tuple(1, "camel-routes", home.resolve("etc/nowhere") + " does not exist"));
    }

    @Test
    void routeFilesOthersCanWriteAreRefused() throws Exception {
        routeFile("alarms.yaml", route("alarms", "ward:alarm-files") + route("archive", "ward:archive"));
        Files.setPosixFilePermissions(routes.resolve("alarms.yaml"), PosixFilePermissions.fromString("rw-rw-r--"));

        assertThat(errors(CAMEL_DESTINATIONS)).extracting(ConfigError::file, ConfigError::message).containsExactly(
                tuple(routes.resolve("alarms.yaml"), "is writable by group; route files run inside Ward with its"
                        + " privileges: chmod go-w " + routes.resolve("alarms.yaml")));
    }

    @Test
    void theShippedExampleChecksWithTheWardYamlItsHeaderGives() throws Exception {
        Files.copy(Path.of(System.getProperty("ward.project.root"), "config/examples/routes/alarms-by-priority.yaml"),
                routes.resolve("alarms-by-priority.yaml"));

        assertThat(errors("""
                destinations:
                  - name: alarm-files
                    type: camel
                routes:
                  - name: alarms
                    from: devices
                    when: {transaction: [PCD-04]}
                    to: [alarm-files]
                """ + ConfigFixture.listener("    port: 2575\n"))).isEmpty();
    }
}
