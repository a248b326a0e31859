package dev.herald.server.stream;

import dev.herald.core.TopicSelector;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** How many topic selectors of open streams are of each kind: for the subscriptions metric. */
public final class SelectorCounts {

    /** The kinds, as metrics label them. */
    public enum Kind { EXACT, TEMPLATE, URL_PATTERN, WILDCARD }

    private final Map<Kind, LongAdder> counts = new EnumMap<>(Kind.class);

    SelectorCounts() {
        for (Kind kind : Kind.values()) {
            counts.put(kind, new LongAdder());
        }
    }

    void add(TopicSelector selector, int delta) {
        counts.get(kindOf(selector)).add(delta);
    }

    public long count(Kind kind) {
        return counts.get(kind).sum();
    }

    private static Kind kindOf(TopicSelector selector) {
        if (selector instanceof TopicSelector.Exact) {
            return Kind.EXACT;
        }
        if (selector instanceof TopicSelector.UrlPatternSelector) {
            return Kind.URL_PATTERN;
        }
        return selector instanceof TopicSelector.Any ? Kind.WILDCARD : Kind.TEMPLATE;
    }
}
