package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.TopicSelector.UrlPatternSelector;
import dev.herald.core.urlpattern.InvalidUrlPatternException;
import org.junit.jupiter.api.Test;

/**
 * Draft-08's {@code urlpattern} matcher as a topic selector ({@link TopicSelector#urlPattern}), and URL
 * patterns shared among their holders by a {@link TemplateRegistry}. Matching itself is covered in
 * {@code dev.herald.core.urlpattern}.
 */
class UrlPatternSelectorTest {

    private static final String HUB = "https://example.com/.well-known/mercure";
    private static final String BOOKS = "https://example.com/books/:id";

    private final TemplateRegistry registry = new TemplateRegistry();

    @Test
    void starIsTheWildcardWhateverTheMatcherType() {
        assertThat(TopicSelector.urlPattern("*", HUB)).isSameAs(TopicSelector.Any.INSTANCE);
    }

    @Test
    void patternSelectsTheTopicsItMatches() {
        TopicSelector selector = TopicSelector.urlPattern(BOOKS, HUB);

        assertThat(selector.matches("https://example.com/books/1")).isTrue();
        assertThat(selector.matches("https://example.com/books/1/reviews")).isFalse();
        assertThat(selector.matches("/books/2")).as("a relative topic resolves against the hub's URL").isTrue();
        assertThat(selector.text()).isEqualTo(BOOKS);
    }

    @Test
    void invalidPatternThrowsWithTheReason() {
        assertThatThrownBy(() -> TopicSelector.urlPattern("https://example.com/:id/:id", HUB))
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessage("invalid URL pattern: the group name 'id' is used twice");
    }

    @Test
    void patternIsNeverEqualToAnExactSelectorOfTheSameText() {
        assertThat(TopicSelector.urlPattern(BOOKS, HUB)).isEqualTo(TopicSelector.urlPattern(BOOKS, HUB))
                .isNotEqualTo(new TopicSelector.Exact(BOOKS))
                .isNotEqualTo(TopicSelector.urlPattern(BOOKS, "https://other.example/.well-known/mercure"));
    }

    @Test
    void answersAreRememberedWithinABound() {
        UrlPatternSelector selector = (UrlPatternSelector) TopicSelector.urlPattern(BOOKS, HUB);

        for (int i = 0; i < 1_000; i++) {
            selector.matches("https://example.com/books/" + i);
        }

        assertThat(selector.cachedTopicCount()).as("at most 64 answers are kept per pattern").isLessThanOrEqualTo(64);
        assertThat(selector.matches("https://example.com/books/999")).isTrue();
    }

    @Test
    void holdersOfOnePatternShareOneCompiledPattern() {
        UrlPatternSelector first = registry.acquireUrlPattern(BOOKS, HUB);
        UrlPatternSelector second = registry.acquireUrlPattern(BOOKS, HUB);

        assertThat(second).as("one compiled pattern per distinct text and base").isSameAs(first);
        assertThat(registry.urlPatternCount()).isEqualTo(1);
    }

    @Test
    void aPatternIsKeptUntilItsLastHolderReleasesIt() {
        UrlPatternSelector first = registry.acquireUrlPattern(BOOKS, HUB);
        registry.acquireUrlPattern(BOOKS, HUB);

        registry.release(first);
        assertThat(registry.urlPatternCount()).as("one holder is left").isEqualTo(1);
        registry.release(first);

        assertThat(registry.urlPatternCount()).as("nobody holds the pattern any more").isZero();
    }

    @Test
    void anInvalidPatternIsNotHeld() {
        assertThatThrownBy(() -> registry.acquireUrlPattern("https://example.com/:x((?=a))", HUB))
                .isInstanceOf(InvalidUrlPatternException.class);

        assertThat(registry.urlPatternCount()).isZero();
    }

    @Test
    void theSameTextAgainstAnotherBaseIsAnotherPattern() {
        UrlPatternSelector here = registry.acquireUrlPattern("/books/:id", HUB);
        UrlPatternSelector there = registry.acquireUrlPattern("/books/:id", "https://other.example/.well-known/mercure");

        assertThat(here.matches("https://example.com/books/1")).isTrue();
        assertThat(there.matches("https://example.com/books/1")).isFalse();
        assertThat(registry.urlPatternCount()).isEqualTo(2);
    }
}
