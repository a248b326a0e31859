package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mercure topic selectors: {@code *} matches everything, a URI template the topics it expands to
 * ({@link TemplateMatchingTest}), anything else only the equal topic.
 */
class TopicSelectorTest {

    private static final String BOOK = "https://example.com/books/1";

    @ParameterizedTest
    @ValueSource(strings = {BOOK, "urn:isbn:0451450523", "*", "/.well-known/mercure/subscriptions/a/b", " "})
    void wildcardMatchesEveryTopic(String topic) {
        assertThat(TopicSelector.parse("*").matches(topic)).isTrue();
    }

    @Test
    void starParsesToTheWildcard() {
        assertThat(TopicSelector.parse("*")).isSameAs(TopicSelector.Any.INSTANCE);
    }

    @Test
    void textWithoutBracesParsesToAnExactSelector() {
        assertThat(TopicSelector.parse(BOOK)).isEqualTo(new TopicSelector.Exact(BOOK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/books/{id}", "{var}", "/a{/path*}{?q*}", "{#x}"})
    void textWithAValidTemplateExpressionParsesToATemplate(String text) {
        assertThat(TopicSelector.parse(text)).isInstanceOf(TopicSelector.Template.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/{id", "https://example.com/}", "{}", "{=x}", "{x:0}", "a b{x}"})
    void textThatIsNotAValidTemplateParsesToAnExactSelector(String text) {
        assertThat(TopicSelector.parse(text))
                .as("an invalid template must keep matching by equality only")
                .isEqualTo(new TopicSelector.Exact(text));
    }

    @Test
    void exactSelectorMatchesTheEqualTopic() {
        assertThat(TopicSelector.parse(BOOK).matches(BOOK)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://example.com/books/10",
        "https://example.com/books/1/",
        "https://example.com/books/",
        "HTTPS://EXAMPLE.COM/BOOKS/1",
        " https://example.com/books/1",
        "",
    })
    void exactSelectorMatchesNoOtherTopic(String topic) {
        assertThat(TopicSelector.parse(BOOK).matches(topic))
                .as("a selector that is not '*' matches only the topic equal to it")
                .isFalse();
    }

    @Test
    void starInsideASelectorIsNotAWildcard() {
        TopicSelector selector = TopicSelector.parse("https://example.com/books/*");

        assertThat(selector.matches(BOOK)).isFalse();
        assertThat(selector.matches("https://example.com/books/*")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {BOOK, "*", "https://example.com/books/{id}", "https://example.com/{id"})
    void textIsTheSelectorAsWritten(String text) {
        assertThat(TopicSelector.parse(text).text()).isEqualTo(text);
    }

    @Test
    void missingSelectorIsRejectedByName() {
        assertThatNullPointerException().isThrownBy(() -> TopicSelector.parse(null)).withMessage("selector");
    }
}
