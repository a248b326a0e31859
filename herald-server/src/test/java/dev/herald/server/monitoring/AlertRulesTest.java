package dev.herald.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docs/prometheus/herald-rules.yml}: rules Prometheus loads, over the metrics a hub really exports. */
class AlertRulesTest {

    private static final Path RULES = Path.of("").toAbsolutePath().getParent().resolve("docs/prometheus/herald-rules.yml");
    /** promtool's unit tests of the rules: series in, the alerts that must fire (and when) out. */
    private static final Path RULE_TESTS = RULES.resolveSibling("herald-rules.test.yml");

    private static JsonNode rules;
    private static Set<String> exported;

    @BeforeAll
    static void readTheRulesAndScrapeHubs(@TempDir Path data) throws IOException {
        rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
        exported = ExportedMetrics.scrape(data);
    }

    @Test
    void promtoolAcceptsTheRules(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(onPath("promtool"), "promtool is not installed (Debian package prometheus)");
        Path output = work.resolve("promtool.log");
        Process promtool = new ProcessBuilder("promtool", "check", "rules", RULES.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool finishes within a minute").isTrue();
        List<String> said = Files.readAllLines(output, StandardCharsets.UTF_8);

        assertThat(promtool.exitValue()).as("promtool check rules exits with 0: %s", said).isZero();
        assertThat(said).as("promtool found every rule").contains("  SUCCESS: " + alerts().size() + " rules found");
    }

    @Test
    void theRulesFireWhenTheirUnitTestsSayAndOnlyThen(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(onPath("promtool"), "promtool is not installed (Debian package prometheus)");
        Path output = work.resolve("promtool-test.log");
        Process promtool = new ProcessBuilder("promtool", "test", "rules", RULE_TESTS.getFileName().toString())
                .directory(RULE_TESTS.getParent().toFile()).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool finishes within a minute").isTrue();

        assertThat(promtool.exitValue()).as("promtool test rules exits with 0: %s",
                Files.readAllLines(output, StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void everyMetricTheRulesUseIsExportedByARunningHubOrByPrometheus() {
        Set<String> used = new TreeSet<>();
        alerts().forEach(alert -> used.addAll(PromQl.metricNames(alert.path("expr").asText())));
        used.removeAll(ExportedMetrics.FROM_PROMETHEUS);

        assertThat(used).as("the rules read hub metrics (found %s)", used).isNotEmpty();
        assertThat(exported).as("a running hub exports every metric the alert rules use").containsAll(used);
    }

    @Test
    void alertOnWhatTheIssueAsksFor() {
        List<String> names = new ArrayList<>();
        alerts().forEach(alert -> names.add(alert.path("alert").asText()));

        assertThat(names).as("the alerts").containsExactly("HeraldDown", "HeraldNotReady",
                "HeraldSlowConsumerDisconnects", "HeraldStoreCommitSlow", "HeraldDeliveryLag",
                "HeraldFileDescriptorsNearLimit");
    }

    @Test
    void everyAlertHasASeverityAndASummary() {
        for (JsonNode alert : alerts()) {
            String name = alert.path("alert").asText();
            assertThat(alert.path("labels").path("severity").asText()).as("%s has a severity", name)
                    .isIn("critical", "warning");
            assertThat(alert.path("annotations").path("summary").asText()).as("%s has a summary", name).isNotBlank();
        }
    }

    private static List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        rules.path("groups").forEach(group -> group.path("rules").forEach(alerts::add));
        return alerts;
    }

    private static boolean onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
