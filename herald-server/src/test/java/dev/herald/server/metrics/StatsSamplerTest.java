package dev.herald.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.server.stream.TopicCount;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A dashboard point from Herald's meters: rates and latency percentiles describe the interval since
 * the previous point, not the life of the process; topic rows are bounded and ordered.
 */
class StatsSamplerTest {

    private static final long FAST = Duration.ofMillis(2).toNanos();
    private static final long SLOW = Duration.ofMillis(500).toNanos();

    private final HeraldMetrics metrics = new HeraldMetrics();
    private final TopicRates rates = new TopicRates();
    private final StatsSampler sampler = new StatsSampler(metrics, rates,
            n -> CompletableFuture.completedFuture(List.of(new TopicCount("https://example.com/a", 3))));

    @Test
    void latencyPercentilesDescribeOnlyTheLastInterval() {
        sampler.baseline();
        dispatched(98, FAST);
        dispatched(2, SLOW);
        double slowP99 = point().get("latencyMs").get("p99").asDouble();

        dispatched(100, FAST);
        ObjectNode fastInterval = point();

        assertThat(slowP99).as("2 %% of the first interval took 500 ms: its p99 is there").isBetween(400.0, 600.0);
        assertThat(fastInterval.get("latencyMs").get("p99").asDouble())
                .as("the next interval was all 2 ms: the slow ones before it do not count").isBetween(2.0, 3.0);
        assertThat(fastInterval.get("latencyMs").get("p50").asDouble()).isBetween(2.0, 3.0);
    }

    @Test
    void anIntervalWithoutDispatchesHasNoLatency() {
        sampler.baseline();

        ObjectNode point = point();

        assertThat(point.get("latencyMs").get("p50").isNull()).as("nothing dispatched, nothing to say").isTrue();
        assertThat(point.get("latencyMs").get("p99").isNull()).isTrue();
    }

    @Test
    void publishedCountsTheTotalAndTheTopicRatesOfTheInterval() {
        rates.watch(true);
        sampler.baseline();
        publish("https://example.com/a", "https://example.com/b", "https://example.com/b");

        ObjectNode point = point();

        assertThat(point.get("publishedTotal").asLong()).isEqualTo(3);
        assertThat(point.get("topByRate").findValuesAsText("topic")).as("most updates first")
                .containsExactly("https://example.com/b", "https://example.com/a");
        assertThat(point.get("topBySubscribers").findValuesAsText("topic")).containsExactly("https://example.com/a");
        assertThat(point.has("store")).as("no store, no store part").isFalse();
        assertThat(point.has("redis")).as("no Redis, no Redis part").isFalse();
    }

    @Test
    void topicsBeyondTheCapAreCountedTogether() {
        rates.watch(true);
        String[] topics = new String[TopicRates.MAX_TOPICS + 5];
        for (int i = 0; i < topics.length; i++) {
            topics[i] = "https://example.com/spray/" + i;
        }
        publish(topics);

        List<TopicCount> top = rates.takeTop(1);

        assertThat(top).as("the five updates past the cap share one row, which tops the list")
                .containsExactly(new TopicCount(TopicRates.OTHER_TOPICS, 5));
    }

    private void dispatched(int count, long nanos) {
        for (int i = 0; i < count; i++) {
            metrics.dispatched(nanos);
        }
    }

    private void publish(String... topics) {
        List<StoredUpdate> batch = new java.util.ArrayList<>();
        for (int i = 0; i < topics.length; i++) {
            batch.add(new StoredUpdate(new Position(i + 1), Update.of(topics[i], "x").withId("id-" + i)));
        }
        metrics.onUpdates(batch);
        rates.onUpdates(batch);
    }

    private ObjectNode point() {
        return sampler.sample().join();
    }
}
