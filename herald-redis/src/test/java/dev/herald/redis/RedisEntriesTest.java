package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.LastEventId;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a stream entry holds: every field as published, a generated id, an exact position. */
class RedisEntriesTest {

    private static final int URN_PREFIX_LENGTH = "urn:uuid:".length();

    private final String prefix = TestRedis.newPrefix();
    private final Keyspace keyspace = new Keyspace(TestRedis.uri(), prefix);
    private Node node;

    @AfterEach
    void cleanUp() {
        if (node != null) {
            node.close();
        }
        keyspace.deleteAll();
        keyspace.close();
    }

    @Test
    void everyFieldReadsBackAsPublished() {
        node = Node.start(TestRedis.options(prefix));
        Update published = new Update(null, List.of(Node.TOPIC, "urn:alt:1:2", "4:fake", "spaces and é 😀"),
                "multi\r\nline é 😀 \0 data", true, "book.updated", 2_500L);

        StoredUpdate stored = node.append(published);

        assertThat(stored.update()).isEqualTo(published.withId(stored.id()));
        assertThat(node.delivered.awaitCount(1)).as("delivered live as published").containsExactly(stored);
        assertThat(node.readAfter(LastEventId.earliest()).updates()).as("replayed as published")
                .containsExactly(stored);
    }

    @Test
    void generatedIdIsAUuidV7UrnCarryingRedisTime() {
        node = Node.start(TestRedis.options(prefix));
        long before = System.currentTimeMillis();

        String id = node.append("x").id();

        long after = System.currentTimeMillis();
        assertThat(id).startsWith("urn:uuid:");
        UUID uuid = UUID.fromString(id.substring(URN_PREFIX_LENGTH));
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).as("the RFC 9562 variant").isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).as("milliseconds of Redis's clock at the append")
                .isBetween(before, after);
    }

    @Test
    void generatedIdsNeverGoBackEvenWhenRedisClockDoes() {
        node = Node.start(TestRedis.options(prefix));
        String first = node.append("first").id();
        long anHourAhead = System.currentTimeMillis() + 3_600_000;
        keyspace.redis().hset(keyspace.keys().sequence(), "millis", Long.toString(anHourAhead));

        String second = node.append("second").id();
        String third = node.append("third").id();

        assertThat(List.of(first, second, third)).as("ids keep the newest time given out").isSorted();
        assertThat(UUID.fromString(third.substring(URN_PREFIX_LENGTH)).getMostSignificantBits() >>> 16)
                .isEqualTo(anHourAhead);
    }

    @Test
    void positionsBeyondTenToTheFifteenStayExact() {
        long start = 1_000_000_000_000_000L;
        keyspace.setSequence(start);
        node = Node.start(TestRedis.options(prefix));

        List<StoredUpdate> acked = node.appendMany(3, "update");

        assertThat(acked).extracting(StoredUpdate::position)
                .containsExactly(new Position(start + 1), new Position(start + 2), new Position(start + 3));
        assertThat(acked).extracting(StoredUpdate::id).isSorted();
        assertThat(node.delivered.awaitCount(3)).isEqualTo(acked);
        assertThat(keyspace.redis().xrange(keyspace.keys().stream(), Range.create("-", "+")))
                .extracting(StreamMessage::getId)
                .containsExactly("0-1000000000000001", "0-1000000000000002", "0-1000000000000003");
    }

    @Test
    void anEntryThatIsNotAnUpdateIsSkipped() {
        node = Node.start(TestRedis.options(prefix));
        keyspace.setSequence(1);
        keyspace.redis().xadd(keyspace.keys().stream(), new XAddArgs().id("0-1"), Map.of("added", "by hand"));

        StoredUpdate after = node.append("after");

        assertThat(node.delivered.awaitCount(1)).as("delivery goes on past it").containsExactly(after);
        assertThat(node.readAfter(LastEventId.earliest()).updates()).as("history leaves it out")
                .containsExactly(after);
    }
}
