package dev.herald.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An honest subscriber and publisher next to an attack: a stream of the demo topic opened before the
 * attack, and publishes sent during and after it; {@link #assertNothingLost} checks that the stream
 * got every one of them, in order.
 */
public final class HonestTraffic implements AutoCloseable {

    private final HeraldProcess hub;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final SseRecorder subscriber;
    private final List<String> published = new ArrayList<>();
    /** The publisher's {@code Authorization} header value; empty for an anonymous (keyless) hub. */
    private final String authorization;

    private HonestTraffic(HeraldProcess hub, String authorization) {
        this.hub = hub;
        this.authorization = authorization;
        this.subscriber = SseRecorder.open(client, hub.uri("/stream"), Map.of());
    }

    /** Opens the honest subscriber's stream; publishes are anonymous (a hub without keys). */
    public static HonestTraffic start(HeraldProcess hub) {
        return new HonestTraffic(hub, "");
    }

    /** Opens the honest subscriber's stream; publishes carry this bearer token. */
    public static HonestTraffic withPublisherToken(HeraldProcess hub, String token) {
        return new HonestTraffic(hub, "Bearer " + token);
    }

    /** Publishes {@code count} messages as an honest publisher; fails the test on any answer but 200. */
    public void publish(int count) throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri("/send"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"honest " + published.size() + "\"}"));
            if (!authorization.isEmpty()) {
                request.header("Authorization", authorization);
            }
            published.add(HeraldProcess.idOf(client.send(request.build(), HttpResponse.BodyHandlers.ofString())));
        }
    }

    /** The honest subscriber received every honest publish, in order. */
    public void assertNothingLost() {
        assertThat(subscriber.awaitEvents(published.size())).extracting(SseEvent::lastEventId)
                .as("the honest subscriber received every honest publish, in order")
                .containsExactlyElementsOf(published);
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
