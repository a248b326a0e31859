package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The replay/live seam: a subscriber resuming while updates are published misses none and sees none twice. */
class ReplaySeamTest {

    private static final int PUBLISHED = 400;
    private static final int RESUMERS = 20;

    private final RunningHub hub = RunningHub.start();
    private final List<SseRecorder> streams = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        streams.forEach(SseRecorder::close);
        hub.close();
    }

    @Test
    void subscribersResumingDuringPublishesSeeAGaplessDuplicateFreeSuffix() {
        List<String> ids = new CopyOnWriteArrayList<>();
        ids.add(hub.send("before"));
        CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < PUBLISHED; i++) {
                ids.add(hub.send("update " + i));
            }
        });
        List<String> resumedAfter = new ArrayList<>();
        for (int i = 0; i < RESUMERS; i++) {
            String lastSeen = ids.get(ids.size() - 1 - Math.min(ids.size() - 1, i % 7));
            resumedAfter.add(lastSeen);
            streams.add(hub.streamAfter(lastSeen));
        }
        publisher.join();

        for (int i = 0; i < RESUMERS; i++) {
            List<String> expected = ids.subList(ids.indexOf(resumedAfter.get(i)) + 1, ids.size());
            streams.get(i).awaitEvents(expected.size());
            assertThat(streams.get(i).events()).extracting(SseEvent::lastEventId)
                    .as("subscriber %d resumed after %s", i, resumedAfter.get(i))
                    .containsExactlyElementsOf(expected);
        }
    }
}
