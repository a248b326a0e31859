package dev.herald.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.AccessTokens;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.Tokens;
import java.time.Duration;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three Herald processes on one Redis (the machine's, on 127.0.0.1:6379: ./test.sh starts one when none
 * answers), each run with its own key prefix: they behave like one hub.
 */
class ClusterTest {

    private final String prefix = "herald-test-" + UUID.randomUUID();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<HeraldProcess> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(HeraldProcess::close);
    }

    private HeraldProcess node(String... more) {
        List<String> flags = new ArrayList<>(List.of("--transport", "redis", "--redis-prefix", prefix));
        flags.addAll(List.of(more.length == 0 ? new String[] {"--no-subscriptions"} : more));
        HeraldProcess node = HeraldProcess.start(flags.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    private String send(HeraldProcess node, String message) throws Exception {
        return HeraldProcess.idOf(node.send(client, message));
    }

    @Test
    void anUpdatePublishedOnOneNodeReachesSubscribersOfEveryNodeInOneOrder() throws Exception {
        HeraldProcess a = node();
        HeraldProcess b = node();
        HeraldProcess c = node();
        try (SseRecorder onA = SseRecorder.open(client, a.uri("/stream"), Map.of());
                SseRecorder onB = SseRecorder.open(client, b.uri("/stream"), Map.of());
                SseRecorder onC = SseRecorder.open(client, c.uri("/stream"), Map.of())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                HeraldProcess publisher = List.of(a, b, c).get(i % 3);
                ids.add(send(publisher, "m" + i));
            }
            for (SseRecorder stream : List.of(onA, onB, onC)) {
                assertThat(stream.awaitEvents(ids.size())).extracting(SseEvent::lastEventId)
                        .as("every node delivers every update, in the one order, with the same ids")
                        .containsExactlyElementsOf(ids);
            }
        }
    }

    @Test
    void everyNodeListsTheActiveSubscriptionsOfEveryNode() throws Exception {
        HeraldProcess a = node("--jwt-key", Tokens.SECRET);
        HeraldProcess b = node("--jwt-key", Tokens.SECRET);
        String topic = "https://example.com/listed/" + UUID.randomUUID();
        HttpRequest listing = HttpRequest.newBuilder(b.uri("/.well-known/mercure/subscriptions"))
                .header("Authorization", "Bearer " + Tokens.subscriber("/.well-known/mercure/subscriptions{/topic}{/subscriber}"))
                .GET().build();
        try (SseRecorder onA = SseRecorder.open(client, a.uri("/.well-known/mercure?topic=" + MercureClient.encode(topic)),
                Map.of("Authorization", "Bearer " + Tokens.subscriber("x")))) {
            assertThat(onA.status()).isEqualTo(200);
            await("B lists the subscription made on A").atMost(Duration.ofSeconds(10))
                    .until(() -> client.send(listing, HttpResponse.BodyHandlers.ofString()).body().contains(topic));
        }
        await("B forgets it once it ended on A").atMost(Duration.ofSeconds(10))
                .until(() -> !client.send(listing, HttpResponse.BodyHandlers.ofString()).body().contains(topic));
    }

    @Test
    void aSubscriberMovingToAnotherNodeWithLastEventIdMissesNothing() throws Exception {
        HeraldProcess a = node();
        HeraldProcess b = node();
        String seen;
        try (SseRecorder onA = SseRecorder.open(client, a.uri("/stream"), Map.of())) {
            send(a, "first");
            seen = onA.awaitEvents(1).get(0).lastEventId();
        }
        List<String> missed = List.of(send(a, "second"), send(b, "third"));
        try (SseRecorder onB = SseRecorder.open(client, b.uri("/stream"), Map.of("Last-Event-ID", seen))) {
            assertThat(onB.headers().firstValue("Last-Event-ID")).hasValue(seen);
            String live = send(a, "fourth");
            onB.awaitEvents(3);
            assertThat(onB.ids()).as("the missed updates once, then live").containsExactly(missed.get(0), missed.get(1), live);
        }
    }

    @Test
    void anAnnouncementOnOneNodeReachesAWatcherOnAnotherLive() throws Exception {
        HeraldProcess a = node("--jwt-key", Tokens.SECRET);
        HeraldProcess b = node("--jwt-key", Tokens.SECRET);
        String topic = "https://example.com/watched/" + UUID.randomUUID();
        try (SseRecorder watcher = SseRecorder.open(client, b.uri("/.well-known/mercure?topic="
                + MercureClient.encode(ALL_SUBSCRIPTIONS)), Map.of("Authorization", "Bearer " + Tokens.subscriber(ALL_SUBSCRIPTIONS)));
                SseRecorder onA = SseRecorder.open(client, a.uri("/.well-known/mercure?topic=" + MercureClient.encode(topic)),
                        Map.of("Authorization", "Bearer " + Tokens.subscriber("x")))) {
            assertThat(onA.status()).isEqualTo(200);

            await("B's watcher hears that the subscription started on A").atMost(Duration.ofSeconds(10))
                    .until(() -> watcher.data().stream().anyMatch(data -> data.contains("\"topic\":\"" + topic + "\"")));
        }
    }

    @Test
    void aDraft08SubscriptionOnOneNodeIsAnnouncedAndListedInDraft08sShapeOnAnother() throws Exception {
        String[] flags = {"--jwt-key", Tokens.SECRET, "--public-url", AccessTokens.PUBLIC_URL, "--jwt-issuer", AccessTokens.ISSUER};
        HeraldProcess a = node(flags);
        HeraldProcess b = node(flags);
        String topic = "https://example.com/watched/" + UUID.randomUUID();
        String reader = AccessTokens.subscriber("*");
        HttpRequest listing = HttpRequest.newBuilder(b.uri("/.well-known/mercure/subscriptions"))
                .header("Authorization", "Bearer " + reader).GET().build();
        try (SseRecorder watcher = SseRecorder.open(client, b.uri("/.well-known/mercure?match=*"), Map.of("Authorization", "Bearer " + reader));
                SseRecorder onA = SseRecorder.open(client, a.uri("/.well-known/mercure?match=" + MercureClient.encode(topic)),
                        Map.of("Authorization", "Bearer " + AccessTokens.subscriber("x")))) {
            assertThat(onA.status()).isEqualTo(200);

            await("B's draft-08 watcher hears of the subscription made on A").atMost(Duration.ofSeconds(10))
                    .until(() -> watcher.events().stream().anyMatch(event -> "mercure".equals(event.type())
                            && RunningHub.json(event.data()).path("match").asText().equals(topic)));
            await("B's draft-08 listing shows it").atMost(Duration.ofSeconds(10))
                    .until(() -> RunningHub.json(client.send(listing, HttpResponse.BodyHandlers.ofString()).body())
                            .get("subscriptions").findValuesAsText("match").contains(topic));
        }
    }

    @Test
    void anAnnouncementIsNotInTheSharedHistory() throws Exception {
        HeraldProcess a = node("--jwt-key", Tokens.SECRET);
        HeraldProcess b = node("--jwt-key", Tokens.SECRET);
        try (SseRecorder onA = SseRecorder.open(client, a.uri("/.well-known/mercure?topic=announced"),
                Map.of("Authorization", "Bearer " + Tokens.subscriber("x")))) {
            assertThat(onA.status()).isEqualTo(200);
        }
        HttpResponse<String> published = client.send(HttpRequest.newBuilder(a.uri("/.well-known/mercure"))
                .header("Authorization", "Bearer " + Tokens.publisher("*"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=after&data=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).isEqualTo(200);

        try (SseRecorder fromEarliest = SseRecorder.open(client, b.uri("/.well-known/mercure?topic=*"),
                Map.of("Authorization", "Bearer " + Tokens.subscriber("*"), "Last-Event-ID", "earliest"))) {
            assertThat(fromEarliest.awaitEvents(1).get(0).lastEventId())
                    .as("B replays the publisher's update first: no announcement went into Redis's stream")
                    .isEqualTo(published.body());
        }
    }

    @Test
    void aPublishRetriedOnAnotherNodeGetsTheFirstIdAndIsStoredOnce() throws Exception {
        HeraldProcess a = node();
        HeraldProcess b = node();
        String form = "topic=" + MercureClient.encode("https://example.com/orders/1") + "&data=paid";

        HttpResponse<String> first = publishWithKey(a, form, "order-1-paid");
        HttpResponse<String> retry = publishWithKey(b, form, "order-1-paid");

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).as("the other node answers with the first attempt's id").isEqualTo(first.body());
        try (SseRecorder history = SseRecorder.open(client, b.uri(MercureClient.PATH + "?topic=*"),
                Map.of("Last-Event-ID", "earliest"))) {
            String marker = send(a, "marker");
            assertThat(history.awaitEvents(2)).extracting(SseEvent::lastEventId)
                    .as("the hub stored the update once").containsExactly(first.body(), marker);
        }
    }

    private HttpResponse<String> publishWithKey(HeraldProcess node, String form, String key) throws Exception {
        return client.send(HttpRequest.newBuilder(node.uri(MercureClient.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String ALL_SUBSCRIPTIONS = "/.well-known/mercure/subscriptions{/topic}{/subscriber}";
}
