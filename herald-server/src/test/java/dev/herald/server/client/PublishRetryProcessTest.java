package dev.herald.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.Publication;
import dev.herald.client.PublishOptions;
import dev.herald.client.Publisher;
import dev.herald.client.TokenProvider;
import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.AnswerCuttingProxy;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's process test: a publisher whose connection is cut after the hub stored the update, but
 * before the answer arrived, retries with the same Idempotency-Key, and the update is stored once.
 */
class PublishRetryProcessTest {

    private static final String TOPIC = "https://example.com/orders/1";

    @TempDir
    Path data;

    @Test
    void aPublishWhoseAnswerWasLostIsRetriedAndStoredOnce() throws Exception {
        try (HeraldProcess hub = HeraldProcess.start("--transport", "store", "--data-dir", data.toString());
                AnswerCuttingProxy proxy = AnswerCuttingProxy.start(hub.uri("/"), 1);
                SseRecorder stream = SseRecorder.open(HttpClient.newHttpClient(),
                        hub.uri(MercureClient.PATH + "?" + MercureClient.query(TOPIC)), Map.of())) {
            Publisher publisher = Publisher.create(PublishOptions.of(proxy.uri(MercureClient.PATH), TokenProvider.none())
                    .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));

            String id = publisher.publish(Publication.of(TOPIC, "paid"));
            String marker = Publisher.create(PublishOptions.of(hub.uri(MercureClient.PATH), TokenProvider.none()))
                    .publish(Publication.of(TOPIC, "marker"));

            assertThat(proxy.answersCut()).as("the first attempt's answer was lost after the hub stored it").isEqualTo(1);
            assertThat(stream.awaitEvents(2)).extracting(SseEvent::lastEventId)
                    .as("the subscriber sees the update once, with the id the retry was answered, then the marker")
                    .containsExactly(id, marker);
            try (SseRecorder history = SseRecorder.open(HttpClient.newHttpClient(),
                    hub.uri(MercureClient.PATH + "?" + MercureClient.query(TOPIC)), Map.of("Last-Event-ID", "earliest"))) {
                assertThat(history.awaitEvents(2)).extracting(SseEvent::data).as("the history holds it once")
                        .containsExactly("paid", "marker");
            }
        }
    }
}
