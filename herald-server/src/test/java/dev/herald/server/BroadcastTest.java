package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BroadcastTest {

    /** More than two flush chunks (256 streams each): later updates reach streams not flushed yet. */
    private static final int SUBSCRIBERS = 600;
    private static final int MESSAGES = 20;

    private final RunningHub hub = RunningHub.start();
    private final List<SseRecorder> streams = new ArrayList<>();

    @AfterEach
    void stop() {
        streams.forEach(SseRecorder::close);
        hub.close();
    }

    @Test
    void everySubscriberReceivesEveryUpdateInPublishOrderWithIncreasingIds() {
        for (int i = 0; i < SUBSCRIBERS; i++) {
            streams.add(hub.stream());
        }
        List<String> sentIds = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            sentIds.add(hub.send("message " + i));
        }

        assertThat(sentIds).as("generated ids increase in publish order").isSorted().doesNotHaveDuplicates();
        for (SseRecorder stream : streams) {
            List<SseEvent> events = stream.awaitEvents(MESSAGES);
            assertThat(events).extracting(SseEvent::lastEventId)
                    .as("each subscriber sees the ids /send returned, in publish order")
                    .containsExactlyElementsOf(sentIds);
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(events.get(i).data()).matches("message " + i + " - \\d{2}:\\d{2}:\\d{2}");
            }
        }
    }
}
