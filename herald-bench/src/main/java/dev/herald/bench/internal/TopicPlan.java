package dev.herald.bench.internal;

/**
 * Which topics subscriber {@code i} names, the same in every process: {@code k} distinct topics spread
 * evenly, {@code (i + j * (topics / k)) mod topics} for {@code j < k}. Every topic then has about
 * {@code subscribers * k / topics} subscribers.
 */
public final class TopicPlan {

    private TopicPlan() {
    }

    public static int[] topicsOf(int subscriber, int topics, int perSubscriber) {
        int k = Math.min(perSubscriber, topics);
        int stride = topics / k;
        int[] chosen = new int[k];
        for (int j = 0; j < k; j++) {
            chosen[j] = (subscriber + j * stride) % topics;
        }
        return chosen;
    }

    /** How many of {@code subscribers} subscribers name each topic. */
    public static long[] subscribersPerTopic(int subscribers, int topics, int perSubscriber) {
        long[] counts = new long[topics];
        for (int i = 0; i < subscribers; i++) {
            for (int topic : topicsOf(i, topics, perSubscriber)) {
                counts[topic]++;
            }
        }
        return counts;
    }
}
