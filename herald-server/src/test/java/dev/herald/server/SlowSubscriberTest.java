package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.RawHttp;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlowSubscriberTest {

    private static final int HEALTHY = 50;
    /** Enough to fill the kernel's socket buffers on both sides and then the hub's budget. */
    private static final int MAX_UPDATES = 3_000;
    private static final String PAYLOAD = "x".repeat(16 * 1024);

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().maxPendingBytes(64 * 1024).build());
    private final List<SseRecorder> healthy = new ArrayList<>();

    @AfterEach
    void stop() {
        healthy.forEach(SseRecorder::close);
        hub.close();
    }

    @Test
    void aSubscriberThatStopsReadingIsDisconnectedWhileOthersReceiveEveryUpdate() throws IOException {
        for (int i = 0; i < HEALTHY; i++) {
            healthy.add(hub.stream());
        }
        try (Socket stalled = openStreamAndNeverRead()) {
            assertThat(stalled.isConnected()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.server().subscriberCount() == HEALTHY + 1);

            List<String> ids = new ArrayList<>();
            while (hub.server().subscriberCount() > HEALTHY && ids.size() < MAX_UPDATES) {
                ids.add(hub.send(PAYLOAD));
            }

            assertThat(hub.server().subscriberCount())
                    .as("the stalled subscriber was disconnected after %d updates", ids.size())
                    .isEqualTo(HEALTHY);
            for (SseRecorder stream : healthy) {
                assertThat(stream.awaitEvents(ids.size())).extracting(SseEvent::lastEventId)
                        .as("a reading subscriber lost nothing").containsExactlyElementsOf(ids);
            }
        }
    }

    /** A raw connection with a tiny receive buffer whose bytes are never read. */
    private Socket openStreamAndNeverRead() {
        return RawHttp.getAndNeverRead(hub.uri("/"), "/stream");
    }
}
