package dev.herald.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A crafted template that keeps spending its whole read budget is retired, so it cannot tax every publish. */
class TemplateMatcherRetirementTest {

    /** Eight adjacent values and a final segment of one character: every longer last segment backtracks. */
    private static final String CRAFTED = "{+a}{+b}{+c}{+d}{+e}{+f}{+g}/{h:1}";

    @Test
    void aTemplateThatExhaustsItsBudgetRepeatedlyIsRetired() {
        TemplateMatcher crafted = TemplateMatcher.compile(CRAFTED).orElseThrow();

        for (int i = 0; i < TemplateMatcher.MAX_EXHAUSTIONS; i++) {
            assertThat(crafted.matches("https://example.com/books/" + "1".repeat(20) + i)).isFalse();
        }

        assertThat(crafted.retired()).as("three exhausted budgets retire the template").isTrue();
        assertThat(crafted.matches("https://example.com/books/7")).as("a retired template no longer runs").isFalse();
    }

    @Test
    void aTemplateThatExhaustedItsBudgetOnceStillMatches() {
        TemplateMatcher crafted = TemplateMatcher.compile(CRAFTED).orElseThrow();

        assertThat(crafted.matches("https://example.com/books/" + "1".repeat(20))).isFalse();

        assertThat(crafted.retired()).isFalse();
        assertThat(crafted.matches("https://example.com/books/7")).as("one odd topic is forgiven").isTrue();
    }

    @Test
    void realTemplatesAreNeverRetiredByOrdinaryTopics() {
        TemplateMatcher books = TemplateMatcher.compile("https://example.com/{+path}/books{/id}{?page,sort}").orElseThrow();

        for (int i = 0; i < 1_000; i++) {
            books.matches("https://example.com/a/b/c/books/" + i + "?page=" + i + "&sort=asc");
            books.matches("https://example.com/a/b/c/books/" + i + "/reviews" + "x".repeat(i % 50));
        }

        assertThat(books.retired()).isFalse();
    }
}
