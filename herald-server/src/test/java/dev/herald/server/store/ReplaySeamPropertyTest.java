package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.HistoryOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay/live seam on the durable store, as a property: with publishes and reconnections
 * interleaved at random and random {@code Last-Event-ID}s, every subscriber sees exactly the suffix of
 * the publish order after the id it gave: no gap, no duplicate. Each seed is one reproducible run.
 */
class ReplaySeamPropertyTest {

    private static final int PUBLISHED = 300;
    private static final int RECONNECTIONS = 25;

    @TempDir
    Path data;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void everySubscriberSeesAGaplessDuplicateFreeSuffix(long seed) {
        Random random = new Random(seed);
        List<SseRecorder> streams = new ArrayList<>();
        List<Integer> resumedAfter = new ArrayList<>();
        try (RunningHub hub = RunningHub.start(ServerOptions.builder()
                .history(HistoryOptions.store(data.resolve("seed-" + seed))).activeSubscriptions(false).build())) {
            List<String> ids = new CopyOnWriteArrayList<>();
            ids.add(hub.send("first"));
            CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < PUBLISHED; i++) {
                    ids.add(hub.send("update " + i));
                }
            });
            for (int i = 0; i < RECONNECTIONS; i++) {
                int known = ids.size();
                int after = random.nextInt(known);
                resumedAfter.add(after);
                streams.add(hub.streamAfter(ids.get(after)));
            }
            publisher.join();

            for (int i = 0; i < RECONNECTIONS; i++) {
                List<String> expected = ids.subList(resumedAfter.get(i) + 1, ids.size());
                SseRecorder stream = streams.get(i);
                stream.awaitEvents(expected.size());
                assertThat(stream.ids()).as("seed %d, subscriber %d resumed after #%d", seed, i, resumedAfter.get(i))
                        .containsExactlyElementsOf(expected);
            }
        } finally {
            streams.forEach(SseRecorder::close);
        }
    }
}
