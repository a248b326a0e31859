package dev.herald.server.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.client.sse.SseEvent;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.AccessTokens;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Draft-08's subscription events ("Subscription Events") beside draft-07's JSON-LD announcements on one
 * hub: every subscription is announced in both shapes, and each stream receives the shape of the
 * generation it subscribed with only.
 */
class SubscriptionEventsTest {

    static final String NAMESPACE = "/.well-known/mercure/subscriptions/";
    /** A draft-08 watcher's matcher: every subscription event, relative to the hub's URL. */
    static final String ALL_EVENTS = NAMESPACE + "*";
    private static final String DRAFT07_WATCH = "/.well-known/mercure/subscriptions/{+rest}";
    private static final String BOOKS = "https://example.com/:selector";

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().security(AccessTokens.security()).build());
    private final MercureClient mercure = new MercureClient(hub);

    @AfterEach
    void stop() {
        hub.close();
    }

    /** A draft-08 access token granting {@code subscribe} on a URL pattern, with a payload when not null. */
    static String subscriberOnPattern(String pattern, Object payload) {
        Map<String, Object> detail = new LinkedHashMap<>(AccessTokens.detail(List.of("subscribe"),
                List.of(Map.of("match", pattern, "match_type", "urlpattern"))));
        if (payload != null) {
            detail.put("payload", payload);
        }
        return AccessTokens.token(AccessTokens.YEAR_2100, detail);
    }

    private SseRecorder open(String query, String token) {
        return SseRecorder.open(hub.client(), hub.uri(MercureClient.PATH + "?" + query),
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    /** A draft-08 stream of every subscription event, whose own subscription is announced to it first. */
    private SseRecorder draft08Watcher() {
        SseRecorder watcher = open("match_urlpattern=" + MercureClient.encode(ALL_EVENTS), subscriberOnPattern(ALL_EVENTS, null));
        watcher.awaitEvents(1);
        return watcher;
    }

    private static String encoded(String value) {
        return UrlEscape.expansion(value);
    }

    @Test
    void aDraft08SubscriptionIsAnnouncedWithEveryFieldOnItsMatchTypeMatchAndSubscriberTopic() {
        try (SseRecorder watcher = draft08Watcher();
                SseRecorder subscriber = open("match_urlpattern=" + MercureClient.encode(BOOKS),
                        subscriberOnPattern("https://example.com/*", Map.of("foo", "bar")))) {
            SseEvent event = watcher.awaitEvents(2).get(1);
            String subscriberId = RunningHub.json(event.data()).get("subscriber").asText();

            assertThat(subscriberId).as("a hub-generated random id").matches("urn:uuid:[0-9a-f-]{36}");
            assertThat(event.type()).as("the reserved SSE event type of the hub's own events").isEqualTo("mercure");
            assertThat(event.data()).as("the document, field by field, its id the event's topic").isEqualTo("{"
                    + "\"id\":\"/.well-known/mercure/subscriptions/urlpattern/https%3A%2F%2Fexample.com%2F%3Aselector/"
                    + encoded(subscriberId) + "\","
                    + "\"type\":\"subscription\",\"match_type\":\"urlpattern\",\"match\":\"" + BOOKS + "\","
                    + "\"subscriber\":\"" + subscriberId + "\",\"active\":true,\"payload\":{\"foo\":\"bar\"}}");
        }
    }

    @Test
    void theEndOfASubscriptionIsAnnouncedWithActiveFalse() {
        try (SseRecorder watcher = draft08Watcher()) {
            try (SseRecorder subscriber = open("match=" + MercureClient.encode("https://example.com/a"), AccessTokens.subscriber("x"))) {
                watcher.awaitEvents(2);
            }
            JsonNode opened = RunningHub.json(watcher.awaitEvents(3).get(1).data());
            JsonNode closed = RunningHub.json(watcher.awaitEvents(3).get(2).data());

            assertThat(closed.get("active").asBoolean()).isFalse();
            assertThat(closed.get("id")).as("the same subscription's topic").isEqualTo(opened.get("id"));
            assertThat(closed.has("payload")).as("payload is optional: the token gave none").isFalse();
        }
    }

    @Test
    void eachVariableIsPercentEncodedExactlyOnce() {
        String match = "https://example.com/a b/%2F+é?x=1&y";
        try (SseRecorder watcher = draft08Watcher();
                SseRecorder subscriber = open("match=" + MercureClient.encode(match), AccessTokens.subscriber("x"))) {
            JsonNode document = RunningHub.json(watcher.awaitEvents(2).get(1).data());

            assertThat(document.get("match").asText()).isEqualTo(match);
            assertThat(document.get("id").asText()).as("%% encoded as %%25, space as %%20, UTF-8 bytes, no double encoding")
                    .isEqualTo(NAMESPACE + "exact/https%3A%2F%2Fexample.com%2Fa%20b%2F%252F%2B%C3%A9%3Fx%3D1%26y/"
                            + encoded(document.get("subscriber").asText()));
        }
    }

    @Test
    void aDraft07SelectorIsAnnouncedToDraft08WatchersAsExactOrUritemplateUnderTheSameSubscriberId() {
        String template = "https://example.com/books/{id}";
        try (SseRecorder draft07 = open("topic=" + MercureClient.encode(DRAFT07_WATCH), Tokens.subscriber("*"))) {
            draft07.awaitEvents(1);
            try (SseRecorder draft08 = draft08Watcher()) {
                draft07.awaitEvents(2);
                try (SseRecorder subscriber = open(MercureClient.query("https://example.com/plain", template), Tokens.subscriber("x"))) {
                    assertThat(subscriber.status()).isEqualTo(200);
                }
                List<JsonNode> modern = draft08.awaitEvents(3).subList(1, 3).stream().map(e -> RunningHub.json(e.data())).toList();
                List<JsonNode> legacy = draft07.awaitEvents(4).subList(2, 4).stream().map(e -> RunningHub.json(e.data())).toList();

                assertThat(modern).extracting(node -> node.get("match_type").asText() + " " + node.get("match").asText())
                        .containsExactly("exact https://example.com/plain", "uritemplate " + template);
                assertThat(legacy).extracting(node -> node.get("topic").asText())
                        .containsExactly("https://example.com/plain", template);
                assertThat(modern.get(1).get("subscriber")).as("one subscriber, one id, in both shapes")
                        .isEqualTo(legacy.get(1).get("subscriber")).isEqualTo(modern.get(0).get("subscriber"));
            }
        }
    }

    @Test
    void aDraft08MatcherIsAnnouncedToDraft07WatchersWithItsTextAsTopic() {
        try (SseRecorder draft07 = open("topic=" + MercureClient.encode(DRAFT07_WATCH), Tokens.subscriber("*"))) {
            draft07.awaitEvents(1);
            try (SseRecorder subscriber = open("match_urlpattern=" + MercureClient.encode(BOOKS), AccessTokens.subscriber("x"))) {
                SseEvent event = draft07.awaitEvents(2).get(1);
                JsonNode document = RunningHub.json(event.data());

                assertThat(event.type()).as("draft-07 events have no type").isEqualTo(SseEvent.DEFAULT_TYPE);
                assertThat(document.get("@context").asText()).isEqualTo("https://mercure.rocks/");
                assertThat(document.get("type").asText()).isEqualTo("Subscription");
                assertThat(document.get("topic").asText()).as("a URL pattern's draft-07 topic is the pattern").isEqualTo(BOOKS);
                assertThat(document.get("id").asText()).isEqualTo(NAMESPACE + UrlEscape.component(BOOKS) + "/"
                        + UrlEscape.component(document.get("subscriber").asText()));
            }
        }
    }

    @Test
    void eachStreamReceivesTheSubscriptionEventsOfItsOwnGenerationOnly() {
        String everything = "*";
        String markerTopic = "https://example.com/marker";
        try (SseRecorder draft08 = open("match=*", AccessTokens.subscriber(everything));
                SseRecorder draft07 = open("topic=*", Tokens.subscriber(everything));
                SseRecorder draft07Template = open(MercureClient.query(DRAFT07_WATCH, markerTopic), Tokens.subscriber(everything));
                SseRecorder draft08Pattern = open("match_urlpattern=" + MercureClient.encode(ALL_EVENTS) + "&match="
                        + MercureClient.encode(markerTopic), AccessTokens.subscriber(everything))) {
            try (SseRecorder subscriber = open("match=a", AccessTokens.subscriber("x"))) {
                assertThat(subscriber.status()).isEqualTo(200);
            }
            String marker = mercure.publishOk(Tokens.publisher("*"), List.of(Map.entry("topic", markerTopic)));

            for (SseRecorder modern : List.of(draft08, draft08Pattern)) {
                assertThat(eventsBefore(modern, marker)).as("a draft-08 stream gets draft-08 events only")
                        .allSatisfy(event -> assertThat(event.type()).isEqualTo("mercure"))
                        .extracting(event -> RunningHub.json(event.data()).get("type").asText()).containsOnly("subscription");
            }
            assertThat(eventsBefore(draft07, marker)).as("a draft-07 stream gets JSON-LD only, even on *")
                    .extracting(event -> RunningHub.json(event.data()).get("type").asText()).containsOnly("Subscription");
            assertThat(eventsBefore(draft07Template, marker)).as("and so does one whose template covers every shape")
                    .extracting(event -> RunningHub.json(event.data()).get("type").asText()).containsOnly("Subscription")
                    .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    /** The events a stream received before the marker update, which every stream here selects. */
    private static List<SseEvent> eventsBefore(SseRecorder stream, String marker) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> stream.ids().contains(marker));
        List<SseEvent> events = stream.events();
        return events.subList(0, stream.ids().indexOf(marker));
    }

    @Test
    void aStreamMixingTopicAndMatchIsADraft08Stream() {
        try (SseRecorder mixed = open("topic=" + MercureClient.encode(DRAFT07_WATCH) + "&match=" + MercureClient.encode("x"),
                Tokens.subscriber("*"))) {
            assertThat(mixed.awaitEvents(2)).as("its own two subscriptions, in draft-08's shape")
                    .extracting(SseEvent::type).containsExactly("mercure", "mercure");
        }
    }

    @Test
    void aQuerySubscriptionWithOnlyTopicIsADraft08Stream() {
        HttpRequest request = HttpRequest.newBuilder(hub.uri(MercureClient.PATH))
                .header("Authorization", "Bearer " + Tokens.subscriber("*"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/event-stream")
                .method("QUERY", HttpRequest.BodyPublishers.ofString("topic=" + MercureClient.encode(DRAFT07_WATCH))).build();
        try (SseRecorder stream = SseRecorder.open(hub.client(), request)) {
            SseEvent own = stream.awaitEvents(1).get(0);

            assertThat(own.type()).isEqualTo("mercure");
            assertThat(RunningHub.json(own.data()).get("match_type").asText()).isEqualTo("uritemplate");
        }
    }

    @Test
    void subscriptionEventsArePrivate() {
        try (SseRecorder anonymous = open("match=*", null)) {
            try (SseRecorder subscriber = open("match=a", AccessTokens.subscriber("x"))) {
                assertThat(subscriber.status()).isEqualTo(200);
            }
            String marker = mercure.publishOk(Tokens.publisher("*"), List.of(Map.entry("topic", "https://example.com/marker")));

            assertThat(anonymous.awaitEvents(1).get(0).lastEventId())
                    .as("a subscriber without a grant on the event's topic receives none").isEqualTo(marker);
        }
    }
}
