package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.TemplateRegistry;
import dev.herald.core.TopicSelector;
import dev.herald.core.TopicSelector.UrlPatternSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * URL patterns in the dispatcher's index ({@link TemplateIndex}): keyed by fixed hostname and pathname
 * start, so a publish tries only the patterns that may match its topic's URL, and never loses a match
 * that a scan of every pattern would find, whatever the topic's spelling (case, relative, dot segments).
 */
class UrlPatternIndexTest {

    private static final String HUB = "https://example.com/.well-known/mercure";
    private static final String OTHER_HUB = "https://e.org/.well-known/mercure";

    private static final String[] PROTOCOLS = {"https://", "http://", "*://", ""};
    private static final String[] HOSTS = {"example.com", "EXAMPLE.com", "e.org", "*.example.com", ":sub.e.org", "x.example.com"};
    private static final String[] PATHS = {"/", "/books/", "/books/:id", "/books/:id(\\\\d+)", "/a/*", "/:x/b", "/*", "/books/*/reviews",
        "/.well-known/mercure/subscriptions/*", ""};
    private static final String[] TOPIC_ORIGINS = {"https://example.com", "HTTPS://EXAMPLE.COM", "http://example.com", "https://e.org",
        "https://x.example.com", "https://sub.e.org", "https://example.com:8443", ""};
    private static final String[] TOPIC_PATHS = {"/", "/books/1", "/books/12/reviews", "/books/one", "/a/b/c", "/q/b", "/shelf/../books/2",
        "/.well-known/mercure/subscriptions/exact/a/b", "/books", "?x=1", "#top"};

    private final TemplateRegistry registry = new TemplateRegistry();
    private final TemplateIndex<String> index = new TemplateIndex<>();

    @Test
    void indexLookupsFindExactlyWhatAFullScanFinds() {
        Random random = new Random(7);
        Map<TopicSelector, String> held = holdRandomPatterns(random, 150);
        int matchedTopics = 0;

        for (String topic : topics(random, 600)) {
            Set<TopicSelector> scanned = IndexScan.scanMatches(held.keySet(), topic);
            assertThat(IndexScan.indexMatches(index, topic))
                    .as("the index finds every URL pattern a full scan matches for %s, and no other", topic)
                    .isEqualTo(scanned);
            matchedTopics += scanned.isEmpty() ? 0 : 1;
        }
        assertThat(matchedTopics).as("most random topics match some pattern, so the comparison means something")
                .isGreaterThan(300);
    }

    @Test
    void indexLookupsStayExactAfterPatternsAreRemoved() {
        Random random = new Random(11);
        Map<TopicSelector, String> held = holdRandomPatterns(random, 100);
        List<TopicSelector> removed = new ArrayList<>();
        held.forEach((pattern, holder) -> {
            if (random.nextBoolean()) {
                index.remove(pattern, holder);
                removed.add(pattern);
            }
        });
        removed.forEach(held::remove);

        assertThat(index.size()).isEqualTo(held.size());
        for (String topic : topics(random, 400)) {
            assertThat(IndexScan.indexMatches(index, topic))
                    .as("after removals the index still agrees with a full scan for %s", topic)
                    .isEqualTo(IndexScan.scanMatches(held.keySet(), topic));
        }
    }

    @Test
    void aTopicIsTriedOnlyAgainstPatternsOfItsHostAndPathStart() {
        for (int i = 0; i < 300; i++) {
            index.add(pattern("https://example.com/users/" + i + "/:id", HUB), "u" + i);
        }
        UrlPatternSelector books = pattern("https://example.com/books/:id", HUB);
        UrlPatternSelector anyHost = pattern("https://*.example.com/books/:id", HUB);
        index.add(books, "books");
        index.add(anyHost, "any host");

        assertThat(index.candidates("https://example.com/books/7"))
                .as("of 302 patterns only the one keyed by the topic's host and path and the one without a fixed "
                        + "host are tried")
                .containsExactlyInAnyOrder(books, anyHost);
        assertThat(index.candidates("HTTPS://EXAMPLE.COM/books/7"))
                .as("the topic's key is read from its parsed URL").containsExactlyInAnyOrder(books, anyHost);
        assertThat(index.candidates("/books/7"))
                .as("a relative topic resolves against the hub's URL").containsExactlyInAnyOrder(books, anyHost);
    }

    @Test
    void thePatternsLastHolderTakesItOutOfTheIndex() {
        UrlPatternSelector books = pattern("https://example.com/books/:id", HUB);
        index.add(books, "first");
        index.add(books, "second");
        index.remove(books, "first");

        assertThat(IndexScan.holdersFor(index, "https://example.com/books/1")).containsExactly("second");
        index.remove(books, "second");
        assertThat(index.size()).isZero();
        assertThat(index.candidates("https://example.com/books/1")).isEmpty();
    }

    private Map<TopicSelector, String> holdRandomPatterns(Random random, int count) {
        Map<TopicSelector, String> held = new LinkedHashMap<>();
        while (held.size() < count) {
            String protocol = PROTOCOLS[random.nextInt(PROTOCOLS.length)];
            String text = protocol.isEmpty()
                    ? PATHS[random.nextInt(PATHS.length - 1)] // relative: a pathname
                    : protocol + HOSTS[random.nextInt(HOSTS.length)] + PATHS[random.nextInt(PATHS.length)];
            String base = random.nextInt(5) == 0 ? OTHER_HUB : HUB;
            UrlPatternSelector pattern = registry.acquireUrlPattern(text, base);
            if (!held.containsKey(pattern)) {
                String holder = "holder-" + held.size();
                held.put(pattern, holder);
                index.add(pattern, holder);
            }
        }
        return held;
    }

    private static List<String> topics(Random random, int count) {
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            topics.add(TOPIC_ORIGINS[random.nextInt(TOPIC_ORIGINS.length)] + TOPIC_PATHS[random.nextInt(TOPIC_PATHS.length)]);
        }
        topics.add("urn:isbn:1");
        topics.add("not a url at all");
        return topics;
    }

    private UrlPatternSelector pattern(String text, String base) {
        return registry.acquireUrlPattern(text, base);
    }
}
