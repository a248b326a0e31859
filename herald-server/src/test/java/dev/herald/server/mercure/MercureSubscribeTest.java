package dev.herald.server.mercure;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mercure subscriptions: selectors, reconnection, lifetime. */
class MercureSubscribeTest {

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().maxTopics(3).build());
    private final MercureClient mercure = new MercureClient(hub);

    @AfterEach
    void stop() {
        hub.close();
    }

    private String publish(String topic, String data) {
        return mercure.publishOk(null, List.of(entry("topic", topic), entry("data", data)));
    }

    @Test
    void aSubscriptionWithoutTopicAnswers400() {
        var response = hub.request(HttpRequest.newBuilder(hub.uri(MercureClient.PATH)).GET().build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("missing \\\"topic\\\"");
    }

    @Test
    void moreSelectorsThanTheCapAnswers400() {
        var response = hub.request(HttpRequest.newBuilder(
                hub.uri(MercureClient.PATH + "?" + MercureClient.query("a", "b", "c", "d"))).GET().build());

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "LF|a%0Ab|U+000A at index 1",
        "CR|%0Da|U+000D at index 0",
        "NUL|a%00|U+0000 at index 1",
        "ESC|a%1B[31m|U+001B at index 1",
        "DEL|a%7Fb|U+007F at index 1",
        "right-to-left override U+202E|a%E2%80%AEb|U+202E at index 1",
        "pop directional isolate U+2069|a%E2%81%A9b|U+2069 at index 1",
        "byte-order mark U+FEFF|%EF%BB%BFa|U+FEFF at index 0",
    })
    void aSelectorWithAControlOrFormatCharacterAnswers400(String name, String encodedSelector, String where) {
        var response = hub.request(HttpRequest.newBuilder(
                hub.uri(MercureClient.PATH + "?topic=ok&topic=" + encodedSelector)).GET().build());

        assertThat(response.statusCode()).as("a selector with %s is refused", name).isEqualTo(400);
        assertThat(RunningHub.json(response.body()).get("error").asText())
                .isEqualTo("topic selector must not contain control or format characters (" + where + ")");
        assertThat(hub.server().subscriberCount()).as("no stream was opened").isZero();
    }

    @Test
    void theWildcardSelectorReceivesEveryTopic() {
        try (SseRecorder stream = mercure.subscribe("*")) {
            publish("a", "1");
            publish("https://example.com/b", "2");

            assertThat(stream.awaitEvents(2)).extracting(SseEvent::data).containsExactly("1", "2");
        }
    }

    @Test
    void anExactSelectorReceivesOnlyItsTopic() {
        try (SseRecorder stream = mercure.subscribe("https://example.com/books/1")) {
            publish("https://example.com/books/2", "other");
            publish("https://example.com/books/1", "mine");

            assertThat(stream.awaitEvents(1)).extracting(SseEvent::data).containsExactly("mine");
            publish("https://example.com/books/1", "mine again");
            assertThat(stream.awaitEvents(2)).extracting(SseEvent::data).containsExactly("mine", "mine again");
        }
    }

    @Test
    void aUriTemplateSelectorReceivesTheTopicsItExpandsTo() {
        try (SseRecorder stream = mercure.subscribe("https://example.com/books/{id}")) {
            publish("https://example.com/books/1/reviews", "not an expansion");
            publish("https://example.com/books/42", "an expansion");

            assertThat(stream.awaitEvents(1)).extracting(SseEvent::data).containsExactly("an expansion");
        }
    }

    @Test
    void anUpdateMatchingSeveralSelectorsArrivesOnce() {
        try (SseRecorder stream = mercure.subscribe("a", "*")) {
            String first = publish("a", "1");
            String second = publish("b", "2");

            stream.awaitEvents(2);
            assertThat(stream.ids()).containsExactly(first, second);
        }
    }

    @Test
    void theLastEventIdHeaderWinsOverTheQueryParameter() {
        String first = publish("a", "1");
        String second = publish("a", "2");
        String third = publish("a", "3");
        String uri = MercureClient.PATH + "?topic=a&lastEventID=" + MercureClient.encode(first);
        try (SseRecorder stream = SseRecorder.open(hub.client(), hub.uri(uri), Map.of("Last-Event-ID", second))) {
            assertThat(stream.headers().firstValue("Last-Event-ID")).hasValue(second);
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(third);
        }
    }

    @Test
    void theResponseSaysEarliestWhenTheRequestedIdIsUnknown() {
        publish("a", "1");
        try (SseRecorder stream = mercure.subscribe(Map.of("Last-Event-ID", "no-such-id"), "a")) {
            assertThat(stream.headers().firstValue("Last-Event-ID")).hasValue("earliest");
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::data).containsExactly("1");
        }
    }

    @Test
    void anUpdatePublishedAsSoonAsTheStreamOpensIsDelivered() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            try (SseRecorder stream = mercure.subscribe("race")) {
                ids.add(publish("race", "now"));
                assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(ids.get(i));
            }
        }
    }

    @Test
    void aStreamEndsCleanlyAfterItsMaximumLifetime() {
        try (RunningHub shortLived = RunningHub.start(ServerOptions.builder()
                .maxConnectionLifetime(Duration.ofMillis(300)).build())) {
            try (SseRecorder stream = new MercureClient(shortLived).subscribe("a")) {
                stream.awaitEnd();
                org.awaitility.Awaitility.await("the hub to forget the stream").atMost(Duration.ofSeconds(5))
                        .until(() -> shortLived.server().subscriberCount() == 0);
            }
        }
    }
}
