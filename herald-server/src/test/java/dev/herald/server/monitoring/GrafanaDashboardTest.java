package dev.herald.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docs/grafana/herald.json}: a dashboard Grafana imports, over the metrics a hub really exports. */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("").toAbsolutePath().getParent().resolve("docs/grafana/herald.json");
    private static final String DATA_SOURCE = "${datasource}";

    private static JsonNode dashboard;
    private static Set<String> exported;

    @BeforeAll
    static void readTheDashboardAndScrapeHubs(@TempDir Path data) throws IOException {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        exported = ExportedMetrics.scrape(data);
    }

    @Test
    void everyMetricTheDashboardQueriesIsExportedByARunningHub() {
        Set<String> queried = new TreeSet<>();
        expressions().forEach(expression -> queried.addAll(PromQl.metricNames(expression)));
        variableQueries().forEach(query -> queried.addAll(PromQl.labelValuesMetric(query)));

        assertThat(queried).as("the dashboard queries metrics (found %s)", queried).isNotEmpty();
        assertThat(exported).as("a running hub exports every metric the dashboard queries").containsAll(queried);
    }

    @Test
    void everyPanelAndQueryReadsThePrometheusDataSourceChosenInTheVariable() {
        JsonNode variable = variable("datasource");
        assertThat(variable.path("type").asText()).as("the data source is a variable").isEqualTo("datasource");
        assertThat(variable.path("query").asText()).as("the variable offers Prometheus data sources")
                .isEqualTo("prometheus");
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText())
                    .as("panel '%s' reads the chosen data source", panel.path("title").asText()).isEqualTo(DATA_SOURCE);
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText())
                        .as("a query of panel '%s' reads the chosen data source", panel.path("title").asText())
                        .isEqualTo(DATA_SOURCE);
            }
        }
    }

    @Test
    void showsTheChartsOperatorsWatch() {
        List<String> titles = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> titles.add(panel.path("title").asText()));

        assertThat(titles).as("the dashboard's charts").contains("Connections by protocol", "Updates published /s",
                "Deliveries /s", "Dispatch latency (acceptance to write)", "Disconnects by reason /s",
                "Store: mean commit time (fsync included)", "Store: updates per commit",
                "Redis: reader lag (updates not yet delivered)", "Redis: reader restarts /s", "JVM heap",
                "GC pause time (s per s)", "Delivery lag (oldest update not yet delivered)",
                "Ready (1) or not (0): /readyz");
    }

    private static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asText())));
        return expressions;
    }

    private static List<String> variableQueries() {
        List<String> queries = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(variable -> {
            if ("query".equals(variable.path("type").asText())) {
                queries.add(variable.path("query").path("query").asText());
            }
        });
        return queries;
    }

    private static JsonNode variable(String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        throw new AssertionError("the dashboard has no variable '" + name + "'");
    }
}
