package dev.herald.server.mercure;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Draft-08 subscriptions on the same hub as draft-07's: the {@code match} parameters, the
 * {@code last_event_id} cursor and the {@code Mercure-Last-Event-ID} answer (Mercure draft-08,
 * "Subscription" and "Reconnection").
 */
class MercureMatchTest {

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().maxTopics(3).build());
    private final MercureClient mercure = new MercureClient(hub);

    @AfterEach
    void stop() {
        hub.close();
    }

    private String publish(String topic, String data) {
        return mercure.publishOk(null, List.of(entry("topic", topic), entry("data", data)));
    }

    private SseRecorder subscribe(String query, Map<String, String> headers) {
        return SseRecorder.open(hub.client(), hub.uri(MercureClient.PATH + "?" + query), headers);
    }

    private SseRecorder subscribe(String query) {
        return subscribe(query, Map.of());
    }

    private static String match(String name, String value) {
        return name + "=" + MercureClient.encode(value);
    }

    private HttpResponse<String> get(String query) {
        return hub.request(HttpRequest.newBuilder(hub.uri(MercureClient.PATH + "?" + query)).GET().build());
    }

    private HttpRequest query(String queryComponent, String contentType, String body) {
        return HttpRequest.newBuilder(hub.uri(MercureClient.PATH + (queryComponent.isEmpty() ? "" : "?" + queryComponent)))
                .header("Content-Type", contentType).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10))
                .method("QUERY", HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void matchReceivesExactlyItsTopic() {
        try (SseRecorder stream = subscribe(match("match", "https://example.com/books/1"))) {
            publish("https://example.com/books/2", "other");
            publish("https://example.com/books/1", "mine");

            assertThat(stream.awaitEvents(1)).extracting(SseEvent::data).containsExactly("mine");
        }
    }

    @Test
    void matchExactIsTheExplicitSpellingOfMatch() {
        try (SseRecorder stream = subscribe(match("match_exact", "https://example.com/books/1"))) {
            publish("https://example.com/books/2", "other");
            publish("https://example.com/books/1", "mine");

            assertThat(stream.awaitEvents(1)).extracting(SseEvent::data).containsExactly("mine");
        }
    }

    @Test
    void anExactMatcherWithBracesIsComparedByteForByteNotExpandedAsATemplate() {
        try (SseRecorder stream = subscribe(match("match", "https://example.com/books/{id}"))) {
            publish("https://example.com/books/42", "an expansion of the template");
            publish("https://example.com/books/{id}", "the literal topic");

            assertThat(stream.awaitEvents(1)).extracting(SseEvent::data).containsExactly("the literal topic");
        }
    }

    @Test
    void theWildcardMatcherReceivesEveryTopic() {
        try (SseRecorder stream = subscribe(match("match", "*"))) {
            publish("a", "1");
            publish("https://example.com/b", "2");

            assertThat(stream.awaitEvents(2)).extracting(SseEvent::data).containsExactly("1", "2");
        }
    }

    @Test
    void draft08MatchersAndDraft07SelectorsMixInOneSubscription() {
        String query = match("match", "a") + "&" + match("topic", "https://example.com/books/{id}");
        try (SseRecorder stream = subscribe(query)) {
            publish("b", "neither");
            publish("a", "by match");
            publish("https://example.com/books/7", "by template");

            assertThat(stream.awaitEvents(2)).extracting(SseEvent::data).containsExactly("by match", "by template");
        }
    }

    @Test
    void aUrlPatternMatcherReceivesTheTopicsItsPatternMatches() {
        try (SseRecorder stream = subscribe(match("match_urlpattern", "https://example.com/books/:id"))) {
            publish("https://example.com/books/1/reviews", "a deeper path");
            publish("https://example.com/authors/1", "another path");
            publish("https://example.com/books/1", "a book");

            assertThat(stream.awaitEvents(1)).extracting(SseEvent::data).containsExactly("a book");
        }
    }

    @Test
    void aRelativeUrlPatternMatchesRelativeTopicsAgainstTheHubsUrl() {
        try (SseRecorder stream = subscribe(match("match_urlpattern", "/books/:id"))) {
            publish("/books/1/reviews", "a deeper path");
            publish("/books/1", "a relative book");

            assertThat(stream.awaitEvents(1)).extracting(SseEvent::data).containsExactly("a relative book");
        }
    }

    @Test
    void anInvalidUrlPatternAnswers400AndOpensNoStream() {
        HttpResponse<String> response = get(match("match_urlpattern", "https://example.com/(a"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RunningHub.json(response.body()).get("error").asText()).isNotBlank();
        assertThat(hub.server().subscriberCount()).as("no stream was opened").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"matchfoo", "Match", "MATCH_EXACT", "match_regex", "matches", "match_"})
    void aParameterInTheReservedMatchNamespaceThatNamesNoMatcherTypeAnswers400(String name) {
        HttpResponse<String> response = get(match("match", "a") + "&" + name + "=a");

        assertThat(response.statusCode()).as("%s is refused", name).isEqualTo(400);
        assertThat(RunningHub.json(response.body()).get("error").asText()).isEqualTo("unknown topic matcher parameter \""
                + name + "\": this hub supports match, match_exact, match_urlpattern and topic");
        assertThat(hub.server().subscriberCount()).as("no stream was opened").isZero();
    }

    @Test
    void anUnknownMatcherNameIsQuotedOnlyWhenItIsShortPrintableAscii() {
        HttpResponse<String> response = get("match=a&match%0Aevil=a");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RunningHub.json(response.body()).get("error").asText()).isEqualTo(
                "unknown topic matcher parameter (a name of 10 characters): this hub supports match, match_exact,"
                + " match_urlpattern and topic");
    }

    @Test
    void aMatcherWithAControlCharacterAnswers400() {
        HttpResponse<String> response = get("match=ok&match=a%0Ab");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RunningHub.json(response.body()).get("error").asText())
                .isEqualTo("topic matcher must not contain control or format characters (U+000A at index 1)");
    }

    @Test
    void moreMatchersThanTheCapAnswers400WhateverParametersCarryThem() {
        HttpResponse<String> response = get("match=a&match_exact=b&topic=c&match=d");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RunningHub.json(response.body()).get("error").asText()).isEqualTo("too many topics: at most 3");
    }

    @Test
    void aSubscriptionWithoutAnyMatcherAnswers400() {
        HttpResponse<String> response = get("last_event_id=earliest");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RunningHub.json(response.body()).get("error").asText())
                .isEqualTo("missing \"topic\" or \"match\" parameter");
    }

    @Test
    void theLastEventIdParameterResumesAndTheAnswerNamesItInBothHeaders() {
        String first = publish("a", "1");
        String second = publish("a", "2");
        try (SseRecorder stream = subscribe("match=a&last_event_id=" + MercureClient.encode(first))) {
            assertThat(stream.headers().firstValue("Mercure-Last-Event-ID")).hasValue(first);
            assertThat(stream.headers().firstValue("Last-Event-ID")).hasValue(first);
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(second);
        }
    }

    @Test
    void theLastEventIdHeaderWinsOverTheLastEventIdParameter() {
        String first = publish("a", "1");
        String second = publish("a", "2");
        String third = publish("a", "3");
        String query = "match=a&last_event_id=" + MercureClient.encode(first);
        try (SseRecorder stream = subscribe(query, Map.of("Last-Event-ID", second))) {
            assertThat(stream.headers().firstValue("Mercure-Last-Event-ID")).hasValue(second);
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(third);
        }
    }

    @Test
    void draft08sCursorParameterWinsOverDraft07s() {
        String first = publish("a", "1");
        String second = publish("a", "2");
        String third = publish("a", "3");
        String query = "match=a&lastEventID=" + MercureClient.encode(first) + "&last_event_id=" + MercureClient.encode(second);
        try (SseRecorder stream = subscribe(query)) {
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(third);
        }
    }

    @Test
    void anEmptyCursorReplaysNothingAndTheAnswerSaysEarliest() {
        publish("a", "before");
        try (SseRecorder stream = subscribe("match=a&last_event_id=")) {
            assertThat(stream.headers().firstValue("Mercure-Last-Event-ID")).hasValue("earliest");
            String live = publish("a", "live");
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(live);
        }
    }

    @Test
    void aSubscriptionWithoutACursorGetsNoCursorHeader() {
        try (SseRecorder stream = subscribe("match=a")) {
            assertThat(stream.headers().firstValue("Mercure-Last-Event-ID")).isEmpty();
            assertThat(stream.headers().firstValue("Last-Event-ID")).isEmpty();
        }
    }

    @Test
    void aQuerySubscriptionTakesTheUnionOfTheQueryAndItsFormBody() {
        String first = publish("b", "before");
        String body = "match=b&last_event_id=" + MercureClient.encode(first);
        try (SseRecorder stream = SseRecorder.open(hub.client(),
                query("match=a", "application/x-www-form-urlencoded", body))) {
            assertThat(stream.status()).isEqualTo(200);
            publish("c", "neither");
            publish("a", "from the query's matcher");
            publish("b", "from the body's matcher");

            assertThat(stream.awaitEvents(2)).extracting(SseEvent::data)
                    .containsExactly("from the query's matcher", "from the body's matcher");
        }
    }

    @Test
    void aQuerySubscriptionTakesTheCursorFromTheQueryWhenBothCarryOne() {
        String first = publish("a", "1");
        String second = publish("a", "2");
        String third = publish("a", "3");
        String body = "match=a&last_event_id=" + MercureClient.encode(first);
        try (SseRecorder stream = SseRecorder.open(hub.client(), query("last_event_id=" + MercureClient.encode(second),
                "application/x-www-form-urlencoded", body))) {
            assertThat(stream.headers().firstValue("Mercure-Last-Event-ID")).hasValue(second);
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(third);
        }
    }

    @Test
    void aQueryBodyThatIsNotAFormAnswers415() {
        HttpResponse<String> response = hub.request(query("", "application/json", "{\"match\":\"a\"}"));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(hub.server().subscriberCount()).as("no stream was opened").isZero();
    }

    @Test
    void aQueryBodyOverTheBodyLimitAnswers413AndOpensNoStream() {
        // A small limit, so that the whole body fits in the socket buffers: the hub answers 413 on the head
        // and closes, and a client still sending a body of a megabyte would meet a reset before the answer.
        try (RunningHub small = RunningHub.start(ServerOptions.builder().maxBodyBytes(4096).build())) {
            String body = "match=" + "a".repeat(4096);

            HttpResponse<String> response = small.request(HttpRequest.newBuilder(small.uri(MercureClient.PATH))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(10)).method("QUERY", HttpRequest.BodyPublishers.ofString(body)).build());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(small.server().subscriberCount()).as("no stream was opened").isZero();
        }
    }

    @Test
    void theCapOnMatchersCountsTheQueryAndTheBodyTogether() {
        HttpResponse<String> response = hub.request(query("match=a&match=b", "application/x-www-form-urlencoded",
                "match=c&match=d"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RunningHub.json(response.body()).get("error").asText()).isEqualTo("too many topics: at most 3");
    }
}
