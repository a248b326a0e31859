package dev.herald.client.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.sse.SseEncoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per WHATWG "interpret the event stream" rule, fed literal lines; then a round trip. */
class SseParserTest {

    private final RecordingListener recorder = new RecordingListener();
    private final SseParser parser = new SseParser(recorder);

    // --- data --------------------------------------------------------------------------------------

    @Test
    void joinsDataLinesWithLf() {
        feed("data: a", "data: b", "");

        assertThat(recorder.events).containsExactly(new SseEvent("", "message", "a\nb"));
    }

    @Test
    void stripsOnlyOneLeadingSpaceFromTheValue() {
        feed("data:  a", "");

        assertThat(recorder.events).containsExactly(new SseEvent("", "message", " a"));
    }

    @Test
    void valueWithoutSpaceAfterColonIsTakenWhole() {
        feed("data:a", "");

        assertThat(recorder.events).containsExactly(new SseEvent("", "message", "a"));
    }

    @Test
    void fieldWithoutColonHasAnEmptyValue() {
        feed("data", "data: b", "");

        assertThat(recorder.events).containsExactly(new SseEvent("", "message", "\nb"));
    }

    @Test
    void valueKeepsLaterColons() {
        feed("data: a: b", "");

        assertThat(recorder.events).containsExactly(new SseEvent("", "message", "a: b"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        feed("foo: bar", "data: a", "");

        assertThat(recorder.events).containsExactly(new SseEvent("", "message", "a"));
    }

    @Test
    void eventWithoutFinalBlankLineIsNotDispatched() {
        feed("data: a");

        assertThat(recorder.events).as("an incomplete event at the end of the stream is discarded").isEmpty();
    }

    // --- comments ----------------------------------------------------------------------------------

    @Test
    void commentLinesGoToOnComment() {
        feed(":hello", ": world");

        assertThat(recorder.comments).containsExactly("hello", " world");
    }

    @Test
    void commentLinesDoNotAddToTheEvent() {
        feed("data: a", ":data: b", "");

        assertThat(recorder.events).containsExactly(new SseEvent("", "message", "a"));
    }

    // --- event -------------------------------------------------------------------------------------

    @Test
    void eventTypeDefaultsToMessage() {
        feed("data: a", "");

        assertThat(recorder.events).extracting(SseEvent::type).containsExactly(SseEvent.DEFAULT_TYPE);
    }

    @Test
    void eventFieldSetsTheType() {
        feed("event: book", "data: a", "");

        assertThat(recorder.events).extracting(SseEvent::type).containsExactly("book");
    }

    @Test
    void typeIsResetAfterEachDispatch() {
        feed("event: book", "data: a", "", "data: b", "");

        assertThat(recorder.events).extracting(SseEvent::type).containsExactly("book", "message");
    }

    // --- id ----------------------------------------------------------------------------------------

    @Test
    void idSticksAcrossEvents() {
        feed("id: 1", "data: a", "", "data: b", "");

        assertThat(recorder.events).extracting(SseEvent::lastEventId).containsExactly("1", "1");
    }

    @Test
    void emptyIdResetsTheLastEventId() {
        feed("id: 1", "data: a", "", "id", "data: b", "");

        assertThat(recorder.events).extracting(SseEvent::lastEventId).containsExactly("1", "");
    }

    @Test
    void idContainingNulIsIgnored() {
        feed("id: 1", "data: a", "", "id: 2\0x", "data: b", "");

        assertThat(recorder.events).extracting(SseEvent::lastEventId).containsExactly("1", "1");
    }

    @Test
    void lastEventIdIsWhatAReconnectingClientSends() {
        feed("id: 7", "data: a", "");

        assertThat(parser.lastEventId()).isEqualTo("7");
    }

    @Test
    void lastEventIdIgnoresTheIdOfAnIncompleteEvent() {
        feed("id: 1", "data: a", "", "id: 2", "data: b");

        assertThat(parser.lastEventId()).as("event 2 never completed, so resume after 1").isEqualTo("1");
    }

    // --- retry -------------------------------------------------------------------------------------

    @Test
    void retryOfAsciiDigitsIsReported() {
        feed("retry: 3000");

        assertThat(recorder.retries).containsExactly(3000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"retry: 30s", "retry: -1", "retry: +1", "retry: 1.5", "retry:  1", "retry: ", "retry"})
    void retryThatIsNotOnlyDigitsIsIgnored(String line) {
        feed(line);

        assertThat(recorder.retries).isEmpty();
    }

    @Test
    void retryOfEighteenDigitsIsReported() {
        feed("retry: 999999999999999999");

        assertThat(recorder.retries).containsExactly(999_999_999_999_999_999L);
    }

    @Test
    void retryTooLongForALongIsIgnored() {
        feed("retry: 9999999999999999999");

        assertThat(recorder.retries).isEmpty();
    }

    // --- dispatch ----------------------------------------------------------------------------------

    @Test
    void blankLineWithoutDataDispatchesNothing() {
        feed("id: 1", "event: book", "");

        assertThat(recorder.events).isEmpty();
    }

    @Test
    void blankLineWithoutDataResetsTheType() {
        feed("event: book", "", "data: a", "");

        assertThat(recorder.events).extracting(SseEvent::type).containsExactly("message");
    }

    @Test
    void emptyDataLineDispatchesAnEventWithEmptyData() {
        feed("data: ", "");

        assertThat(recorder.events).containsExactly(new SseEvent("", "message", ""));
    }

    // --- byte order mark ---------------------------------------------------------------------------

    @Test
    void byteOrderMarkAtTheStartOfTheStreamIsStripped() {
        feed("\uFEFFdata: a", "");

        assertThat(recorder.events).containsExactly(new SseEvent("", "message", "a"));
    }

    @Test
    void byteOrderMarkOnALaterLineIsPartOfTheFieldName() {
        feed("data: a", "\uFEFFdata: b", "");

        assertThat(recorder.events).containsExactly(new SseEvent("", "message", "a"));
    }

    // --- round trip with the encoder ---------------------------------------------------------------

    static Stream<Arguments> publishedAndSeenData() {
        return Stream.of(
                Arguments.of("x", "x"),
                Arguments.of("", ""),
                Arguments.of("a\nb", "a\nb"),
                Arguments.of("a\r\nb", "a\nb"),
                Arguments.of("a\rb", "a\nb"),
                Arguments.of("a\rb\nc\r\nd", "a\nb\nc\nd"),
                Arguments.of("a\r\r\nb", "a\n\nb"),
                Arguments.of("a\n\nb", "a\n\nb"),
                Arguments.of("trailing\r\n", "trailing\n"),
                Arguments.of("\n", "\n"),
                Arguments.of(" leading space", " leading space"),
                Arguments.of(":not a comment", ":not a comment"),
                Arguments.of("id: forged\n\ndata: forged", "id: forged\n\ndata: forged"),
                Arguments.of("é€😀", "é€😀"));
    }

    @ParameterizedTest
    @MethodSource("publishedAndSeenData")
    void clientSeesPublishedDataWithEveryLineBreakAsLf(String published, String seen) {
        feedEncoded(Update.of("t", published).withId("id-1"));

        assertThat(recorder.events).as("the published data arrives as one event")
                .containsExactly(new SseEvent("id-1", "message", seen));
    }

    @Test
    void clientSeesPublishedIdTypeAndRetry() {
        feedEncoded(new Update("id-1", List.of("t"), "x", false, "book", 2500L));

        assertThat(recorder.events).containsExactly(new SseEvent("id-1", "book", "x"));
        assertThat(recorder.retries).containsExactly(2500L);
    }

    // --- Fixtures ----------------------------------------------------------------------------------

    private void feed(String... lines) {
        for (String line : lines) {
            parser.line(line);
        }
    }

    /** Encodes, decodes and splits the bytes into lines the way a client does (CR, LF or CRLF). */
    private void feedEncoded(Update update) {
        String wire = new String(SseEncoder.encode(new StoredUpdate(new Position(1), update)), UTF_8);
        try (BufferedReader reader = new BufferedReader(new StringReader(wire))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                parser.line(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
