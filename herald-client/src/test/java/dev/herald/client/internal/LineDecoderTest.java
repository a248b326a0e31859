package dev.herald.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WHATWG: a line ends at CR LF, LF or CR; the stream is UTF-8. Fed exact bytes, split where it hurts. */
class LineDecoderTest {

    private final List<String> lines = new ArrayList<>();
    private final LineDecoder decoder = new LineDecoder(64, lines::add);

    @Test
    void lfEndsALine() throws IOException {
        feed("data: a\n");

        assertThat(lines).containsExactly("data: a");
    }

    @Test
    void crEndsALine() throws IOException {
        feed("data: a\rdata: b\r");

        assertThat(lines).containsExactly("data: a", "data: b");
    }

    @Test
    void crLfIsOneLineEnd() throws IOException {
        feed("data: a\r\n\r\n");

        assertThat(lines).containsExactly("data: a", "");
    }

    @Test
    void crLfSplitAcrossTwoReadsIsStillOneLineEnd() throws IOException {
        feed("data: a\r");
        feed("\ndata: b\n");

        assertThat(lines).containsExactly("data: a", "data: b");
    }

    @Test
    void lfCrIsTwoLineEnds() throws IOException {
        feed("a\n\rb\n");

        assertThat(lines).containsExactly("a", "", "b");
    }

    @Test
    void aLineWithoutItsEndIsHeldUntilItComes() throws IOException {
        feed("data: hel");
        assertThat(lines).isEmpty();

        feed("lo\n");
        assertThat(lines).containsExactly("data: hello");
    }

    @Test
    void aMultiByteCharacterSplitAcrossReadsDecodesWhole() throws IOException {
        byte[] euro = "data: €\n".getBytes(StandardCharsets.UTF_8);
        decoder.feed(ByteBuffer.wrap(euro, 0, 7));
        decoder.feed(ByteBuffer.wrap(euro, 7, euro.length - 7));

        assertThat(lines).containsExactly("data: €");
    }

    @Test
    void aLineOverTheLimitFailsTheStream() {
        assertThatThrownBy(() -> feed("x".repeat(65)))
                .isInstanceOf(IOException.class).hasMessageContaining("longer than 64 bytes");
    }

    @Test
    void aLineAtTheLimitIsAccepted() throws IOException {
        feed("x".repeat(64) + "\n");

        assertThat(lines).containsExactly("x".repeat(64));
    }

    private void feed(String text) throws IOException {
        decoder.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }
}
