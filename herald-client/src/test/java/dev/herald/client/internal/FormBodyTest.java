package dev.herald.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.Publication;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void aPublicUpdateIsItsTopicAndData() {
        assertThat(FormBody.of(Publication.of("https://example.com/books/1", "{\"title\":\"Dune\"}")))
                .isEqualTo("topic=https%3A%2F%2Fexample.com%2Fbooks%2F1&data=%7B%22title%22%3A%22Dune%22%7D");
    }

    @Test
    void everyFieldIsSentAndTopicsRepeat() {
        Publication publication = Publication.of("a", "line 1\nline 2").withTopics(List.of("a", "b")).asPrivate()
                .withId("id-1").withType("book").withRetry(Duration.ofMillis(2500));

        assertThat(FormBody.of(publication))
                .isEqualTo("topic=a&topic=b&data=line+1%0Aline+2&private=on&id=id-1&type=book&retry=2500");
    }

    @Test
    void emptyDataIsStillSent() {
        assertThat(FormBody.of(Publication.of("t", ""))).isEqualTo("topic=t&data=");
    }
}
