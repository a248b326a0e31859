package dev.herald.client;

import static dev.herald.client.ScriptedServer.status;
import static dev.herald.client.ScriptedServer.stream;
import static dev.herald.client.ScriptedServer.streamThenSilence;
import static dev.herald.client.ScriptedServer.streamWithHeader;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The subscriber's EventSource rules against a scripted server on a real socket, for the answers a
 * Mercure hub does not give on request (204, silence, any status). The same rules against a real
 * Herald hub are in herald-server's {@code dev.herald.server.client} tests.
 */
class SubscriberRulesTest {

    private final Subscriber subscriber = Subscriber.create();
    private final ListenerRecorder recorder = new ListenerRecorder();

    private SubscribeOptions options(ScriptedServer server) {
        return SubscribeOptions.of(server.uri(), "t").withRetry(Duration.ofMillis(10)).withMaxBackoff(Duration.ofMillis(50));
    }

    @Test
    void aNoContentAnswerStopsTheSubscriptionWithoutError() {
        try (ScriptedServer server = new ScriptedServer(status(204, "text/plain", ""))) {
            subscriber.subscribe(options(server), recorder);

            recorder.awaitEnd();
            assertThat(recorder.calls()).containsExactly("closed");
            assertThat(server.requests()).as("a 204 is never retried").hasSize(1);
        }
    }

    @Test
    void aStatusOtherThan200FailsForGoodWithTheServersMessage() {
        try (ScriptedServer server = new ScriptedServer(status(401, "application/json", "{\"error\":\"invalid token\"}"))) {
            subscriber.subscribe(options(server), recorder);

            recorder.awaitEnd();
            assertThat(recorder.failure().reason()).isEqualTo(SubscribeException.Reason.STATUS);
            assertThat(recorder.failure().status()).hasValue(401);
            assertThat(recorder.failure()).hasMessage("the hub answered 401: {\"error\":\"invalid token\"}");
            assertThat(server.requests()).as("a refusal is never retried").hasSize(1);
        }
    }

    @Test
    void a200ThatIsNotAnEventStreamFailsForGood() {
        try (ScriptedServer server = new ScriptedServer(status(200, "text/html", "<html></html>"))) {
            subscriber.subscribe(options(server), recorder);

            recorder.awaitEnd();
            assertThat(recorder.failure().reason()).isEqualTo(SubscribeException.Reason.CONTENT_TYPE);
            assertThat(recorder.failure()).hasMessageContaining("text/html");
        }
    }

    @Test
    void aServiceUnavailableAnswerIsRetried() {
        try (ScriptedServer server = new ScriptedServer(status(503, "text/plain", "full"),
                stream("id: 1\ndata: a\n\n"), status(204, "text/plain", ""))) {
            subscriber.subscribe(options(server), recorder);

            recorder.awaitEnd();
            assertThat(recorder.calls()).containsExactly("open " + server.uri(), "event 1", "closed");
        }
    }

    @Test
    void aReconnectionSendsTheLastEventIdAndAFreshToken() {
        AtomicInteger tokens = new AtomicInteger();
        try (ScriptedServer server = new ScriptedServer(stream("id: 1\ndata: a\n\nid: 2\ndata: b\n\n"),
                stream("id: 3\ndata: c\n\n"), status(204, "text/plain", ""))) {
            subscriber.subscribe(options(server)
                    .withTokenProvider(() -> Optional.of("token-" + tokens.incrementAndGet())), recorder);

            recorder.awaitEnd();
            assertThat(recorder.ids()).containsExactly("1", "2", "3");
            assertThat(server.requests()).extracting(headers -> headers.get("Authorization"))
                    .containsExactly(List.of("Bearer token-1"), List.of("Bearer token-2"), List.of("Bearer token-3"));
            assertThat(server.requests()).extracting(headers -> headers.get("Last-event-id"))
                    .containsExactly(null, List.of("2"), List.of("3"));
        }
    }

    @Test
    void anEventCutOffMidwayIsNotDeliveredAndNotResumedAfter() {
        try (ScriptedServer server = new ScriptedServer(stream("id: 1\ndata: a\n\nid: 2\ndata: cut"),
                status(204, "text/plain", ""))) {
            subscriber.subscribe(options(server), recorder);

            recorder.awaitEnd();
            assertThat(recorder.ids()).containsExactly("1");
            assertThat(server.requests().get(1).get("Last-event-id")).containsExactly("1");
        }
    }

    @Test
    void aConnectionSilentForTheHeartbeatTimeoutIsReplaced() {
        try (ScriptedServer server = new ScriptedServer(streamThenSilence(":\nid: 1\ndata: a\n\n"),
                status(204, "text/plain", ""))) {
            subscriber.subscribe(options(server).withHeartbeatTimeout(Duration.ofMillis(300)), recorder);

            recorder.awaitEnd();
            assertThat(recorder.calls()).containsExactly("open " + server.uri(), "event 1", "closed");
            assertThat(server.requests().get(1).get("Last-event-id")).containsExactly("1");
        }
    }

    @Test
    void severalHubUrlsAreTriedInTurn() {
        try (ScriptedServer down = new ScriptedServer(status(503, "text/plain", "node going away"));
                ScriptedServer up = new ScriptedServer(stream("id: 1\ndata: a\n\n"), status(204, "text/plain", ""))) {
            subscriber.subscribe(options(down).withHubs(List.of(down.uri(), up.uri())), recorder);

            recorder.awaitEnd();
            assertThat(recorder.calls()).containsExactly("open " + up.uri(), "event 1", "closed");
        }
    }

    @Test
    void nothingIsCalledAfterCloseAndCloseMayBeRepeated() {
        try (ScriptedServer server = new ScriptedServer(streamThenSilence("id: 1\ndata: a\n\n"))) {
            Subscription subscription = subscriber.subscribe(options(server), recorder);
            recorder.awaitEvents(1);

            subscription.close();
            subscription.close();

            recorder.awaitEnd();
            assertThat(recorder.calls()).containsExactly("open " + server.uri(), "event 1", "closed");
            assertThat(subscription.lastEventId()).isEqualTo("1");
        }
    }

    @Test
    void aListenerThatThrowsEndsTheSubscriptionWithAFailure() {
        ListenerRecorder failing = new ListenerRecorder();
        try (ScriptedServer server = new ScriptedServer(stream("id: 0\ndata: fine\n\nid: 1\ndata: a\n\nid: 2\ndata: b\n\n"))) {
            Subscription subscription = subscriber.subscribe(options(server), new SubscriptionListener() {
                @Override
                public void onEvent(Event event) {
                    failing.onEvent(event);
                    if (event.id().equals("1")) {
                        throw new IllegalStateException("cannot handle " + event.id());
                    }
                }

                @Override
                public void onFailure(SubscribeException failure) {
                    failing.onFailure(failure);
                }
            });

            failing.awaitEnd();
            assertThat(failing.calls()).containsExactly("event 0", "event 1",
                    "failure the subscriber failed: java.lang.IllegalStateException: cannot handle 1");
            assertThat(failing.failure().reason()).isEqualTo(SubscribeException.Reason.LISTENER);
            assertThat(subscription.lastEventId()).as("the event the listener threw on is not handled")
                    .isEqualTo("0");
        }
    }

    @Test
    void aDraft08HubsMercureLastEventIdEarliestIsLostHistory() {
        try (ScriptedServer server = new ScriptedServer(
                streamWithHeader("Mercure-Last-Event-ID", "earliest", "id: 7\ndata: a\n\n"), status(204, "text/plain", ""))) {
            subscriber.subscribe(options(server).withLastEventId("3"), recorder);

            recorder.awaitEnd();
            assertThat(recorder.calls()).containsExactly("open " + server.uri(), "history lost after 3", "event 7", "closed");
        }
    }

    @Test
    void draft08MatchersGoInTheirOwnQueryParameters() {
        try (ScriptedServer server = new ScriptedServer(status(204, "text/plain", ""))) {
            subscriber.subscribe(SubscribeOptions.matching(server.uri(), TopicMatcher.exact("https://example.com/a b"),
                    TopicMatcher.urlPattern("https://example.com/books/:id"), TopicMatcher.topic("https://example.com/{x}")),
                    recorder);

            recorder.awaitEnd();
            assertThat(server.requestUris()).containsExactly("/.well-known/mercure?match=https%3A%2F%2Fexample.com%2Fa+b"
                    + "&match_urlpattern=https%3A%2F%2Fexample.com%2Fbooks%2F%3Aid&topic=https%3A%2F%2Fexample.com%2F%7Bx%7D");
        }
    }
}
