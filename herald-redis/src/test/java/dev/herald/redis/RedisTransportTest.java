package dev.herald.redis;

import dev.herald.core.Transport;
import dev.herald.core.TransportContract;
import org.junit.jupiter.api.AfterEach;

/** The shared {@link Transport} contract, run against the test Redis under a fresh key prefix per test. */
class RedisTransportTest extends TransportContract {

    private final String prefix = TestRedis.newPrefix();

    @Override
    protected Transport newTransport(int historyCapacity) {
        return RedisTransport.connect(TestRedis.options(prefix).withHistorySize(historyCapacity));
    }

    @AfterEach
    void deleteKeys() {
        TestRedis.deleteKeys(prefix);
    }
}
