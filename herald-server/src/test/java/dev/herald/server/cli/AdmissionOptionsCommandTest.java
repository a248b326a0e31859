package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.AdmissionOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The stream-admission options, from flags and from the environment, with their named defaults. */
class AdmissionOptionsCommandTest {

    @Test
    void withoutFlagsTheNamedDefaultsApply() {
        assertThat(parse(Map.of())).isEqualTo(AdmissionOptions.defaults());
    }

    @Test
    void flagsSetEachLimit() {
        assertThat(parse(Map.of(), "--max-streams-per-address", "10", "--max-templates-per-stream", "4",
                "--max-templates-per-address", "0", "--max-templates", "100"))
                .isEqualTo(new AdmissionOptions(10, 4, 0, 100));
    }

    @Test
    void theEnvironmentSetsThemToo() {
        assertThat(parse(Map.of("HERALD_MAX_STREAMS_PER_ADDRESS", "0", "HERALD_MAX_TEMPLATES_PER_STREAM", "8",
                "HERALD_MAX_TEMPLATES_PER_ADDRESS", "64", "HERALD_MAX_TEMPLATES", "0")))
                .isEqualTo(new AdmissionOptions(0, 8, 64, 0));
    }

    private static AdmissionOptions parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = HeraldCommand.commandLine(environment, args);
        commandLine.parseArgs(args);
        return ((HeraldCommand) commandLine.getCommand()).options().admission();
    }
}
