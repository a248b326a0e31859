package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
    private Socket openStreamAndNeverRead() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", hub.port()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
