package dev.herald.server.stream;

import java.util.Comparator;
import java.util.Objects;

/** A topic and how many of something it has (subscribers, updates): a row of the dashboard's top lists. */
public record TopicCount(String topic, long count) {

    /** Most first; equal counts by topic, so a list is stable from one second to the next. */
    public static final Comparator<TopicCount> MOST_FIRST =
            Comparator.comparingLong(TopicCount::count).reversed().thenComparing(TopicCount::topic);

    public TopicCount {
        Objects.requireNonNull(topic, "topic");
    }
}
