package dev.herald.server.mercure;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Mercure publishing, form field by form field (no keys: anonymous publishing on loopback). */
class MercurePublishTest {

    private static final String TOPIC = "https://example.com/books/1";

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().maxBodyBytes(8 * 1024).build());
    private final MercureClient mercure = new MercureClient(hub);

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void publishAnswers200WithTheGeneratedIdAsPlainText() {
        HttpResponse<String> response = mercure.publish(null, List.of(entry("topic", TOPIC), entry("data", "hi")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).startsWith("urn:uuid:");
    }

    @Test
    void aPublisherSuppliedIdIsKept() {
        try (SseRecorder stream = mercure.subscribe(TOPIC)) {
            String id = mercure.publishOk(null, List.of(entry("topic", TOPIC), entry("id", "book-1-v2"), entry("data", "x")));

            assertThat(id).isEqualTo("book-1-v2");
            assertThat(stream.awaitEvents(1).get(0).lastEventId()).isEqualTo("book-1-v2");
        }
    }

    @Test
    void typeAndRetryBecomeEventAndRetryFields() {
        try (SseRecorder stream = mercure.subscribe(TOPIC)) {
            mercure.publishOk(null, List.of(entry("topic", TOPIC), entry("type", "book.updated"),
                    entry("retry", "3000"), entry("data", "{\"title\":\"Dune\"}")));

            SseEvent event = stream.awaitEvents(1).get(0);
            assertThat(event.type()).isEqualTo("book.updated");
            assertThat(event.data()).isEqualTo("{\"title\":\"Dune\"}");
        }
    }

    @Test
    void multiLineDataArrivesIntact() {
        try (SseRecorder stream = mercure.subscribe(TOPIC)) {
            mercure.publishOk(null, List.of(entry("topic", TOPIC), entry("data", "data for\n\n        a name")));

            assertThat(stream.awaitEvents(1).get(0).data()).isEqualTo("data for\n\n        a name");
        }
    }

    @Test
    void anAlternateTopicReachesItsSubscribers() {
        try (SseRecorder stream = mercure.subscribe("https://example.com/authors/7")) {
            mercure.publishOk(null, List.of(entry("topic", TOPIC), entry("topic", "https://example.com/authors/7"),
                    entry("data", "x")));

            assertThat(stream.awaitEvents(1)).hasSize(1);
        }
    }

    @Test
    void anUpdateWithoutDataIsAccepted() {
        HttpResponse<String> response = mercure.publish(null, List.of(entry("topic", TOPIC)));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    static List<Object[]> invalidForms() {
        return List.of(
                new Object[] {"no topic", List.of(entry("data", "x")), "missing \"topic\""},
                new Object[] {"id with LF", List.of(entry("topic", TOPIC), entry("id", "a\nb")), "id must not contain control or format characters (U+000A at index 1)"},
                new Object[] {"id with CR", List.of(entry("topic", TOPIC), entry("id", "a\rb")), "id must not contain control or format characters (U+000D at index 1)"},
                new Object[] {"id with NUL", List.of(entry("topic", TOPIC), entry("id", "a\0b")), "id must not contain control or format characters (U+0000 at index 1)"},
                new Object[] {"id with a tab", List.of(entry("topic", TOPIC), entry("id", "a\tb")), "id must not contain control or format characters (U+0009 at index 1)"},
                new Object[] {"id with a right-to-left override", List.of(entry("topic", TOPIC), entry("id", "a\u202eb")),
                    "id must not contain control or format characters (U+202E at index 1)"},
                new Object[] {"type with LF", List.of(entry("topic", TOPIC), entry("type", "a\nid: x")), "type must not contain control or format characters (U+000A at index 1)"},
                new Object[] {"type with ESC", List.of(entry("topic", TOPIC), entry("type", "a\u001b")), "type must not contain control or format characters (U+001B at index 1)"},
                new Object[] {"type mercure", List.of(entry("topic", TOPIC), entry("type", "mercure")), "type \"mercure\" is reserved for the hub's own events"},
                new Object[] {"topic *", List.of(entry("topic", "*")), "topic \"*\" is reserved for the matcher of every topic"},
                new Object[] {"a forged subscription event", List.of(entry("topic", "https://evil.example/.well-known/%6Dercure/subscriptions/exact/a/b")),
                    "a topic must not address the hub's reserved namespace (/.well-known/mercure and below, whatever the host)"},
                new Object[] {"a relative topic under the hub's path", List.of(entry("topic", TOPIC), entry("topic", "/x/../.well-known/mercure")),
                    "a topic must not address the hub's reserved namespace"},
                new Object[] {"alternate topic *", List.of(entry("topic", TOPIC), entry("topic", "*")), "topic \"*\" is reserved for the matcher of every topic"},
                new Object[] {"id starting with #", List.of(entry("topic", TOPIC), entry("id", "#frag")), "id must not start with '#'"},
                new Object[] {"retry not digits", List.of(entry("topic", TOPIC), entry("retry", "10s")), "\"retry\" must be a number"},
                new Object[] {"negative retry", List.of(entry("topic", TOPIC), entry("retry", "-1")), "\"retry\" must be a number"},
                new Object[] {"two ids", List.of(entry("topic", TOPIC), entry("id", "a"), entry("id", "b")), "\"id\" given more than once"},
                new Object[] {"topic with CRLF", List.of(entry("topic", TOPIC + "\r\nforged log line")),
                    "topic must not contain control or format characters (U+000D at index " + TOPIC.length() + ")"},
                new Object[] {"topic with NUL", List.of(entry("topic", "a\0b")), "topic must not contain control or format characters (U+0000 at index 1)"},
                new Object[] {"topic with ESC", List.of(entry("topic", "a\u001bb")), "topic must not contain control or format characters (U+001B at index 1)"},
                new Object[] {"topic with DEL", List.of(entry("topic", "a\u007fb")), "topic must not contain control or format characters (U+007F at index 1)"},
                new Object[] {"alternate topic with a right-to-left override", List.of(entry("topic", TOPIC), entry("topic", "a\u202eb")),
                    "topic must not contain control or format characters (U+202E at index 1)"},
                new Object[] {"topic with a zero-width space", List.of(entry("topic", "a\u200bb")), "topic must not contain control or format characters (U+200B at index 1)"},
                new Object[] {"topic with a byte-order mark", List.of(entry("topic", "\ufeffa")), "topic must not contain control or format characters (U+FEFF at index 0)"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidForms")
    void aFormBreakingARuleAnswers400AndPublishesNothing(String name, List<Map.Entry<String, String>> fields, String error) {
        try (SseRecorder stream = mercure.subscribe("*")) {
            HttpResponse<String> response = mercure.publish(null, fields);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(RunningHub.json(response.body()).get("error").asText()).contains(error);
            String next = mercure.publishOk(null, List.of(entry("topic", TOPIC), entry("data", "next")));
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId)
                    .as("nothing was dispatched for the refused form").containsExactly(next);
        }
    }

    @Test
    void aBodyOverTheLimitAnswers413() {
        HttpResponse<String> response = mercure.publish(null, List.of(entry("topic", TOPIC), entry("data", "x".repeat(9000))));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void moreTopicsThanTheCapAnswers413AsDraft08Requires() {
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>();
        for (int i = 0; i <= ServerOptions.DEFAULT_MAX_TOPICS; i++) {
            fields.add(entry("topic", "t" + i));
        }
        assertThat(mercure.publish(null, fields).statusCode()).isEqualTo(413);
    }

    @Test
    void aSemicolonInDataIsData() {
        try (SseRecorder stream = mercure.subscribe(TOPIC)) {
            mercure.publishOk(null, List.of(entry("topic", TOPIC), entry("data", "a;b=c")));

            assertThat(stream.awaitEvents(1).get(0).data()).isEqualTo("a;b=c");
        }
    }
}
