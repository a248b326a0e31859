package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An update is valid by construction: what the SSE encoder could not write faithfully never gets in. */
class UpdateTest {

    private static final String TOPIC = "https://example.com/books/1";

    /** CR, LF and NUL, alone and at every place in the value: each would let a publisher forge fields. */
    static Stream<Named<String>> lineBreaksAndNul() {
        return Stream.of(
                Named.of("CR alone", "\r"),
                Named.of("LF alone", "\n"),
                Named.of("NUL alone", "\0"),
                Named.of("CRLF alone", "\r\n"),
                Named.of("CR inside", "a\rb"),
                Named.of("LF inside", "a\nb"),
                Named.of("NUL inside", "a\0b"),
                Named.of("CR at the end", "a\r"),
                Named.of("LF at the end", "a\n"),
                Named.of("NUL at the end", "a\0"),
                Named.of("CR at the start", "\ra"),
                Named.of("LF at the start", "\na"),
                Named.of("NUL at the start", "\0a"));
    }

    // --- id ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("lineBreaksAndNul")
    void idWithCrLfOrNulIsRejected(String id) {
        assertThatThrownBy(() -> new Update(id, List.of(TOPIC), "x", false, null, null))
                .isInstanceOf(InvalidUpdateException.class)
                .hasMessage("id must not contain CR, LF or NUL");
    }

    @ParameterizedTest
    @MethodSource("lineBreaksAndNul")
    void withIdRejectsCrLfOrNul(String id) {
        Update update = Update.of(TOPIC, "x");

        assertThatThrownBy(() -> update.withId(id)).isInstanceOf(InvalidUpdateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "#fragment"})
    void idStartingWithHashIsRejected(String id) {
        assertThatThrownBy(() -> new Update(id, List.of(TOPIC), "x", false, null, null))
                .isInstanceOf(InvalidUpdateException.class)
                .hasMessage("id must not start with '#'");
    }

    @Test
    void theReservedIdEarliestIsRejected() {
        assertThatThrownBy(() -> Update.of(TOPIC, "x").withId("earliest"))
                .isInstanceOf(InvalidUpdateException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void idWithHashElsewhereIsAccepted() {
        assertThat(Update.of(TOPIC, "x").withId("urn:x#1").id()).isEqualTo("urn:x#1");
    }

    @Test
    void emptyIdIsRejected() {
        assertThatThrownBy(() -> Update.of(TOPIC, "x").withId(""))
                .isInstanceOf(InvalidUpdateException.class)
                .hasMessage("id must not be empty");
    }

    // --- type --------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("lineBreaksAndNul")
    void typeWithCrLfOrNulIsRejected(String type) {
        assertThatThrownBy(() -> new Update(null, List.of(TOPIC), "x", false, type, null))
                .isInstanceOf(InvalidUpdateException.class)
                .hasMessage("type must not contain CR, LF or NUL");
    }

    // --- topics ------------------------------------------------------------------------------------

    @Test
    void updateWithoutTopicIsRejected() {
        assertThatThrownBy(() -> new Update(null, List.of(), "x", false, null, null))
                .isInstanceOf(InvalidUpdateException.class)
                .hasMessage("an update needs at least one topic");
    }

    @Test
    void emptyTopicIsRejected() {
        assertThatThrownBy(() -> new Update(null, List.of(TOPIC, ""), "x", false, null, null))
                .isInstanceOf(InvalidUpdateException.class)
                .hasMessage("a topic must not be empty");
    }

    /** One of each kind of character a topic refuses, at the start, inside and at the end. */
    static Stream<Named<String>> controlAndFormatCharacters() {
        return Stream.of(
                Named.of("LF inside", "a\nb"),
                Named.of("CR at the end", "a\r"),
                Named.of("NUL at the start", "\0a"),
                Named.of("TAB (the rest of C0)", "a\tb"),
                Named.of("ESC (terminal escapes)", "a\u001b[31mb"),
                Named.of("DEL", "a\u007fb"),
                Named.of("NEL (C1)", "a\u0085b"),
                Named.of("zero-width space U+200B", "a\u200bb"),
                Named.of("right-to-left mark U+200F", "a\u200fb"),
                Named.of("right-to-left override U+202E", "a\u202eb"),
                Named.of("first strong isolate U+2068", "a\u2068b"),
                Named.of("byte-order mark U+FEFF", "\ufeffa"),
                Named.of("line separator U+2028", "a\u2028b"),
                Named.of("tag character U+E0041 (outside the BMP)", "a\udb40\udc41b"));
    }

    @ParameterizedTest
    @MethodSource("controlAndFormatCharacters")
    void topicWithAControlOrFormatCharacterIsRejected(String topic) {
        assertThatThrownBy(() -> new Update(null, List.of(TOPIC, topic), "x", false, null, null))
                .isInstanceOf(InvalidUpdateException.class)
                .hasMessageStartingWith("topic must not contain control or format characters (U+");
    }

    @Test
    void everyPrintableAsciiCharacterIsAllowedInATopic() {
        StringBuilder printable = new StringBuilder();
        for (char c = ' '; c < 0x7F; c++) {
            printable.append(c);
        }

        assertThat(Update.of(printable.toString(), "x").topic()).isEqualTo(printable.toString());
    }

    @Test
    void theRefusalNamesTheCharacterByCodePointAndIndexWithoutEchoingIt() {
        assertThatThrownBy(() -> Update.of("ab\r\nc", "x"))
                .hasMessage("topic must not contain control or format characters (U+000D at index 2)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/a b", "urn:主题:新闻", "https://example.com/\uD83D\uDCDA", "caf\u00e9", "{x}&?=#;"})
    void topicWithSpacesLettersOfAnyScriptAndPunctuationIsAccepted(String topic) {
        assertThat(Update.of(topic, "x").topic()).isEqualTo(topic);
    }

    @Test
    void firstTopicIsTheCanonicalOne() {
        Update update = new Update(null, List.of(TOPIC, "https://example.com/alt"), "x", false, null, null);

        assertThat(update.topic()).isEqualTo(TOPIC);
    }

    @Test
    void laterChangesToTheGivenTopicListDoNotReachTheUpdate() {
        List<String> topics = new ArrayList<>(List.of(TOPIC));
        Update update = new Update(null, topics, "x", false, null, null);

        topics.add("https://example.com/sneaked-in");

        assertThat(update.topics()).containsExactly(TOPIC);
    }

    @Test
    void topicsCannotBeModifiedThroughTheUpdate() {
        Update update = Update.of(TOPIC, "x");

        assertThatThrownBy(() -> update.topics().add("https://example.com/sneaked-in"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // --- retry and data ----------------------------------------------------------------------------

    @Test
    void negativeRetryIsRejected() {
        assertThatThrownBy(() -> new Update(null, List.of(TOPIC), "x", false, null, -1L))
                .isInstanceOf(InvalidUpdateException.class)
                .hasMessage("retry must not be negative");
    }

    @Test
    void zeroRetryIsAccepted() {
        assertThat(new Update(null, List.of(TOPIC), "x", false, null, 0L).retry()).isZero();
    }

    @Test
    void retryHasAtMostEighteenDigitsAsClientsReadIt() {
        assertThat(new Update(null, List.of(TOPIC), "x", false, null, Update.MAX_RETRY_MILLIS).retry())
                .isEqualTo(999_999_999_999_999_999L);
        assertThatThrownBy(() -> new Update(null, List.of(TOPIC), "x", false, null, Update.MAX_RETRY_MILLIS + 1))
                .isInstanceOf(InvalidUpdateException.class)
                .hasMessage("retry must be at most 999999999999999999 ms (18 digits)");
    }

    @Test
    void dataMayContainLineBreaksAndNul() {
        assertThat(Update.of(TOPIC, "a\r\nb\0").data()).isEqualTo("a\r\nb\0");
    }

    @Test
    void missingDataIsRejectedByName() {
        assertThatNullPointerException().isThrownBy(() -> Update.of(TOPIC, null)).withMessage("data");
    }

    // --- withId ------------------------------------------------------------------------------------

    @Test
    void withIdReturnsACopyWithTheId() {
        Update original = new Update(null, List.of(TOPIC, "https://example.com/alt"), "x", true, "T", 10L);

        Update copy = original.withId("id-1");

        assertThat(copy).isEqualTo(new Update("id-1", List.of(TOPIC, "https://example.com/alt"), "x", true, "T", 10L));
    }

    @Test
    void withIdLeavesTheOriginalUntouched() {
        Update original = Update.of(TOPIC, "x");

        original.withId("id-1");

        assertThat(original.id()).as("the original still has no id").isNull();
    }
}
