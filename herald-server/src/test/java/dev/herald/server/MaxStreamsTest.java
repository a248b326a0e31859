package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A full node refuses new streams with 503 and Retry-After, and keeps serving publishers and its streams. */
class MaxStreamsTest {

    private static final int MAX_STREAMS = 3;

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().port(0).maxStreams(MAX_STREAMS).build());
    private final List<SseRecorder> streams = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        streams.forEach(SseRecorder::close);
        hub.close();
    }

    @Test
    void aSubscriptionBeyondTheLimitGets503WithRetryAfter() throws Exception {
        for (int i = 0; i < MAX_STREAMS; i++) {
            streams.add(hub.stream());
        }

        HttpResponse<InputStream> refused = subscribe();

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        try (InputStream body = refused.body()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("maximum of 3 streams");
        }
    }

    @Test
    void publishersAndOpenStreamsAreServedWhileFull() throws Exception {
        for (int i = 0; i < MAX_STREAMS; i++) {
            streams.add(hub.stream());
        }
        assertThat(statusOfSubscribing()).isEqualTo(503);

        String id = hub.send("still served");

        for (SseRecorder stream : streams) {
            assertThat(stream.awaitEvents(1).get(0).lastEventId()).isEqualTo(id);
        }
    }

    @Test
    void aClosedStreamFreesItsPlace() throws Exception {
        for (int i = 0; i < MAX_STREAMS; i++) {
            streams.add(hub.stream());
        }
        assertThat(statusOfSubscribing()).isEqualTo(503);

        streams.remove(0).close();

        await().atMost(Duration.ofSeconds(10)).until(() -> statusOfSubscribing() == 200);
    }

    /** Subscribes and hangs up at once, whatever the answer. */
    private int statusOfSubscribing() throws IOException, InterruptedException {
        HttpResponse<InputStream> response = subscribe();
        response.body().close();
        return response.statusCode();
    }

    /** Returns as soon as the response head arrived: an accepted stream never ends by itself. */
    private HttpResponse<InputStream> subscribe() throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(hub.uri("/stream")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }
}
