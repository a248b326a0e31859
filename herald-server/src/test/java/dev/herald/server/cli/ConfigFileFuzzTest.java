package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A configuration file is written by an operator, maybe by hand, maybe badly: any content gives the
 * values of known options or one clear {@code --config:} error, never a stack trace, a hang or a
 * crash of the parser (deep nesting, aliases). Fuzzed by Jazzer (see docs/reliability.md).
 */
class ConfigFileFuzzTest {

    private static final Set<String> KNOWN = Set.of("port", "host", "cors-origins", "max-body-bytes");
    private static Path directory;

    @BeforeAll
    static void createDirectory() throws IOException {
        directory = Files.createTempDirectory("herald-config-fuzz");
    }

    @AfterAll
    static void deleteDirectory() throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @FuzzTest(maxDuration = "5s")
    void anyFileGivesKnownValuesOrOneClearError(FuzzedDataProvider input) throws IOException {
        Path file = directory.resolve(input.consumeBoolean() ? "herald.yaml" : "herald.properties");
        Files.write(file, input.consumeRemainingAsBytes());
        try {
            Map<String, String> values = ConfigFile.read(file, KNOWN);
            assertThat(KNOWN).as("only known options are set").containsAll(values.keySet());
            assertThat(values.values()).doesNotContainNull();
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).as("the error names the option that reads the file").startsWith("--config: ");
        }
    }
}
