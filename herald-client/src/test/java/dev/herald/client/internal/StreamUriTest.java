package dev.herald.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamUriTest {

    @Test
    void eachSelectorIsOneEncodedTopicParameter() {
        assertThat(EventStream.streamUri(URI.create("http://127.0.0.1:8080/.well-known/mercure"),
                List.of("https://example.com/books/{id}", "*")))
                .hasToString("http://127.0.0.1:8080/.well-known/mercure?topic=https%3A%2F%2Fexample.com%2Fbooks%2F%7Bid%7D&topic=*");
    }

    @Test
    void aHubUrlWithAQueryKeepsIt() {
        assertThat(EventStream.streamUri(URI.create("https://hub.example/m?x=1"), List.of("t")))
                .hasToString("https://hub.example/m?x=1&topic=t");
    }

    @Test
    void theContentTypeMayCarryParameters() {
        assertThat(EventStream.isEventStream("text/event-stream; charset=utf-8")).isTrue();
        assertThat(EventStream.isEventStream("Text/Event-Stream")).isTrue();
        assertThat(EventStream.isEventStream("text/html")).isFalse();
        assertThat(EventStream.isEventStream("")).isFalse();
    }
}
