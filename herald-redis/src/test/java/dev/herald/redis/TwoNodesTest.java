package dev.herald.redis;

import dev.herald.core.Acks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one hub (two transports on the same Redis and prefix): one order, one history. Runs on the
 * shared Redis; {@link ClusterTwoNodesTest} runs the same tests on a Redis Cluster.
 */
class TwoNodesTest {

    private static final int APPENDS_PER_NODE = 500;

    private final String prefix = TestRedis.newPrefix();
    private Node a;
    private Node b;

    /** The options of every node of the hub under test. */
    RedisOptions options(String keyPrefix) {
        return TestRedis.options(keyPrefix);
    }

    /** Removes what the test left in Redis. */
    void deleteKeys(String keyPrefix) {
        TestRedis.deleteKeys(keyPrefix);
    }

    @BeforeEach
    void startBothNodes() {
        a = Node.start(options(prefix));
        b = Node.start(options(prefix));
    }

    @AfterEach
    void closeBothNodes() {
        a.close();
        b.close();
        deleteKeys(prefix);
    }

    @Test
    void updateAppendedOnOneNodeIsDeliveredOnBothWithItsPosition() {
        StoredUpdate first = a.append("first");
        StoredUpdate second = a.append("second");

        assertThat(a.delivered.awaitCount(2)).as("the appending node delivers through its reader too")
                .containsExactly(first, second);
        assertThat(b.delivered.awaitCount(2)).as("the other node delivers the same updates, positions and ids")
                .containsExactly(first, second);
    }

    @Test
    void concurrentAppendsOnBothNodesAreDeliveredInOneOrderOnBoth() {
        List<CompletableFuture<StoredUpdate>> pending = new ArrayList<>();
        for (int i = 0; i < APPENDS_PER_NODE; i++) {
            pending.add(a.transport.append(Node.update("a " + i)));
            pending.add(b.transport.append(Node.update("b " + i)));
        }
        List<StoredUpdate> acked = pending.stream().map(Acks::result).toList();

        List<StoredUpdate> onA = a.delivered.awaitCount(acked.size());
        List<StoredUpdate> onB = b.delivered.awaitCount(acked.size());

        assertThat(onA).as("node A delivers every update of both nodes once")
                .containsExactlyInAnyOrderElementsOf(acked);
        assertThat(onA.stream().map(StoredUpdate::position).toList()).as("in position order").isSorted();
        assertThat(onB).as("node B delivers exactly what A delivers, in the same order").isEqualTo(onA);
    }

    @Test
    void generatedIdsIncreaseInPositionOrderAcrossNodes() {
        List<StoredUpdate> acked = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            acked.add((i % 2 == 0 ? a : b).append("update " + i));
        }

        assertThat(acked.stream().map(StoredUpdate::id).toList())
                .as("ids generated alternately on two nodes sort in position order")
                .isSorted().doesNotHaveDuplicates();
    }

    @Test
    void resumeOnOneNodeFindsAnIdAppendedOnTheOther() {
        List<StoredUpdate> acked = a.appendMany(5, "on a");

        History history = b.readAfter(new LastEventId(acked.get(1).id()));

        assertThat(history.resumedFrom()).isEqualTo(acked.get(1).id());
        assertThat(history.updates()).isEqualTo(acked.subList(2, 5));
        assertThat(history.head()).isEqualTo(acked.get(4).position());
    }

    @Test
    void updatesAppendedBeforeANodeStartedAreHistoryNotLive() {
        List<StoredUpdate> before = a.appendMany(3, "before");

        try (Node late = Node.start(options(prefix))) {
            StoredUpdate after = a.append("after");

            assertThat(late.delivered.awaitCount(1)).as("only what was appended after start is live")
                    .containsExactly(after);
            assertThat(late.readAfter(LastEventId.earliest()).updates()).as("the rest is history")
                    .containsSubsequence(before).endsWith(after);
        }
    }

    @Test
    void positionsOfBothNodesFollowEachOtherWithoutGaps() {
        StoredUpdate onA = a.append("on a");
        StoredUpdate onB = b.append("on b");

        assertThat(onB.position()).as("one counter for the hub, not one per node")
                .isEqualTo(onA.position().next());
        assertThat(onA.position()).isEqualTo(new Position(1));
    }
}
