package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems with the file itself, before any key is looked at. */
class LoaderFileTest {

    @TempDir
    Path home;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(home);
    }

    @Test
    void missingFileIsOneErrorAtTheStart() {
        Path missing = home.resolve("nope.yaml");

        assertThatThrownBy(() -> WardConfigLoader.load(missing, home))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    ConfigError error = e.errors().get(0);
                    assertThat(error.file()).isEqualTo(missing);
                    assertThat(error.line()).isEqualTo(1);
                    assertThat(error.column()).isEqualTo(1);
                    assertThat(error.keyPath()).isEqualTo("(file)");
                    assertThat(error.message()).contains("does not exist");
                    assertThat(e.getMessage()).isEqualTo(missing + ":1:1 (file): configuration file does not exist");
                });
    }

    @Test
    void directoryIsNotAConfigurationFile() {
        assertThat(WardConfigLoader.validate(home, home))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).contains("is a directory"));
    }

    @Test
    void syntaxErrorIsReportedAtTheParsersMark() {
        List<ConfigError> errors = fixture.errors("""
                listeners:
                  - name: devices
                    port: 2575: x
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.column()).isEqualTo(15);
            assertThat(error.keyPath()).isEqualTo("(syntax)");
            assertThat(error.message()).startsWith("YAML syntax error").contains("mapping values are not allowed");
        });
    }

    @Test
    void unterminatedQuoteIsASyntaxError() {
        List<ConfigError> errors = fixture.errors("""
                listeners:
                  - name: "devices
                    port: 2575
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.keyPath()).isEqualTo("(syntax)");
            assertThat(error.message()).contains("quoted scalar");
        });
    }

    @Test
    void emptyFileIsAnError() {
        assertThat(fixture.errors("")).singleElement().satisfies(error -> {
            assertThat(error.keyPath()).isEqualTo("(file)");
            assertThat(error.message()).contains("is empty");
        });
    }

    @Test
    void fileWithOnlyCommentsIsEmpty() {
        assertThat(fixture.errors("# nothing configured yet\n\n"))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).contains("is empty"));
    }

    @Test
    void aSecondDocumentIsAnError() {
        assertThat(fixture.errors(ConfigFixture.listener("    port: 2575\n") + "---\ndata-dir: other\n"))
                .singleElement()
                .satisfies(error -> {
                    assertThat(error.keyPath()).isEqualTo("(syntax)");
                    assertThat(error.message()).contains("single document");
                });
    }

    @Test
    void documentMustBeAMapping() {
        assertThat(fixture.errors("- listeners\n")).singleElement().satisfies(error -> {
            assertThat(error.keyPath()).isEqualTo("(document)");
            assertThat(error.message()).contains("expected a mapping").contains("found a list");
        });
    }

    @Test
    void invalidUtf8IsAnError() throws IOException {
        Files.write(fixture.file, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        assertThat(WardConfigLoader.validate(fixture.file, home))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).contains("UTF-8"));
    }
}
