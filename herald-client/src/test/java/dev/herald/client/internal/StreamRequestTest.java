package dev.herald.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.TopicMatcher;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The subscription request: selectors in the query, Last-Event-ID and the token as headers. */
class StreamRequestTest {

    @Test
    void eachSelectorIsOneEncodedTopicParameter() {
        assertThat(StreamRequest.uri(URI.create("http://127.0.0.1:8080/.well-known/mercure"),
                List.of(TopicMatcher.topic("https://example.com/books/{id}"), TopicMatcher.topic("*"))))
                .hasToString("http://127.0.0.1:8080/.well-known/mercure?topic=https%3A%2F%2Fexample.com%2Fbooks%2F%7Bid%7D&topic=*");
    }

    @Test
    void aHubUrlWithAQueryKeepsIt() {
        assertThat(StreamRequest.uri(URI.create("https://hub.example/m?x=1"), List.of(TopicMatcher.topic("t"))))
                .hasToString("https://hub.example/m?x=1&topic=t");
    }

    @Test
    void aResumingRequestSendsLastEventIdAndTheBearerToken() {
        HttpRequest request = StreamRequest.of(URI.create("https://hub.example/m"), List.of(TopicMatcher.topic("t")), "urn:uuid:1",
                Optional.of("jwt"), Duration.ofSeconds(1));

        assertThat(request.headers().map()).containsEntry("Last-Event-ID", List.of("urn:uuid:1"))
                .containsEntry("Authorization", List.of("Bearer jwt"))
                .containsEntry("Accept", List.of("text/event-stream"));
    }

    @Test
    void aFirstAnonymousRequestSendsNeither() {
        HttpRequest request = StreamRequest.of(URI.create("https://hub.example/m"), List.of(TopicMatcher.topic("t")), "", Optional.empty(),
                Duration.ofSeconds(1));

        assertThat(request.headers().map()).doesNotContainKeys("Last-Event-ID", "Authorization");
    }
}
