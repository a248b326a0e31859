package dev.herald.core.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a subscriber's pattern may cost, each bound with the honest case beside the hostile one: its
 * length, its groups, the size of its regular expressions, the features that would need backtracking,
 * and the topic length a match reads.
 */
class UrlPatternBoundsTest {

    private static final String HUB = "https://hub.example.com/.well-known/mercure";
    private static final String ORIGIN = "https://example.com/";

    @Test
    void patternOfTheMaximumLengthCompiles() {
        String pattern = ORIGIN + "a".repeat(UrlPattern.MAX_PATTERN_BYTES - ORIGIN.length());

        assertThat(UrlPattern.compile(pattern, HUB).matches(pattern))
                .as("a 4,096-byte pattern is accepted and matches its own URL").isTrue();
    }

    @Test
    void patternOneByteTooLongIsRefused() {
        String pattern = ORIGIN + "a".repeat(UrlPattern.MAX_PATTERN_BYTES - ORIGIN.length() + 1);

        assertThatThrownBy(() -> UrlPattern.compile(pattern, HUB))
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessage("URL pattern too long: 4097 bytes, at most 4096");
    }

    @Test
    void lengthCountsUtf8Bytes() {
        String pattern = ORIGIN + "\u00e9".repeat((UrlPattern.MAX_PATTERN_BYTES - ORIGIN.length()) / 2 + 1);

        assertThatThrownBy(() -> UrlPattern.compile(pattern, HUB))
                .as("é takes two bytes: half as many fit")
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessage("URL pattern too long: 4098 bytes, at most 4096");
    }

    /** Username, password, search and hash default to {@code *}: four groups before the pathname's. */
    @Test
    void patternWithTheMaximumOfGroupsCompiles() {
        UrlPattern pattern = UrlPattern.compile(ORIGIN + groups(UrlPattern.MAX_GROUPS - 4), HUB);

        assertThat(pattern.matches(ORIGIN + "x/".repeat(UrlPattern.MAX_GROUPS - 5) + "x"))
                .as("64 groups in all are accepted, and match one segment each").isTrue();
    }

    @Test
    void patternWithOneGroupTooManyIsRefused() {
        assertThatThrownBy(() -> UrlPattern.compile(ORIGIN + groups(UrlPattern.MAX_GROUPS - 3), HUB))
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessage("URL pattern too complex: 65 groups, at most 64");
    }

    @Test
    void oneComponentWithTooManyGroupsIsRefusedBeforeCompiling() {
        assertThatThrownBy(() -> UrlPattern.compile(ORIGIN + groups(200), HUB))
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessage("URL pattern too complex: more than 64 groups in one component");
    }

    @Test
    void countedRepetitionOfUsualSizeCompiles() {
        UrlPattern uuid = UrlPattern.compile(ORIGIN
                + "books/:id([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", HUB);

        assertThat(uuid.matches(ORIGIN + "books/0192d4e5-7c4b-7a8e-9f3e-2b1c0d9e8f7a"))
                .as("a UUID-shaped group is far under the program bound").isTrue();
    }

    @Test
    void nestedCountedRepetitionIsRefusedBeforeCompiling() {
        assertThatThrownBy(() -> UrlPattern.compile(ORIGIN + ":x((?:(?:a{100}){100}){100})", HUB))
                .as("a million unrolled instructions would cost memory and time on every match")
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessage("URL pattern too complex: its regular expressions would take more than 10000 "
                        + "instructions (counted repetitions multiply)");
    }

    @Test
    void lookAheadIsRefusedWithTheReason() {
        assertThatThrownBy(() -> UrlPattern.compile(ORIGIN + ":x((?=a)a)", HUB))
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessage("invalid URL pattern: the regular expression of \"/:x((?=a)a)\" is not valid for RE2 "
                        + "(invalid or unsupported Perl syntax); look-around and back-references are not supported, "
                        + "as matching must stay linear in time");
    }

    @Test
    void manyModestRepetitionsTogetherAreRefused() {
        String group = ":g%d((?:[a-z]{50}){40})"; // 2,000 instructions each, 6 of them: each fits, together they do not
        String pathname = IntStream.range(0, 6).mapToObj(i -> String.format(group, i)).collect(Collectors.joining("/"));

        assertThatThrownBy(() -> UrlPattern.compile(ORIGIN + pathname, HUB))
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessage("URL pattern too complex: its regular expressions would take more than 10000 "
                        + "instructions (counted repetitions multiply)");
    }

    @Test
    void repetitionCountBeyondRe2sOwnLimitIsRefused() {
        assertThatThrownBy(() -> UrlPattern.compile(ORIGIN + ":x(a{1001})", HUB))
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessage("invalid URL pattern: the regular expression of \"/:x(a{1001})\" is not valid for RE2 "
                        + "(invalid repeat count); look-around and back-references are not supported, as matching "
                        + "must stay linear in time");
    }

    @Test
    void topicOfTheMaximumLengthIsMatched() {
        UrlPattern anything = UrlPattern.compile(ORIGIN + "*", HUB);
        String topic = ORIGIN + "a".repeat(UrlPattern.MAX_INPUT_LENGTH - ORIGIN.length());

        assertThat(anything.matches(topic)).as("an 8,192-character topic is matched").isTrue();
    }

    @Test
    void topicOneCharacterTooLongNeverMatches() {
        UrlPattern anything = UrlPattern.compile(ORIGIN + "*", HUB);
        String topic = ORIGIN + "a".repeat(UrlPattern.MAX_INPUT_LENGTH - ORIGIN.length() + 1);

        assertThat(anything.matches(topic)).as("a topic past the input bound is not read at all").isFalse();
    }

    private static String groups(int count) {
        return IntStream.range(0, count).mapToObj(i -> ":g" + i).collect(Collectors.joining("/"));
    }
}
