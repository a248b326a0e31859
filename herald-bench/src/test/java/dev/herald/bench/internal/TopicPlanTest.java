package dev.herald.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TopicPlanTest {

    @Test
    void eachSubscriberNamesDistinctTopics() {
        for (int subscriber = 0; subscriber < 500; subscriber++) {
            int[] topics = TopicPlan.topicsOf(subscriber, 100, 3);

            assertThat(topics).hasSize(3).doesNotHaveDuplicates();
            assertThat(Arrays.stream(topics).allMatch(topic -> topic >= 0 && topic < 100)).isTrue();
        }
    }

    @Test
    void topicsGetEqualShares() {
        long[] counts = TopicPlan.subscribersPerTopic(1000, 100, 3);

        assertThat(counts).as("1000 subscribers x 3 topics over 100 topics").containsOnly(30L);
    }

    @Test
    void oneTopicMeansEverySubscriberOnIt() {
        assertThat(TopicPlan.topicsOf(42, 1, 1)).containsExactly(0);
    }
}
