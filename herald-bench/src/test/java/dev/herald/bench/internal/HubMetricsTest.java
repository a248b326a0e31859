package dev.herald.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A counter read by one label from the hub's Prometheus text. */
class HubMetricsTest {

    private static final String TEXT = """
            # HELP herald_disconnects_total Streams ended, by reason
            # TYPE herald_disconnects_total counter
            herald_disconnects_total{reason="client_gone"} 414.0
            herald_disconnects_total{reason="slow_consumer"} 41.0
            herald_disconnects_total{node="a",reason="replay_stalled"} 2.0
            herald_disconnects_total_created{reason="slow_consumer"} 1.7E9
            herald_connections_refused_total{reason="node_connections"} 3.0
            """;

    @Test
    void readsEachLabelsValueWhateverTheOtherLabels() {
        Map<String, Long> disconnects = HubMetrics.byLabel(TEXT, "herald_disconnects_total", "reason");

        assertThat(disconnects).containsExactly(Map.entry("client_gone", 414L), Map.entry("replay_stalled", 2L),
                Map.entry("slow_consumer", 41L));
    }
}
