package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.HeraldServer;
import dev.herald.server.HistoryOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.StartupException;
import dev.herald.server.support.PrometheusText;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub on the durable store: history survives a restart, and one directory serves one hub. */
class DurableHistoryTest {

    @TempDir
    Path data;

    private ServerOptions durable() {
        return ServerOptions.builder().history(HistoryOptions.store(data)).activeSubscriptions(false).build();
    }

    @Test
    void historySurvivesARestartAndNewIdsKeepIncreasing() {
        List<String> before = new ArrayList<>();
        try (RunningHub hub = RunningHub.start(durable())) {
            for (int i = 0; i < 3; i++) {
                before.add(hub.send("before " + i));
            }
        }
        try (RunningHub restarted = RunningHub.start(durable());
                SseRecorder stream = restarted.streamAfter("earliest")) {
            String after = restarted.send("after");
            assertThat(stream.awaitEvents(4)).extracting(SseEvent::lastEventId)
                    .containsExactly(before.get(0), before.get(1), before.get(2), after);
            assertThat(after).as("generated ids keep increasing across restarts").isGreaterThan(before.get(2));
        }
    }

    /** What an operator reads to see group commit at work: commits, updates per commit, time per commit. */
    @Test
    void metricsCountTheStoresCommits() {
        try (RunningHub hub = RunningHub.start(durable())) {
            for (int i = 0; i < 3; i++) {
                hub.send("one commit each: sent one after another " + i);
            }
            HttpResponse<String> metrics = hub.request(HttpRequest.newBuilder(hub.uri("/metrics")).GET().build());
            Map<String, Double> samples = PrometheusText.samples(metrics.body());

            assertThat(samples.get("herald_store_commit_seconds_count")).isEqualTo(3.0);
            assertThat(samples.get("herald_store_committed_updates_total")).isEqualTo(3.0);
            assertThat(samples.get("herald_store_commit_seconds_sum")).as("time spent committing").isPositive();
        }
    }

    @Test
    void resumingAfterAnIdFromBeforeTheRestartReplaysWhatCameAfterIt() {
        String seen;
        String missed;
        try (RunningHub hub = RunningHub.start(durable())) {
            seen = hub.send("seen");
            missed = hub.send("missed");
        }
        try (RunningHub restarted = RunningHub.start(durable()); SseRecorder stream = restarted.streamAfter(seen)) {
            assertThat(stream.headers().firstValue("Last-Event-ID")).hasValue(seen);
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(missed);
        }
    }

    @Test
    void aSecondHubOnTheSameDirectoryIsRefusedWithAClearMessage() {
        try (RunningHub first = RunningHub.start(durable())) {
            assertThatThrownBy(() -> HeraldServer.start(durable().withPort(0)))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining(data.toString())
                    .hasMessageContaining("already open");
            assertThat(first.send("the first hub still serves")).isNotBlank();
        }
    }

    @Test
    void aCorruptDatabaseIsRefusedWithAClearMessage() throws Exception {
        try (RunningHub hub = RunningHub.start(durable())) {
            hub.send("x");
        }
        try (var files = Files.list(data)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".db")).toList()) {
                Files.write(file, "this is not a database, just garbage bytes ".repeat(100).getBytes());
            }
        }
        try (var files = Files.list(data)) {
            files.filter(f -> f.toString().endsWith("-wal") || f.toString().endsWith("-shm")).forEach(f -> f.toFile().delete());
        }

        assertThatThrownBy(() -> HeraldServer.start(durable().withPort(0)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("corrupt");
    }
}
