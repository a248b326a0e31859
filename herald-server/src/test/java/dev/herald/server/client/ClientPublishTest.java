package dev.herald.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.client.Publication;
import dev.herald.client.PublishException;
import dev.herald.client.PublishOptions;
import dev.herald.client.Publisher;
import dev.herald.client.TokenProvider;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** herald-client's publisher against a real Herald hub. */
class ClientPublishTest {

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().security(Tokens.security())
            .activeSubscriptions(false).build());

    @AfterEach
    void stop() {
        hub.close();
    }

    private Publisher publisher(TokenProvider tokens) {
        return Publisher.create(PublishOptions.of(hub.uri(MercureClient.PATH), tokens));
    }

    @Test
    void theIdTheHubAnsweredIsReturnedAndTheUpdateReachesSubscribers() throws Exception {
        try (SseRecorder stream = new MercureClient(hub).subscribe(Map.of("Last-Event-ID", "earliest"), "*")) {
            String id = publisher(TokenProvider.of(Tokens.publisher("*")))
                    .publishAsync(Publication.of("https://example.com/books/1", "Dune")).get();

            assertThat(id).startsWith("urn:uuid:");
            assertThat(stream.awaitEvents(1).get(0).lastEventId()).isEqualTo(id);
        }
    }

    @Test
    void withoutATokenTheHubAnswers401AndItsMessageIsKept() {
        assertThatThrownBy(() -> publisher(TokenProvider.none()).publish(Publication.of("https://example.com/books/1", "x")))
                .isInstanceOfSatisfying(PublishException.class, refused -> {
                    assertThat(refused.status()).hasValue(401);
                    assertThat(refused.hubMessage()).isNotEmpty();
                    assertThat(refused.attempts()).as("a refusal is not retried").isEqualTo(1);
                });
    }

    @Test
    void aTopicTheTokenDoesNotAllowIsRefusedWith403() {
        Publisher publisher = publisher(TokenProvider.of(Tokens.publisher("https://example.com/authors/{id}")));

        assertThatThrownBy(() -> publisher.publish(Publication.of("https://example.com/books/1", "x")))
                .isInstanceOfSatisfying(PublishException.class, refused -> assertThat(refused.status()).hasValue(403));
    }
}
