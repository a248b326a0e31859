package dev.herald.server.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.SecurityOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.AccessTokens;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Draft-08's subscriptions API ("Subscription API"): the three routes, {@code application/json}, the
 * cursor in the {@code rel="mercure"} {@code Link}, and authorization by the requested path as a topic.
 */
class SubscriptionsApiTest {

    private static final String COLLECTION = "/.well-known/mercure/subscriptions";
    private static final String BOOKS = "https://example.com/:selector";
    private static final String BOOKS_PATH = COLLECTION + "/urlpattern/https%3A%2F%2Fexample.com%2F%3Aselector";
    private static final String HUB_LINK = "<https://localhost/.well-known/mercure>; rel=\"mercure\"";

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().security(AccessTokens.security()).build());
    private final MercureClient mercure = new MercureClient(hub);
    /** A draft-08 reader of the whole API: a URL pattern grant over the subscriptions namespace. */
    private final String reader = SubscriptionEventsTest.subscriberOnPattern(COLLECTION + "{/*}?", null);

    @AfterEach
    void stop() {
        hub.close();
    }

    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return hub.request(request.build());
    }

    /** A subscriber of the URL pattern with a payload; the stream stays open until closed. */
    private SseRecorder booksSubscriber(Object payload) {
        SseRecorder stream = SseRecorder.open(hub.client(), hub.uri(MercureClient.PATH + "?match_urlpattern=" + MercureClient.encode(BOOKS)),
                Map.of("Authorization", "Bearer " + SubscriptionEventsTest.subscriberOnPattern("https://example.com/*", payload)));
        assertThat(stream.status()).isEqualTo(200);
        return stream;
    }

    /** The subscriber id a stream was given, read back from the draft-08 listing of its matcher. */
    private String subscriberOf(String matcherPath) {
        return RunningHub.json(get(matcherPath, reader).body()).get("subscriptions").get(0).get("subscriber").asText();
    }

    @Test
    void theCollectionListsEverySubscriptionAsJsonWithTheCursorInTheLinkHeader() {
        try (SseRecorder subscriber = booksSubscriber(Map.of("foo", "bar"))) {
            HttpResponse<String> response = get(COLLECTION, reader);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.headers().allValues("Link")).containsExactly(HUB_LINK
                    + "; last-event-id=\"earliest\"; type=\"mercure\"; content-type=\"application/json\"");
            assertThat(response.headers().firstValue("ETag")).hasValue("\"earliest\"");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, must-revalidate");
            String id = subscriberOf(BOOKS_PATH);
            assertThat(response.body()).as("the collection document, field by field").isEqualTo("{"
                    + "\"id\":\"" + COLLECTION + "\",\"type\":\"subscriptions\",\"subscriptions\":[{"
                    + "\"id\":\"" + BOOKS_PATH + "/" + UrlEscape.expansion(id) + "\",\"type\":\"subscription\","
                    + "\"match_type\":\"urlpattern\",\"match\":\"" + BOOKS + "\",\"subscriber\":\"" + id + "\","
                    + "\"active\":true,\"payload\":{\"foo\":\"bar\"}}]}");
        }
    }

    @Test
    void theCursorIsTheLastEventTheHubDispatched() {
        String last = mercure.publishOk(Tokens.publisher("*"), List.of(Map.entry("topic", "https://example.com/a")));

        HttpResponse<String> response = get(COLLECTION, reader);

        assertThat(response.headers().firstValue("Link")).hasValue(HUB_LINK + "; last-event-id=\"" + last
                + "\"; type=\"mercure\"; content-type=\"application/json\"");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + last + "\"");
    }

    @Test
    void aCursorThatIsNotATokenIsQuotedSoItCannotBreakTheHeaders() {
        String id = "a \"quoted\" \\ id%";
        mercure.publishOk(Tokens.publisher("*"), List.of(Map.entry("topic", "https://example.com/a"), Map.entry("id", id)));

        HttpResponse<String> response = get(COLLECTION, reader);

        assertThat(response.headers().firstValue("Link")).hasValue(HUB_LINK
                + "; last-event-id=\"a \\\"quoted\\\" \\\\ id%\"; type=\"mercure\"; content-type=\"application/json\"");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"a%20%22quoted%22%20\\%20id%25\"");
    }

    @Test
    void aNonAsciiCursorGoesOutAsItsUtf8Bytes() {
        mercure.publishOk(Tokens.publisher("*"), List.of(Map.entry("topic", "https://example.com/a"), Map.entry("id", "livre-é")));

        HttpResponse<String> response = get(COLLECTION, reader);

        String utf8Bytes = new String("livre-é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(response.headers().firstValue("Link")).as("each byte of the UTF-8 form, read back one char per byte")
                .hasValueSatisfying(link -> assertThat(link).contains("; last-event-id=\"" + utf8Bytes + "\";"));
        assertThat(response.headers().firstValue("ETag")).hasValue("\"livre-%C3%A9\"");
    }

    @Test
    void theMatcherCollectionListsTheSubscriptionsOfThatMatcherOnly() {
        try (SseRecorder books = booksSubscriber(null);
                SseRecorder other = SseRecorder.open(hub.client(), hub.uri(MercureClient.PATH + "?match=" + MercureClient.encode(BOOKS)),
                        Map.of("Authorization", "Bearer " + AccessTokens.subscriber("x")))) {
            assertThat(other.status()).isEqualTo(200);

            JsonNode listing = RunningHub.json(get(BOOKS_PATH, reader).body());

            assertThat(listing.get("id").asText()).isEqualTo(BOOKS_PATH);
            assertThat(listing.get("type").asText()).isEqualTo("subscriptions");
            assertThat(listing.get("subscriptions")).as("the urlpattern subscription, not the exact one of the same text")
                    .extracting(node -> node.get("match_type").asText()).containsExactly("urlpattern");
        }
    }

    @Test
    void aSingleSubscriptionIsTheDocumentOfItsEvent() {
        try (SseRecorder watcher = SseRecorder.open(hub.client(), hub.uri(MercureClient.PATH + "?match_urlpattern="
                + MercureClient.encode(SubscriptionEventsTest.ALL_EVENTS)), Map.of("Authorization", "Bearer " + reader))) {
            watcher.awaitEvents(1);
            try (SseRecorder subscriber = booksSubscriber(Map.of("foo", "bar"))) {
                String event = watcher.awaitEvents(2).get(1).data();
                String path = RunningHub.json(event).get("id").asText();

                HttpResponse<String> single = get(path, reader);

                assertThat(single.statusCode()).isEqualTo(200);
                assertThat(single.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(single.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link).startsWith(HUB_LINK));
                assertThat(single.body()).as("byte for byte the event's document").isEqualTo(event);
            }
        }
    }

    @Test
    void anUnknownSubscriptionMatchTypeOrPathIsNotFound() {
        try (SseRecorder subscriber = booksSubscriber(null)) {
            assertThat(get(BOOKS_PATH + "/urn%3Auuid%3Anone", reader).statusCode()).as("no such subscriber").isEqualTo(404);
            assertThat(get(COLLECTION + "/regex/x", reader).statusCode()).as("no such match type").isEqualTo(404);
            assertThat(get(COLLECTION + "/URLPATTERN/" + BOOKS_PATH.substring(BOOKS_PATH.lastIndexOf('/') + 1), reader)
                    .statusCode()).as("match types are case-sensitive").isEqualTo(404);
            assertThat(get(BOOKS_PATH + "/" + UrlEscape.expansion(subscriberOf(BOOKS_PATH)) + "/more", reader).statusCode())
                    .as("no path has four segments").isEqualTo(404);
        }
    }

    @Test
    void readingNeedsASubscribeGrantOnTheRequestedPath() {
        HttpResponse<String> none = get(COLLECTION, null);
        HttpResponse<String> elsewhere = get(COLLECTION, AccessTokens.subscriber("https://example.com/books/1"));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer resource_metadata=\"" + AccessTokens.METADATA + "\"");
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer error=\"insufficient_scope\", resource_metadata=\"" + AccessTokens.METADATA + "\"");
    }

    @Test
    void anExactGrantOnTheRelativePathAllowsThatPathByteForByteWhateverTheQuery() {
        String exactReader = AccessTokens.subscriber(BOOKS_PATH);

        assertThat(get(BOOKS_PATH + "?last_event_id=x", exactReader).statusCode()).as("the query is not part of the topic")
                .isEqualTo(200);
        assertThat(get(BOOKS_PATH.replace("%3A", "%3a"), exactReader).statusCode())
                .as("another spelling of the same path is another topic for an exact grant").isEqualTo(403);
        assertThat(get(COLLECTION, exactReader).statusCode()).as("nor does it allow the collection").isEqualTo(403);
    }

    @Test
    void aCrossOriginReaderMayReadTheLinkHeader() {
        String app = "https://app.example.com";
        try (RunningHub open = RunningHub.start(ServerOptions.builder()
                .security(AccessTokens.security().withCorsOrigins(List.of(app))).build())) {
            HttpResponse<String> response = open.request(HttpRequest.newBuilder(open.uri(COLLECTION))
                    .header("Origin", app).header("Authorization", "Bearer " + reader).GET().build());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().allValues("Access-Control-Expose-Headers")).contains("Link");
        }
    }

    @Test
    void theLinkOfAHubWithoutPublicUrlIsItsOwnOrigin() {
        try (RunningHub local = RunningHub.start(ServerOptions.builder().security(SecurityOptions.defaults()
                .withKeys(Tokens.key(), Tokens.key())).build());
                SseRecorder subscriber = new MercureClient(local).subscribe(Map.of("Authorization", "Bearer " + Tokens.subscriber("x")), "a")) {
            String path = COLLECTION + "/exact/a/" + UrlEscape.expansion(subscriberIdOf(local));

            HttpResponse<String> response = local.request(HttpRequest.newBuilder(local.uri(path))
                    .header("Authorization", "Bearer " + Tokens.subscriber("*")).GET().build());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Link")).hasValue("<http://127.0.0.1:" + local.port()
                    + "/.well-known/mercure>; rel=\"mercure\"; last-event-id=\"earliest\"; type=\"mercure\"; content-type=\"application/json\"");
        }
    }

    /** The one subscriber of a hub without public URL, from its draft-07 listing. */
    private static String subscriberIdOf(RunningHub local) {
        HttpResponse<String> listing = local.request(HttpRequest.newBuilder(local.uri(COLLECTION))
                .header("Authorization", "Bearer " + Tokens.subscriber("*")).GET().build());
        return RunningHub.json(listing.body()).get("subscriptions").get(0).get("subscriber").asText();
    }
}
