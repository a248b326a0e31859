package dev.herald.server.stream;

import dev.herald.core.TopicSelector;
import dev.herald.core.TopicSelector.Template;
import dev.herald.core.TopicSelector.UrlPatternSelector;
import dev.herald.core.urlpattern.TopicKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The URI-template selectors of one event loop's subscribers, indexed by their literal parts, so that an
 * update's topic is matched only against candidate templates instead of every template held.
 *
 * <p>A template whose text starts with a literal ({@code https://example.com/books/{id}}) is found
 * through the topic's prefixes: one hash lookup per distinct indexed prefix length, at most
 * {@link #MAX_KEY_LENGTH}. One that starts with an expression but ends with a literal
 * ({@code {+base}.json}) is found through the topic's suffixes the same way. Only the rest, templates
 * with no literal at either end, is tried for every topic. The index never loses a match: a template's
 * expansions all start with its prefix and end with its suffix (and its own text does too). Each
 * candidate then decides with {@link Template#matches}: its literal-parts check, its shared answer cache,
 * its regex under a read budget.
 *
 * <p>URL patterns (draft-08's {@code match_urlpattern}) match a topic's parsed URL, not its text: an
 * {@code HTTPS://EXAMPLE.COM/books/1} or a relative {@code /books/1} can match
 * {@code https://example.com/books/:id}. They are keyed by {@link UrlPatternSelector#indexKey} (the fixed
 * hostname, a space and the fixed start of the pathname: {@code example.com /books/}), one side per base
 * URL (in practice one: the hub's), and a topic looks up the prefixes of its own key, parsed once per
 * base ({@link TopicKeys}). A pattern whose hostname is not fixed text ({@code https://*.example.com/*})
 * joins the templates with no literal end, tried for every topic; the admission caps that bound
 * templates (per stream, per address, per node) bound those too.
 *
 * <p>Memory: one entry per distinct template on this loop (~100 B with its map node and bucket slot;
 * a set of ~40 B per holder once it has two) and one list slot per template in its bucket. Not thread-safe: confined to the loop's thread.
 *
 * @param <S> the holders (subscribers)
 */
final class TemplateIndex<S> {

    /**
     * Characters of a prefix or suffix used as its key. Longer literals are keyed by their first (last)
     * 64 characters and the candidate's own check does the rest; this bounds the lookups per topic to
     * 64 per side (a bit of one {@code long} per length) while keeping real prefixes (scheme, host and
     * path, typically 20-60 characters) selective.
     */
    static final int MAX_KEY_LENGTH = 64;

    /**
     * One template and the holders that named it. A template with one holder (each distinct text of a
     * flood) keeps it in a field: a set costs ~250 B more (LinkedHashMap, table, entry).
     */
    private static final class Entry<S> {
        final TopicSelector selector;
        private S single;
        private Set<S> many;

        Entry(TopicSelector selector) {
            this.selector = selector;
        }

        void add(S holder) {
            if (many != null) {
                many.add(holder);
            } else if (single == null || single.equals(holder)) {
                single = holder;
            } else {
                many = new LinkedHashSet<>();
                many.add(single);
                many.add(holder);
                single = null;
            }
        }

        /** Removes the holder; true when none is left. */
        boolean remove(S holder) {
            if (many != null) {
                many.remove(holder);
                return many.isEmpty();
            }
            if (holder.equals(single)) {
                single = null;
            }
            return single == null;
        }

        void forEachHolder(Consumer<? super S> action) {
            if (many != null) {
                many.forEach(action);
            } else if (single != null) {
                action.accept(single);
            }
        }
    }

    /** Templates keyed by the literal at one end, and which key lengths exist (bit n-1: length n). */
    private static final class Side<S> {
        final boolean suffix;
        final Map<String, List<Entry<S>>> byKey = new HashMap<>();
        final int[] keysOfLength = new int[MAX_KEY_LENGTH + 1];
        long lengths;

        Side(boolean suffix) {
            this.suffix = suffix;
        }

        String key(String literal) {
            int length = Math.min(literal.length(), MAX_KEY_LENGTH);
            return suffix ? literal.substring(literal.length() - length) : literal.substring(0, length);
        }

        void add(String key, Entry<S> entry) {
            List<Entry<S>> bucket = byKey.computeIfAbsent(key, k -> new ArrayList<>(1));
            if (bucket.isEmpty() && keysOfLength[key.length()]++ == 0) {
                lengths |= 1L << (key.length() - 1);
            }
            bucket.add(entry);
        }

        void remove(String key, Entry<S> entry) {
            List<Entry<S>> bucket = byKey.get(key);
            if (bucket == null || !bucket.remove(entry) || !bucket.isEmpty()) {
                return;
            }
            byKey.remove(key);
            if (--keysOfLength[key.length()] == 0) {
                lengths &= ~(1L << (key.length() - 1));
            }
        }

        void candidates(String topic, Consumer<Entry<S>> action) {
            long remaining = lengths;
            while (remaining != 0) {
                int length = Long.numberOfTrailingZeros(remaining) + 1;
                remaining &= remaining - 1;
                if (length > topic.length()) {
                    return; // lengths come in increasing order
                }
                String key = suffix ? topic.substring(topic.length() - length) : topic.substring(0, length);
                List<Entry<S>> bucket = byKey.get(key);
                if (bucket != null) {
                    bucket.forEach(action);
                }
            }
        }
    }

    /** URL patterns keyed by their index key, and how to read a topic's key, for one base URL. */
    private static final class PatternSide<S> {
        final TopicKeys keys;
        final Side<S> side = new Side<>(false);
        int entries;

        PatternSide(String baseUrl) {
            this.keys = TopicKeys.against(baseUrl);
        }
    }

    private final Map<TopicSelector, Entry<S>> entries = new HashMap<>();
    private final Side<S> byPrefix = new Side<>(false);
    private final Side<S> bySuffix = new Side<>(true);
    /** URL patterns by base URL. */
    private final Map<String, PatternSide<S>> byPatternKey = new HashMap<>();
    /**
     * Templates with no literal at either end ({@code {a}/{b}}) and URL patterns without a fixed
     * hostname: candidates for every topic.
     */
    private final List<Entry<S>> unanchored = new ArrayList<>();

    /**
     * The holder now holds the selector (again: no effect).
     *
     * @throws IllegalArgumentException for a selector that is neither a template nor a URL pattern
     */
    void add(TopicSelector selector, S holder) {
        Entry<S> entry = entries.get(selector);
        if (entry == null) {
            entry = new Entry<>(selector);
            entries.put(selector, entry);
            place(entry);
        }
        entry.add(holder);
    }

    /** The holder no longer holds the selector; the last holder's removal takes it out of the index. */
    void remove(TopicSelector selector, S holder) {
        Entry<S> entry = entries.get(selector);
        if (entry == null || !entry.remove(holder)) {
            return;
        }
        entries.remove(selector);
        displace(entry);
    }

    private void place(Entry<S> entry) {
        if (entry.selector instanceof Template template) {
            if (!template.prefix().isEmpty()) {
                byPrefix.add(byPrefix.key(template.prefix()), entry);
            } else if (!template.suffix().isEmpty()) {
                bySuffix.add(bySuffix.key(template.suffix()), entry);
            } else {
                unanchored.add(entry);
            }
        } else if (entry.selector instanceof UrlPatternSelector pattern) {
            String key = pattern.indexKey();
            if (key == null) {
                unanchored.add(entry);
                return;
            }
            PatternSide<S> patterns = byPatternKey.computeIfAbsent(pattern.baseUrl(), PatternSide::new);
            patterns.side.add(patterns.side.key(key), entry);
            patterns.entries++;
        } else {
            entries.remove(entry.selector);
            throw new IllegalArgumentException("only templates and URL patterns are indexed: " + entry.selector);
        }
    }

    private void displace(Entry<S> entry) {
        if (entry.selector instanceof Template template) {
            if (!template.prefix().isEmpty()) {
                byPrefix.remove(byPrefix.key(template.prefix()), entry);
            } else if (!template.suffix().isEmpty()) {
                bySuffix.remove(bySuffix.key(template.suffix()), entry);
            } else {
                unanchored.remove(entry);
            }
            return;
        }
        UrlPatternSelector pattern = (UrlPatternSelector) entry.selector;
        String key = pattern.indexKey();
        if (key == null) {
            unanchored.remove(entry);
            return;
        }
        PatternSide<S> patterns = byPatternKey.get(pattern.baseUrl());
        patterns.side.remove(patterns.side.key(key), entry);
        if (--patterns.entries == 0) {
            byPatternKey.remove(pattern.baseUrl());
        }
    }

    /** The URL patterns whose key is a prefix of the topic's, for each base URL held. */
    private void patternCandidates(String topic, Consumer<Entry<S>> action) {
        for (PatternSide<S> patterns : byPatternKey.values()) {
            String key = patterns.keys.keyOf(topic);
            if (key != null) {
                patterns.side.candidates(key, action);
            }
        }
    }

    /** Distinct templates and URL patterns indexed. */
    int size() {
        return entries.size();
    }

    /**
     * Calls {@code action} with each holder of each selector that matches the topic, once per matching
     * selector (a holder of two matching selectors is called twice; the subscriber drops the repeat).
     */
    void forEachMatch(String topic, Consumer<? super S> action) {
        Consumer<Entry<S>> tryEntry = entry -> {
            if (entry.selector.matches(topic)) {
                entry.forEachHolder(action);
            }
        };
        forEachCandidate(topic, tryEntry);
    }

    /** The selectors tried for the topic (for tests of the index's selectivity). */
    List<TopicSelector> candidates(String topic) {
        List<TopicSelector> tried = new ArrayList<>();
        forEachCandidate(topic, entry -> tried.add(entry.selector));
        return tried;
    }

    private void forEachCandidate(String topic, Consumer<Entry<S>> action) {
        byPrefix.candidates(topic, action);
        bySuffix.candidates(topic, action);
        patternCandidates(topic, action);
        unanchored.forEach(action);
    }
}
