package dev.herald.server.stream;

import dev.herald.core.TopicSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a {@link TemplateIndex} finds for a topic, and what a scan of every selector would: the index tests compare them. */
final class IndexScan {

    private IndexScan() {}

    /** The candidates the index offers for the topic that do match it. */
    static Set<TopicSelector> indexMatches(TemplateIndex<?> index, String topic) {
        Set<TopicSelector> matched = new HashSet<>();
        for (TopicSelector candidate : index.candidates(topic)) {
            if (candidate.matches(topic)) {
                matched.add(candidate);
            }
        }
        return matched;
    }

    /** Every selector that matches the topic. */
    static Set<TopicSelector> scanMatches(Collection<? extends TopicSelector> selectors, String topic) {
        Set<TopicSelector> matched = new HashSet<>();
        for (TopicSelector selector : selectors) {
            if (selector.matches(topic)) {
                matched.add(selector);
            }
        }
        return matched;
    }

    /** The holders the index calls for the topic, in call order. */
    static <S> List<S> holdersFor(TemplateIndex<S> index, String topic) {
        List<S> holders = new ArrayList<>();
        index.forEachMatch(topic, holders::add);
        return holders;
    }
}
