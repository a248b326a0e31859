package dev.herald.redis;

import dev.herald.core.IdempotencyOptions;
import dev.herald.core.IdempotentAppendContract;
import dev.herald.core.Transport;

/**
 * The shared {@link dev.herald.core.IdempotentAppend} contract on a real Redis Cluster: the append
 * script's idempotency keys share the hash slot of the hub's other keys (no CROSSSLOT).
 */
class ClusterIdempotentAppendTest extends IdempotentAppendContract {

    private final String prefix = TestRedis.newPrefix();

    @Override
    protected Transport newTransport(IdempotencyOptions options) {
        return RedisTransport.connect(TestRedis.options(TestRedisCluster.uri(), prefix).withIdempotency(options));
    }
}
