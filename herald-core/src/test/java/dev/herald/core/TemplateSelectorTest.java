package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.TopicSelector.Template;
import dev.herald.core.internal.TemplateMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Template selectors on the hot path: compiled once and shared, answers cached within a bound, and
 * neither a hostile template nor a huge topic can stall the thread that matches.
 */
class TemplateSelectorTest {

    private static final String BOOKS = "https://example.com/books/{id}";

    // --- interning ---------------------------------------------------------------------------------

    @Test
    void parsingTheSameTemplateTwiceGivesTheSameInstance() {
        assertThat(TopicSelector.parse(BOOKS))
                .as("one compiled pattern and one answer cache per template text")
                .isSameAs(TopicSelector.parse(BOOKS));
    }

    @Test
    void templatesWithTheSameTextAreEqual() {
        Template first = template(BOOKS);
        Template evictedTwin = template(BOOKS);

        assertThat(first).isEqualTo(evictedTwin).hasSameHashCodeAs(evictedTwin);
        assertThat(first).isNotEqualTo(TopicSelector.parse("https://example.com/books/{isbn}"));
        assertThat(first).hasToString("Template[text=" + BOOKS + "]");
    }

    @Test
    void internedTemplatesNeverExceedTheBound() {
        for (int i = 0; i < Template.MAX_INTERNED + 100; i++) {
            TopicSelector.parse("https://example.com/flood/" + i + "/{id}");
            assertThat(Template.internedCount()).isLessThanOrEqualTo(Template.MAX_INTERNED);
        }

        assertThat(TopicSelector.parse("https://example.com/flood/0/{id}").matches("https://example.com/flood/0/7"))
                .as("a template evicted from the cache still parses and matches")
                .isTrue();
    }

    // --- answer cache ------------------------------------------------------------------------------

    @Test
    void repeatedMatchesGiveTheSameAnswers() {
        Template books = template("https://example.com/repeat/{id}");

        for (int round = 0; round < 3; round++) {
            assertThat(books.matches("https://example.com/repeat/1")).isTrue();
            assertThat(books.matches("https://example.com/repeat/1/reviews")).isFalse();
        }
        assertThat(books.cachedTopicCount()).isEqualTo(2);
    }

    @Test
    void cachedAnswersNeverExceedTheBoundAndStayCorrect() {
        Template books = template("https://example.com/bounded/{id}");
        int topics = TemplateMatcher.MAX_CACHED_TOPICS * 3;

        for (int i = 0; i < topics; i++) {
            assertThat(books.matches("https://example.com/bounded/" + i)).isTrue();
            assertThat(books.matches("https://example.com/bounded/" + i + "/x")).isFalse();
            assertThat(books.cachedTopicCount()).isLessThanOrEqualTo(TemplateMatcher.MAX_CACHED_TOPICS);
        }
        for (int i = 0; i < topics; i++) {
            assertThat(books.matches("https://example.com/bounded/" + i))
                    .as("an answer dropped from the cache is computed again, identically")
                    .isTrue();
        }
    }

    @Test
    void concurrentMatchingGivesCorrectAnswersWithinTheBound() throws Exception {
        Template books = template("https://example.com/concurrent/{id}");
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    boolean allCorrect = true;
                    for (int i = 0; i < 2_000; i++) {
                        String topic = "https://example.com/concurrent/" + (i % 700);
                        allCorrect &= books.matches(topic) && !books.matches(topic + "/x");
                    }
                    return allCorrect;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).as("every thread saw correct answers").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(books.cachedTopicCount())
                .as("concurrent writers may overshoot by one entry each, never more")
                .isLessThanOrEqualTo(TemplateMatcher.MAX_CACHED_TOPICS + threads);
    }

    // --- hostile templates and huge topics ---------------------------------------------------------

    @Test
    void templateThatWouldBacktrackForeverFailsClosed() {
        // Eight adjacent values can split 10,000 characters in ~10^27 ways before finding the '!';
        // without the read budget this match would not end.
        TopicSelector hostile = TopicSelector.parse("{a}{b}{c}{d}{e}{f}{g}{h}");

        assertThat(hostile.matches("a".repeat(10_000) + "!")).isFalse();
        assertThat(hostile.matches("a".repeat(10_000))).as("the success path needs no backtracking").isTrue();
    }

    @Test
    void longTopicsMatchWithoutExhaustingTheRegexStack() {
        assertThat(TopicSelector.parse("https://example.com{/path*}").matches("https://example.com" + "/seg".repeat(20_000)))
                .isTrue();
        assertThat(TopicSelector.parse("https://example.com/{id}").matches("https://example.com/" + "%20".repeat(50_000)))
                .isTrue();
        assertThat(TopicSelector.parse("https://example.com/{+rest}").matches("https://example.com/" + "a/b?c#".repeat(20_000)))
                .isTrue();
    }

    private static Template template(String text) {
        return (Template) TopicSelector.parse(text);
    }
}
