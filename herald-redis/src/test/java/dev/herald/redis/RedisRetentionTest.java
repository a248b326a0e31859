package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.StoredUpdate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retention with a small history: the stream is trimmed approximately ({@code MAXLEN ~}, whole radix
 * tree nodes of up to 100 entries), the id index exactly, and reads apply the exact window.
 */
class RedisRetentionTest {

    private static final int HISTORY_SIZE = 10;
    private static final int MAX_READER_LAG = 20;
    /** Several radix tree nodes' worth, so that approximate trimming has whole nodes to drop. */
    private static final int APPENDS = 500;

    private final String prefix = TestRedis.newPrefix();
    private final Keyspace keyspace = new Keyspace(TestRedis.uri(), prefix);
    private final Node node = Node.start(TestRedis.options(prefix).withHistorySize(HISTORY_SIZE)
            .withMaxReaderLag(MAX_READER_LAG));

    @AfterEach
    void cleanUp() {
        node.close();
        keyspace.deleteAll();
        keyspace.close();
    }

    @Test
    void historyIsExactlyTheNewestHistorySizeUpdates() {
        List<StoredUpdate> acked = node.appendMany(APPENDS, "update");

        History history = node.readAfter(LastEventId.earliest());

        assertThat(history.updates()).isEqualTo(acked.subList(APPENDS - HISTORY_SIZE, APPENDS));
        assertThat(history.head()).isEqualTo(acked.get(APPENDS - 1).position());
    }

    @Test
    void anIdOlderThanTheWindowAnswersFromEarliest() {
        List<StoredUpdate> acked = node.appendMany(APPENDS, "update");

        History history = node.readAfter(new LastEventId(acked.get(APPENDS - HISTORY_SIZE - 1).id()));

        assertThat(history.fromEarliest()).as("the id just before the window is no longer retained").isTrue();
        assertThat(history.updates()).isEqualTo(acked.subList(APPENDS - HISTORY_SIZE, APPENDS));
    }

    @Test
    void theOldestIdInTheWindowIsStillResumable() {
        List<StoredUpdate> acked = node.appendMany(APPENDS, "update");

        History history = node.readAfter(new LastEventId(acked.get(APPENDS - HISTORY_SIZE).id()));

        assertThat(history.resumedFrom()).isEqualTo(acked.get(APPENDS - HISTORY_SIZE).id());
        assertThat(history.updates()).isEqualTo(acked.subList(APPENDS - HISTORY_SIZE + 1, APPENDS));
    }

    @Test
    void theStreamIsTrimmedToAboutTheHistoryAndTheReaderMargin() {
        node.appendMany(APPENDS, "update");
        long nodeSize = Long.parseLong(keyspace.redis().configGet("stream-node-max-entries")
                .get("stream-node-max-entries"));

        assertThat(keyspace.streamLength()).as("MAXLEN ~ keeps at least what was asked, and at most a node more")
                .isBetween((long) HISTORY_SIZE + MAX_READER_LAG, HISTORY_SIZE + MAX_READER_LAG + nodeSize);
    }

    @Test
    void theIdIndexHoldsExactlyTheWindow() {
        node.appendMany(APPENDS, "update");

        assertThat(keyspace.indexSize()).as("ids of positions before the window leave the index")
                .isEqualTo(HISTORY_SIZE);
    }

    @Test
    void aRepeatedIdResumesAfterItsEarliestRetainedOccurrenceAndItsIndexStaysBounded() {
        for (int i = 0; i < APPENDS; i++) {
            node.append(Node.update("update " + i).withId("same"));
        }
        List<StoredUpdate> retained = node.readAfter(LastEventId.earliest()).updates();

        History history = node.readAfter(new LastEventId("same"));

        assertThat(history.resumedFrom()).isEqualTo("same");
        assertThat(history.updates()).as("the replay starts after the oldest occurrence in the window")
                .isEqualTo(retained.subList(1, HISTORY_SIZE));
        assertThat(keyspace.indexSize()).isEqualTo(1);
        assertThat(keyspace.laterIdsSize()).as("later occurrences before the window are dropped")
                .isEqualTo(HISTORY_SIZE - 1);
    }

    @Test
    void aHistoryLongerThanOneBatchIsReadInChunks() {
        String chunkedPrefix = TestRedis.newPrefix();
        try (Node chunked = Node.start(TestRedis.options(chunkedPrefix).withHistorySize(50).withBatchSize(7))) {
            List<StoredUpdate> acked = chunked.appendMany(80, "update");

            assertThat(chunked.readAfter(LastEventId.earliest()).updates()).isEqualTo(acked.subList(30, 80));
            assertThat(chunked.readAfter(new LastEventId(acked.get(40).id())).updates())
                    .isEqualTo(acked.subList(41, 80));
        } finally {
            TestRedis.deleteKeys(chunkedPrefix);
        }
    }
}
