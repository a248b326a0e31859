package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.TopicSelector.Template;
import org.junit.jupiter.api.Test;

/** Templates shared by text among their holders, compiled once and forgotten with the last holder. */
class TemplateRegistryTest {

    private static final String BOOKS = "https://example.com/books/{id}";

    private final TemplateRegistry registry = new TemplateRegistry();

    @Test
    void holdersOfOneTextShareOneCompiledTemplate() {
        Template first = registry.acquire(BOOKS).orElseThrow();
        Template second = registry.acquire(BOOKS).orElseThrow();

        assertThat(second).as("one compiled matcher per distinct text").isSameAs(first);
        assertThat(registry.size()).isEqualTo(1);
        assertThat(registry.holders(BOOKS)).isEqualTo(2);
    }

    @Test
    void aTemplateIsKeptUntilItsLastHolderReleasesIt() {
        Template first = registry.acquire(BOOKS).orElseThrow();
        registry.acquire(BOOKS);

        registry.release(first);
        assertThat(registry.size()).as("one holder is left").isEqualTo(1);
        registry.release(first);

        assertThat(registry.size()).as("nobody holds the text any more").isZero();
        assertThat(registry.holders(BOOKS)).isZero();
    }

    @Test
    void aTextThatIsNotATemplateIsNotHeld() {
        assertThat(registry.acquire("https://example.com/{bad")).isEmpty();
        assertThat(registry.acquire("https://example.com/plain")).isEmpty();
        assertThat(registry.size()).isZero();
    }

    @Test
    void sharedTemplatesMatchLikeParsedOnes() {
        Template shared = registry.acquire(BOOKS).orElseThrow();

        assertThat(shared.matches("https://example.com/books/1")).isTrue();
        assertThat(shared.matches("https://example.com/books/1/reviews")).isFalse();
        assertThat(shared.matches(BOOKS)).as("a template matches its own text").isTrue();
        assertThat(shared).isEqualTo(TopicSelector.parse(BOOKS));
    }

    @Test
    void releasingWhatIsNotHeldChangesNothing() {
        Template held = registry.acquire(BOOKS).orElseThrow();

        registry.release((Template) TopicSelector.parse("https://example.com/other/{id}"));

        assertThat(registry.holders(BOOKS)).isEqualTo(1);
        assertThat(held.prefix()).isEqualTo("https://example.com/books/");
        assertThat(held.suffix()).isEmpty();
    }
}
