package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.RecordingListener;
import org.junit.jupiter.api.Test;

/** Connecting, starting and closing, with and without a Redis to talk to. */
class RedisConnectTest {

    @Test
    void connectingWhereNoRedisListensFailsWithAClearMessage() {
        String uri = "redis://127.0.0.1:" + RedisProcess.freePort();

        assertThatThrownBy(() -> RedisTransport.connect(TestRedis.options(uri, TestRedis.newPrefix())))
                .isInstanceOf(RedisTransportException.class)
                .hasMessageStartingWith("cannot connect to Redis at " + uri + ": ");
    }

    @Test
    void theConnectFailureDoesNotShowThePassword() {
        String uri = "redis://:very-secret@127.0.0.1:" + RedisProcess.freePort();

        assertThatThrownBy(() -> RedisTransport.connect(TestRedis.options(uri, TestRedis.newPrefix())))
                .isInstanceOf(RedisTransportException.class)
                .message().doesNotContain("very-secret");
    }

    @Test
    void appendBeforeStartFailsWithAClearMessage() {
        try (RedisTransport transport = RedisTransport.connect(TestRedis.options(TestRedis.newPrefix()))) {

            assertThat(transport.append(Node.update("early"))).failsWithin(RecordingListener.DEFAULT_WAIT)
                    .withThrowableThat().havingCause().isInstanceOf(RedisTransportException.class)
                    .withMessageEndingWith("(not started)");
        }
    }

    @Test
    void readAfterCloseFails() {
        RedisTransport transport = RedisTransport.connect(TestRedis.options(TestRedis.newPrefix()));
        transport.start(new RecordingListener());
        transport.close();

        assertThat(History.readAfter(transport, LastEventId.earliest())).failsWithin(RecordingListener.DEFAULT_WAIT)
                .withThrowableThat().havingCause().isInstanceOf(RedisTransportException.class)
                .withMessage("the Redis transport is closed");
    }

    @Test
    void deliversOnceStartedAndSaysWhyNotBeforeAndAfterClose() {
        RedisTransport transport = RedisTransport.connect(TestRedis.options(TestRedis.newPrefix()));
        assertThat(transport.deliveryHealth().problem()).as("before start: the reader has not found the stream's end")
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("the stream reader has not reached Redis"));

        transport.start(new RecordingListener());
        assertThat(transport.deliveryHealth().problem()).as("delivering once started").isEmpty();

        transport.close();
        assertThat(transport.deliveryHealth().problem()).as("after close").contains("the Redis transport is closed");
    }

    @Test
    void startingTwiceIsRefused() {
        try (RedisTransport transport = RedisTransport.connect(TestRedis.options(TestRedis.newPrefix()))) {
            transport.start(new RecordingListener());

            assertThatThrownBy(() -> transport.start(new RecordingListener()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closingFromTheListenerStopsDeliveryWithoutWaitingForItself() {
        String prefix = TestRedis.newPrefix();
        RedisTransport transport = RedisTransport.connect(TestRedis.options(prefix));
        RecordingListener delivered = new RecordingListener();
        transport.start(updates -> {
            delivered.onUpdates(updates);
            transport.close();
        });

        transport.append(Node.update("last"));

        assertThat(delivered.awaitCount(1)).hasSize(1);
        assertThat(transport.append(Node.update("too late"))).failsWithin(RecordingListener.DEFAULT_WAIT);
        TestRedis.deleteKeys(prefix);
    }
}
