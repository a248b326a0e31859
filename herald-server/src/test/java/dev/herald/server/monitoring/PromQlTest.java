package dev.herald.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void readsTheMetricNamesOfAnExpressionNotItsFunctionsLabelsOrRanges() {
        String expression = "histogram_quantile(0.99, sum by (le) (rate(herald_dispatch_latency_seconds_bucket"
                + "{instance=~\"$instance\"}[$__rate_interval])))";

        assertThat(PromQl.metricNames(expression)).as("only the histogram's bucket series is a metric here")
                .containsExactly("herald_dispatch_latency_seconds_bucket");
    }

    @Test
    void readsBothSidesOfABinaryOperation() {
        String expression = "rate(herald_store_commit_seconds_sum[5m]) / rate(herald_store_commit_seconds_count[5m]) > 0.05";

        assertThat(PromQl.metricNames(expression)).as("a ratio reads two metrics")
                .containsExactly("herald_store_commit_seconds_count", "herald_store_commit_seconds_sum");
    }

    @Test
    void readsTheMetricOfAGrafanaLabelValuesQuery() {
        assertThat(PromQl.labelValuesMetric("label_values(herald_subscribers, instance)"))
                .as("the variable's values come from this metric's instance label")
                .containsExactly("herald_subscribers");
    }
}
