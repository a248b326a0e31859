package dev.herald.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsCodecTest {

    @Test
    void encodesEachTopicAsLengthColonTopic() {
        assertThat(TopicsCodec.encode(List.of("a/b", "cd"))).isEqualTo("3:a/b2:cd");
    }

    @Test
    void decodesWhatItEncoded() {
        List<String> topics = List.of("https://example.com/books/1", "12:34", "line\nbreak", "nul\0", "é😀");

        assertThat(TopicsCodec.decode(TopicsCodec.encode(topics))).isEqualTo(topics);
    }

    @Test
    void topicsThatLookLikeTheEncodingStayApart() {
        List<String> topics = List.of("2:ab", ":", "0:");

        assertThat(TopicsCodec.decode(TopicsCodec.encode(topics))).isEqualTo(topics);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", ":abc", "3:ab", "x:abc", "1234567890:a", "3:abc4"})
    void malformedValueIsRejected(String malformed) {
        assertThatIllegalArgumentException().isThrownBy(() -> TopicsCodec.decode(malformed));
        byte[] bytes = ("<" + malformed + ">").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatIllegalArgumentException().isThrownBy(() -> TopicsCodec.decodeAscii(bytes, 1, bytes.length - 1));
    }

    @Test
    void asciiBytesDecodeAsTheTextDoes() {
        List<String> topics = List.of("https://example.com/books/1", "12:34", "line\nbreak", "2:ab", ":", "0:");
        byte[] bytes = ("<" + TopicsCodec.encode(topics) + ">").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(TopicsCodec.decodeAscii(bytes, 1, bytes.length - 1)).isEqualTo(topics);
    }

    @Test
    void nonAsciiBytesAreLeftToTheTextDecoder() {
        byte[] bytes = TopicsCodec.encode(List.of("é")).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(TopicsCodec.decodeAscii(bytes, 0, bytes.length)).isNull();
    }
}
