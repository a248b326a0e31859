package dev.herald.server.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.ServerOptions;
import dev.herald.server.SubscriptionsOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mercure's active subscriptions: the private events and the JSON-LD web API. */
class ActiveSubscriptionsTest {

    private static final String TOPIC = "https://example.com/books/{id}";
    private static final String ALL_SUBSCRIPTIONS = "/.well-known/mercure/subscriptions{/topic}{/subscriber}";

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().security(Tokens.security()).build());
    private final MercureClient mercure = new MercureClient(hub);
    private final String watcherToken = Tokens.subscriber(ALL_SUBSCRIPTIONS);
    /** A subscriber with a token: those are announced by default, anonymous ones are not. */
    private final Map<String, String> withToken = Map.of("Authorization", "Bearer " + Tokens.subscriber("x"));

    @AfterEach
    void stop() {
        hub.close();
    }

    private SseRecorder watcher() {
        return mercure.subscribe(Map.of("Authorization", "Bearer " + watcherToken),
                "/.well-known/mercure/subscriptions{/topic}{/subscriber}");
    }

    private HttpResponse<String> api(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return hub.request(request.build());
    }

    @Test
    void aNewSubscriptionAndItsEndAreAnnouncedAsPrivateUpdates() {
        try (SseRecorder watcher = watcher()) {
            String payload = "{\"user\":\"alice\"}";
            try (SseRecorder subscriber = mercure.subscribe(Map.of("Authorization", "Bearer "
                    + Tokens.subscriberWithPayload(Map.of("user", "alice"), "x")), TOPIC)) {
                // The watcher's own subscription is announced first: it is a subscription too.
                JsonNode own = RunningHub.json(watcher.awaitEvents(2).get(0).data());
                assertThat(own.get("topic").asText()).isEqualTo(ALL_SUBSCRIPTIONS);
                JsonNode opened = RunningHub.json(watcher.awaitEvents(2).get(1).data());
                assertThat(opened.get("@context").asText()).isEqualTo("https://mercure.rocks/");
                assertThat(opened.get("type").asText()).isEqualTo("Subscription");
                assertThat(opened.get("topic").asText()).isEqualTo(TOPIC);
                assertThat(opened.get("active").asBoolean()).isTrue();
                assertThat(opened.get("payload").toString()).isEqualTo(payload);
                String subscriberId = opened.get("subscriber").asText();
                assertThat(subscriberId).startsWith("urn:uuid:");
                assertThat(opened.get("id").asText()).isEqualTo("/.well-known/mercure/subscriptions/"
                        + "https%3A%2F%2Fexample.com%2Fbooks%2F%7Bid%7D/" + subscriberId.replace(":", "%3A"));
            }
            JsonNode closed = RunningHub.json(watcher.awaitEvents(3).get(2).data());
            assertThat(closed.get("topic").asText()).isEqualTo(TOPIC);
            assertThat(closed.get("active").asBoolean()).isFalse();
        }
    }

    @Test
    void anonymousSubscribersDoNotSeeSubscriptionEvents() {
        try (SseRecorder anonymous = mercure.subscribe("*")) {
            try (SseRecorder other = mercure.subscribe(TOPIC)) {
                assertThat(other.status()).isEqualTo(200);
            }
            String marker = mercure.publishOk(Tokens.publisher("*"), java.util.List.of(Map.entry("topic", "m")));
            assertThat(anonymous.awaitEvents(1).get(0).lastEventId()).as("the first event seen is the marker").isEqualTo(marker);
        }
    }

    @Test
    void theApiListsOpenSubscriptions() {
        try (SseRecorder subscriber = mercure.subscribe(withToken, TOPIC)) {
            HttpResponse<String> response = api("/.well-known/mercure/subscriptions", watcherToken);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ld+json");
            JsonNode body = RunningHub.json(response.body());
            assertThat(body.get("type").asText()).isEqualTo("Subscriptions");
            assertThat(body.get("id").asText()).isEqualTo("/.well-known/mercure/subscriptions");
            assertThat(body.get("lastEventID").asText()).isNotBlank();
            assertThat(body.get("subscriptions")).extracting(node -> node.get("topic").asText()).contains(TOPIC);
        }
    }

    @Test
    void theApiFiltersByTopicAndFindsOneSubscription() {
        try (SseRecorder subscriber = mercure.subscribe(withToken, TOPIC);
                SseRecorder other = mercure.subscribe(withToken, "other")) {
            String byTopic = "/.well-known/mercure/subscriptions/" + MercureClient.encode(TOPIC);
            JsonNode list = RunningHub.json(api(byTopic, watcherToken).body());
            assertThat(list.get("subscriptions")).hasSize(1);
            JsonNode entry = list.get("subscriptions").get(0);

            HttpResponse<String> single = api(entry.get("id").asText(), watcherToken);
            assertThat(single.statusCode()).isEqualTo(200);
            assertThat(RunningHub.json(single.body()).get("subscriber").asText()).isEqualTo(entry.get("subscriber").asText());
        }
    }

    @Test
    void anUnknownSubscriptionAnswers404() {
        assertThat(api("/.well-known/mercure/subscriptions/a/urn%3Auuid%3Anone", watcherToken).statusCode()).isEqualTo(404);
    }

    @Test
    void theApiNeedsATokenWhoseSelectorsMatchTheUrl() {
        assertThat(api("/.well-known/mercure/subscriptions", null).statusCode()).isEqualTo(401);
        assertThat(api("/.well-known/mercure/subscriptions", Tokens.subscriber("https://example.com/{x}")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theApiIsOffWhenSubscriptionsAreSwitchedOff() {
        try (RunningHub quiet = RunningHub.start(ServerOptions.builder().security(Tokens.security())
                .activeSubscriptions(false).build())) {
            HttpResponse<String> response = quiet.request(HttpRequest.newBuilder(
                    quiet.uri("/.well-known/mercure/subscriptions")).header("Authorization", "Bearer " + watcherToken).GET().build());
            assertThat(response.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anonymousSubscriptionsAreNotAnnouncedByDefault() {
        try (SseRecorder watcher = watcher(); SseRecorder anonymous = mercure.subscribe(TOPIC)) {
            assertThat(anonymous.status()).isEqualTo(200);
            try (SseRecorder named = mercure.subscribe(withToken, "named")) {
                assertThat(named.status()).isEqualTo(200);

                assertThat(watcher.awaitEvents(2)).extracting(event -> RunningHub.json(event.data()).get("topic").asText())
                        .as("the watcher and the subscriber with a token are announced, the anonymous one between them not")
                        .containsExactly(ALL_SUBSCRIPTIONS, "named");
            }
        }
    }

    @Test
    void anonymousSubscriptionsAreNotListedByDefault() {
        try (SseRecorder anonymous = mercure.subscribe(TOPIC)) {
            assertThat(anonymous.status()).isEqualTo(200);

            JsonNode listing = RunningHub.json(api("/.well-known/mercure/subscriptions", watcherToken).body());

            assertThat(listing.get("subscriptions")).as("an anonymous subscription is not listed").isEmpty();
        }
    }

    @Test
    void anonymousSubscriptionsAreAnnouncedWhenTheHubIsToldTo() {
        try (RunningHub open = RunningHub.start(ServerOptions.builder().security(Tokens.security())
                .subscriptions(SubscriptionsOptions.defaults().withAnnounceAnonymous(true)).build());
                SseRecorder watcher = new MercureClient(open).subscribe(Map.of("Authorization", "Bearer " + watcherToken),
                        ALL_SUBSCRIPTIONS);
                SseRecorder anonymous = new MercureClient(open).subscribe(TOPIC)) {
            assertThat(anonymous.status()).isEqualTo(200);

            JsonNode announced = RunningHub.json(watcher.awaitEvents(2).get(1).data());

            assertThat(announced.get("topic").asText()).as("the anonymous subscription is announced").isEqualTo(TOPIC);
            assertThat(announced.get("payload").isNull()).as("with no payload, since it has no token").isTrue();
        }
    }

    @Test
    void anAnnouncementIsNeverReplayed() {
        try (SseRecorder came = mercure.subscribe(withToken, TOPIC)) {
            assertThat(came.status()).isEqualTo(200);
        }
        // Publishers may not write into the subscriptions namespace (draft-08), so the marker is an ordinary
        // topic the watcher also selects: an announcement stored before it would be replayed before it.
        String markerTopic = "https://example.com/marker";
        String marker = mercure.publishOk(Tokens.publisher("*"), java.util.List.of(Map.entry("topic", markerTopic)));

        try (SseRecorder resumed = mercure.subscribe(Map.of("Authorization", "Bearer " + watcherToken,
                "Last-Event-ID", "earliest"), ALL_SUBSCRIPTIONS, markerTopic)) {
            assertThat(resumed.awaitEvents(1).get(0).lastEventId())
                    .as("the first event replayed from earliest is the publisher's update, not an announcement")
                    .isEqualTo(marker);
        }
    }

    @Test
    void theListingHoldsAtMostItsCap() {
        try (RunningHub capped = RunningHub.start(ServerOptions.builder().security(Tokens.security())
                .subscriptions(SubscriptionsOptions.defaults().withMaxListed(2)).build())) {
            MercureClient client = new MercureClient(capped);
            try (SseRecorder first = client.subscribe(withToken, "a", "b"); SseRecorder second = client.subscribe(withToken, "c")) {
                assertThat(second.status()).isEqualTo(200);
                HttpResponse<String> response = capped.request(HttpRequest.newBuilder(
                        capped.uri("/.well-known/mercure/subscriptions")).header("Authorization", "Bearer " + watcherToken)
                        .GET().build());

                assertThat(RunningHub.json(response.body()).get("subscriptions"))
                        .extracting(node -> node.get("topic").asText())
                        .as("the first two subscriptions are listed; the third, beyond the cap, is not")
                        .containsExactly("a", "b");
            }
        }
    }

    @Test
    void announcementsBetweenUpdatesNeitherDropNorDisplaceThem() {
        Map<String, String> watcherWithTopic = Map.of("Authorization", "Bearer "
                + Tokens.subscriber(ALL_SUBSCRIPTIONS, "t"));
        try (SseRecorder watcher = mercure.subscribe(watcherWithTopic, ALL_SUBSCRIPTIONS, "t")) {
            String first = mercure.publishOk(Tokens.publisher("*"), java.util.List.of(Map.entry("topic", "t")));
            watcher.awaitEvents(3);
            try (SseRecorder subscriber = mercure.subscribe(withToken, TOPIC)) {
                assertThat(subscriber.status()).isEqualTo(200);
                String second = mercure.publishOk(Tokens.publisher("*"), java.util.List.of(Map.entry("topic", "t")));

                java.util.List<String> seen = watcher.awaitEvents(5).stream().map(event -> event.lastEventId().equals(first)
                        ? "first update" : event.lastEventId().equals(second) ? "second update"
                        : RunningHub.json(event.data()).get("topic").asText()).toList();

                assertThat(seen).as("each announcement and each update once, in the order they happened")
                        .containsExactly(ALL_SUBSCRIPTIONS, "t", "first update", TOPIC, "second update");
            }
        }
    }
}
