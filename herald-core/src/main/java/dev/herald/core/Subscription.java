package dev.herald.core;

import java.util.List;
import java.util.Objects;

/**
 * What one subscriber asked for and may see.
 *
 * @param selectors the topics requested; an update is wanted when one selector matches one of its topics
 * @param privateSelectors the topics whose private updates this subscriber is authorized to receive
 *     (from its token); empty for an anonymous subscriber, who receives public updates only
 */
public record Subscription(List<TopicSelector> selectors, List<TopicSelector> privateSelectors) {

    public Subscription {
        selectors = List.copyOf(Objects.requireNonNull(selectors, "selectors"));
        privateSelectors = List.copyOf(Objects.requireNonNull(privateSelectors, "privateSelectors"));
        if (selectors.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one topic selector");
        }
    }

    /** An anonymous subscription to the given selectors. */
    public static Subscription anonymous(List<TopicSelector> selectors) {
        return new Subscription(selectors, List.of());
    }

    /** True when this subscriber should receive the update. */
    public boolean accepts(Update update) {
        if (!anyMatch(selectors, update)) {
            return false;
        }
        return !update.privateUpdate() || anyMatch(privateSelectors, update);
    }

    private static boolean anyMatch(List<TopicSelector> candidates, Update update) {
        for (TopicSelector selector : candidates) {
            for (String topic : update.topics()) {
                if (selector.matches(topic)) {
                    return true;
                }
            }
        }
        return false;
    }
}
