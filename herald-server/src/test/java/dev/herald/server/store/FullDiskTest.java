package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.core.Tmpfs;
import dev.herald.server.HistoryOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub on the durable store whose disk fills up while a subscriber listens, on a real file system that
 * runs out of space (a 1 MB tmpfs), then gets space back while the hub keeps running. Publishes go one
 * at a time until one is refused, so each test knows exactly what was acknowledged. Skipped when this
 * process may not mount a tmpfs (not root).
 */
class FullDiskTest {

    /** 8 KiB a message: the 1 MB disk is full within about a hundred publishes. */
    private static final String DATA = "x".repeat(8 * 1024);
    private static final int MOST_PUBLISHES = 1_000;

    @TempDir
    Path mountPoint;

    private Tmpfs disk;
    private RunningHub hub;
    private SseRecorder stream;
    private final List<String> acknowledged = new ArrayList<>();
    private HttpResponse<String> refused;

    @BeforeEach
    void publishUntilTheDiskIsFull() {
        disk = Tmpfs.mount(mountPoint, 1);
        hub = RunningHub.start(ServerOptions.builder().history(HistoryOptions.store(disk.path().resolve("data")))
                .activeSubscriptions(false).build());
        stream = hub.stream();
        for (int n = 0; n < MOST_PUBLISHES && refused == null; n++) {
            HttpResponse<String> answer = publish(n + DATA);
            if (answer.statusCode() == 200) {
                acknowledged.add(RunningHub.json(answer.body()).get("id").asText());
            } else {
                refused = answer;
            }
        }
        assertThat(refused).as("a 1 MB disk is full before " + MOST_PUBLISHES + " publishes of 8 KiB").isNotNull();
    }

    @AfterEach
    void stopAndUnmount() {
        try {
            stream.close();
            hub.close();
        } finally {
            disk.close();
        }
    }

    @Test
    void aPublishTheFullDiskRefusesIsA503WithRetryAfterThatSaysTheDiskIsFull() {
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).as("when to try again").hasValue("10");
        assertThat(RunningHub.json(refused.body()).get("error").asText())
                .isEqualTo("the hub's disk is full: the update was not stored, retry later");
    }

    @Test
    void theOpenStreamStaysAndHasEveryAcknowledgedUpdateOnceInOrder() {
        assertThat(stream.awaitEvents(acknowledged.size())).extracting(SseEvent::lastEventId)
                .containsExactlyElementsOf(acknowledged);
        assertThat(stream.ended()).as("a full disk ends no stream").isFalse();
    }

    @Test
    void whenSpaceReturnsTheHubAcceptsPublishesAgainWithoutARestartAndLosesNothing() {
        disk.resize(8);

        List<String> all = new ArrayList<>(acknowledged);
        all.add(hub.send("after the disk grew"));

        assertThat(stream.awaitEvents(all.size())).extracting(SseEvent::lastEventId).containsExactlyElementsOf(all);
        try (SseRecorder resumed = hub.streamAfter("earliest")) {
            assertThat(resumed.awaitEvents(all.size())).extracting(SseEvent::lastEventId)
                    .as("the history: every acknowledged update once, and no refused one")
                    .containsExactlyElementsOf(all);
        }
    }

    private HttpResponse<String> publish(String message) {
        return hub.post("/send", "{\"message\":\"" + message + "\"}"); // digits and x: nothing to escape
    }
}
