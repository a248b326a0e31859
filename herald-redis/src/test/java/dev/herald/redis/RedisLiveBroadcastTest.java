package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.LiveBroadcast;
import dev.herald.core.LiveBroadcastContract;
import dev.herald.core.Transport;
import dev.herald.core.Update;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared {@link LiveBroadcast} contract on the test Redis (pub/sub), under a fresh key prefix per test. */
class RedisLiveBroadcastTest extends LiveBroadcastContract {

    private final String prefix = TestRedis.newPrefix();

    @Override
    protected Transport newTransport() {
        return RedisTransport.connect(TestRedis.options(prefix).withHistorySize(10));
    }

    @AfterEach
    void deleteKeys() {
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void aBroadcastReachesEveryNodeOfTheHub() {
        try (RedisTransport other = RedisTransport.connect(TestRedis.options(prefix))) {
            List<Update> onOther = new CopyOnWriteArrayList<>();
            other.start(updates -> { });
            other.startLive(onOther::add);
            Update update = liveUpdate("urn:uuid:live-1", "x");

            join(started().broadcast(update));

            await().atMost(Duration.ofSeconds(10)).until(() -> onOther.size() == 1);
            assertThat(onOther).as("the other node receives the live update as broadcast").containsExactly(update);
        }
    }

    @Test
    void aBroadcastNeverReachesAnotherHub() {
        String otherPrefix = TestRedis.newPrefix();
        try (RedisTransport otherHub = RedisTransport.connect(TestRedis.options(otherPrefix))) {
            List<Update> onOtherHub = new CopyOnWriteArrayList<>();
            otherHub.start(updates -> { });
            otherHub.startLive(onOtherHub::add);
            LiveBroadcast broadcast = started();

            join(broadcast.broadcast(liveUpdate("urn:uuid:live-1", "x")));
            join(otherHub.broadcast(liveUpdate("urn:uuid:marker", "x")));

            await().atMost(Duration.ofSeconds(10)).until(() -> onOtherHub.size() == 1);
            assertThat(onOtherHub).extracting(Update::id).as("a hub with another prefix hears only its own")
                    .containsExactly("urn:uuid:marker");
        } finally {
            TestRedis.deleteKeys(otherPrefix);
        }
    }

    @Test
    void broadcastUpdatesLeaveNothingInRedis() {
        LiveBroadcast broadcast = started();
        for (int i = 0; i < 100; i++) {
            join(broadcast.broadcast(liveUpdate("urn:uuid:live-" + i, "x")));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> live.size() == 100);
        try (Keyspace keyspace = new Keyspace(TestRedis.uri(), prefix)) {
            assertThat(keyspace.streamLength()).as("live-only updates never enter the stream").isZero();
            assertThat(keyspace.redis().exists(keyspace.keys().live())).as("pub/sub keeps no key of its own")
                    .isZero();
        }
    }
}
