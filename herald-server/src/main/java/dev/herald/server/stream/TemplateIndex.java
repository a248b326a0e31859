package dev.herald.server.stream;

import dev.herald.core.TopicSelector.Template;
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
        final Template template;
        private S single;
        private Set<S> many;

        Entry(Template template) {
            this.template = template;
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

    private final Map<Template, Entry<S>> entries = new HashMap<>();
    private final Side<S> byPrefix = new Side<>(false);
    private final Side<S> bySuffix = new Side<>(true);
    /** Templates with no literal at either end ({@code {a}/{b}}): candidates for every topic. */
    private final List<Entry<S>> unanchored = new ArrayList<>();

    /** The holder now holds the template (again: no effect). */
    void add(Template template, S holder) {
        Entry<S> entry = entries.get(template);
        if (entry == null) {
            entry = new Entry<>(template);
            entries.put(template, entry);
            if (!template.prefix().isEmpty()) {
                byPrefix.add(byPrefix.key(template.prefix()), entry);
            } else if (!template.suffix().isEmpty()) {
                bySuffix.add(bySuffix.key(template.suffix()), entry);
            } else {
                unanchored.add(entry);
            }
        }
        entry.add(holder);
    }

    /** The holder no longer holds the template; the last holder's removal takes it out of the index. */
    void remove(Template template, S holder) {
        Entry<S> entry = entries.get(template);
        if (entry == null || !entry.remove(holder)) {
            return;
        }
        entries.remove(template);
        if (!template.prefix().isEmpty()) {
            byPrefix.remove(byPrefix.key(template.prefix()), entry);
        } else if (!template.suffix().isEmpty()) {
            bySuffix.remove(bySuffix.key(template.suffix()), entry);
        } else {
            unanchored.remove(entry);
        }
    }

    /** Distinct templates indexed. */
    int size() {
        return entries.size();
    }

    /**
     * Calls {@code action} with each holder of each template that matches the topic, once per matching
     * template (a holder of two matching templates is called twice; the subscriber drops the repeat).
     */
    void forEachMatch(String topic, Consumer<? super S> action) {
        Consumer<Entry<S>> tryEntry = entry -> {
            if (entry.template.matches(topic)) {
                entry.forEachHolder(action);
            }
        };
        byPrefix.candidates(topic, tryEntry);
        bySuffix.candidates(topic, tryEntry);
        unanchored.forEach(tryEntry);
    }

    /** The templates tried for the topic (for tests of the index's selectivity). */
    List<Template> candidates(String topic) {
        List<Template> tried = new ArrayList<>();
        Consumer<Entry<S>> collect = entry -> tried.add(entry.template);
        byPrefix.candidates(topic, collect);
        bySuffix.candidates(topic, collect);
        unanchored.forEach(collect);
        return tried;
    }
}
