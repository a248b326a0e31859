package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.TemplateRegistry;
import dev.herald.core.TopicSelector.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's index of URI templates by their literal parts: it tries only candidate templates,
 * and never loses a match that a scan of every template would find.
 */
class TemplateIndexTest {

    private static final String[] LITERALS = {"https://e.com/", "https://e.org/", "a", "b", "/", "/x/", ".json", "-", "?v=1"};
    private static final String[] EXPRESSIONS = {"{id}", "{+p}", "{/s*}", "{.e}", "{?q}", "{&r}", "{#f}", "{a:2}", "{;m}", "{x,y}"};
    private static final String[] TOPIC_PIECES = {"https://e.com/", "https://e.org/", "a", "b", "/", "x", "1", ".", "json",
        "-", "?q=1", "&r=2", "#f", ";m", "%20", ",", "=", "?v=1"};

    private final TemplateRegistry registry = new TemplateRegistry();
    private final TemplateIndex<String> index = new TemplateIndex<>();

    @Test
    void indexLookupsFindExactlyWhatAFullScanFinds() {
        Random random = new Random(13);
        Map<Template, String> held = holdRandomTemplates(random, 400);

        for (String topic : randomTopics(random, held.keySet(), 3_000)) {
            assertThat(IndexScan.indexMatches(index, topic))
                    .as("the index finds every template a full scan matches for %s, and no other", topic)
                    .isEqualTo(IndexScan.scanMatches(held.keySet(), topic));
        }
    }

    @Test
    void indexLookupsStayExactAfterTemplatesAreRemoved() {
        Random random = new Random(42);
        Map<Template, String> held = holdRandomTemplates(random, 300);
        List<Template> removed = new ArrayList<>();
        held.forEach((template, holder) -> {
            if (random.nextBoolean()) {
                index.remove(template, holder);
                removed.add(template);
            }
        });
        removed.forEach(held::remove);

        assertThat(index.size()).isEqualTo(held.size());
        for (String topic : randomTopics(random, held.keySet(), 2_000)) {
            assertThat(IndexScan.indexMatches(index, topic))
                    .as("after removals the index still agrees with a full scan for %s", topic)
                    .isEqualTo(IndexScan.scanMatches(held.keySet(), topic));
        }
    }

    @Test
    void aTopicIsTriedOnlyAgainstTemplatesWhoseLiteralEndsFitIt() {
        for (int i = 0; i < 64; i++) {
            index.add(template("https://example.com/users/" + i + "/{id}"), "u" + i);
        }
        Template books = template("https://example.com/books/{id}");
        Template json = template("{+base}.json");
        Template bare = template("{a}/{b}");
        index.add(books, "books");
        index.add(json, "json");
        index.add(bare, "bare");

        assertThat(index.candidates("https://example.com/books/7"))
                .as("of 67 templates only the one with the topic's prefix and the one with no literal ends are tried")
                .containsExactlyInAnyOrder(books, bare);
        assertThat(index.candidates("https://example.com/feed.json")).containsExactlyInAnyOrder(json, bare);
    }

    @Test
    void everyHolderOfAMatchingTemplateIsCalledAndTheLastRemovalForgetsIt() {
        Template books = template("https://example.com/books/{id}");
        index.add(books, "first");
        index.add(books, "second");
        index.add(books, "second");

        assertThat(IndexScan.holdersFor(index, "https://example.com/books/1")).containsExactly("first", "second");

        index.remove(books, "first");
        assertThat(IndexScan.holdersFor(index, "https://example.com/books/1")).containsExactly("second");
        index.remove(books, "second");
        assertThat(index.size()).as("a template nobody holds leaves the index").isZero();
        assertThat(index.candidates("https://example.com/books/1")).isEmpty();
    }

    @Test
    void prefixesLongerThanTheKeyAreStillMatchedExactly() {
        String longPrefix = "https://example.com/" + "p".repeat(TemplateIndex.MAX_KEY_LENGTH) + "/";
        Template deep = template(longPrefix + "{id}");
        Template sibling = template(longPrefix.replace("pp/", "pq/") + "{id}");
        index.add(deep, "deep");
        index.add(sibling, "sibling");

        assertThat(IndexScan.holdersFor(index, longPrefix + "1")).as("two templates share a key; only the matching one answers")
                .containsExactly("deep");
    }

    private Map<Template, String> holdRandomTemplates(Random random, int count) {
        Map<Template, String> held = new LinkedHashMap<>();
        while (held.size() < count) {
            StringBuilder text = new StringBuilder();
            int parts = 1 + random.nextInt(4);
            boolean hasExpression = false;
            for (int i = 0; i < parts || !hasExpression; i++) {
                if (random.nextInt(3) == 0 || (i == parts - 1 && !hasExpression)) {
                    text.append(EXPRESSIONS[random.nextInt(EXPRESSIONS.length)]);
                    hasExpression = true;
                } else {
                    text.append(LITERALS[random.nextInt(LITERALS.length)]);
                }
            }
            registry.acquire(text.toString()).ifPresent(template -> {
                if (!held.containsKey(template)) {
                    String holder = "holder-" + held.size();
                    held.put(template, holder);
                    index.add(template, holder);
                }
            });
        }
        return held;
    }

    /** Random topics, plus each template's own text (which a template matches by equality). */
    private static List<String> randomTopics(Random random, Set<Template> templates, int count) {
        List<String> topics = new ArrayList<>();
        templates.forEach(template -> topics.add(template.text()));
        for (int i = 0; i < count; i++) {
            StringBuilder topic = new StringBuilder();
            int pieces = random.nextInt(7);
            for (int p = 0; p < pieces; p++) {
                topic.append(TOPIC_PIECES[random.nextInt(TOPIC_PIECES.length)]);
            }
            topics.add(topic.toString());
        }
        return topics;
    }

    private Template template(String text) {
        return registry.acquire(text).orElseThrow();
    }
}
