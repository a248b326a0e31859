package dev.herald.client;

import static dev.herald.client.ScriptedServer.retryAfter;
import static dev.herald.client.ScriptedServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When the publisher retries and what it sends, against a scripted server on a real socket. Publishing
 * to a real Herald hub is tested in herald-server's {@code dev.herald.server.client} tests.
 */
class PublisherRulesTest {

    private static final Publication UPDATE = Publication.of("https://example.com/books/1", "x");

    private static Publisher publisher(URI hub) {
        return Publisher.create(PublishOptions.of(hub, TokenProvider.of("jwt"))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100)));
    }

    @Test
    void aServiceUnavailableAnswerIsRetriedAfterItsRetryAfterWithTheSameIdempotencyKey() throws Exception {
        try (ScriptedServer hub = new ScriptedServer(retryAfter(503, "0"), status(200, "text/plain", "urn:uuid:1"))) {
            String id = publisher(hub.uri()).publish(UPDATE);

            assertThat(id).isEqualTo("urn:uuid:1");
            List<Map<String, List<String>>> requests = hub.requests();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(0).get("Idempotency-key")).as("a key is sent").hasSize(1);
            assertThat(requests.get(1).get("Idempotency-key")).as("the retry carries the first attempt's key")
                    .isEqualTo(requests.get(0).get("Idempotency-key"));
            assertThat(requests.get(1).get("Authorization")).containsExactly("Bearer jwt");
        }
    }

    @Test
    void eachPublishHasAKeyOfItsOwn() throws Exception {
        try (ScriptedServer hub = new ScriptedServer(status(200, "text/plain", "a"), status(200, "text/plain", "b"))) {
            Publisher publisher = publisher(hub.uri());
            publisher.publish(UPDATE);
            publisher.publish(UPDATE);

            assertThat(hub.requests().get(0).get("Idempotency-key"))
                    .isNotEqualTo(hub.requests().get(1).get("Idempotency-key"));
        }
    }

    @Test
    void aRefusalIsNotRetriedAndCarriesTheStatusAndTheHubsMessage() {
        try (ScriptedServer hub = new ScriptedServer(status(403, "application/json", "{\"error\":\"topic not allowed\"}"))) {
            assertThatThrownBy(() -> publisher(hub.uri()).publish(UPDATE))
                    .isInstanceOfSatisfying(PublishException.class, refused -> {
                        assertThat(refused.status()).hasValue(403);
                        assertThat(refused.hubMessage()).isEqualTo("{\"error\":\"topic not allowed\"}");
                        assertThat(refused.attempts()).isEqualTo(1);
                    });
            assertThat(hub.requests()).hasSize(1);
        }
    }

    @Test
    void aServiceUnavailableToTheLastAttemptIsReportedWithItsStatus() {
        try (ScriptedServer hub = new ScriptedServer(retryAfter(503, "0"), retryAfter(503, "0"))) {
            Publisher publisher = Publisher.create(PublishOptions.of(hub.uri(), TokenProvider.none()).withMaxAttempts(2)
                    .withBackoff(Duration.ofMillis(1), Duration.ofMillis(10)));

            assertThatThrownBy(() -> publisher.publish(UPDATE)).isInstanceOfSatisfying(PublishException.class, refused -> {
                assertThat(refused.status()).hasValue(503);
                assertThat(refused.attempts()).isEqualTo(2);
            });
        }
    }

    @Test
    void aHubThatCannotBeReachedIsRetriedThenReportedWithoutAStatus() {
        URI gone;
        try (ScriptedServer closed = new ScriptedServer()) {
            gone = closed.uri();
        }

        assertThatThrownBy(() -> publisher(gone).publish(UPDATE)).isInstanceOfSatisfying(PublishException.class, failed -> {
            assertThat(failed.status()).isEmpty();
            assertThat(failed.attempts()).isEqualTo(PublishOptions.DEFAULT_MAX_ATTEMPTS);
            assertThat(failed).hasMessageContaining("failed after 4 attempt(s)");
        });
    }
}
