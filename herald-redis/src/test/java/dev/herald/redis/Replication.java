package dev.herald.redis;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.IntStream;

/** Waits for Redis's asynchronous replication, so that a test kills a master only in a quiet moment. */
final class Replication {

    private Replication() {
    }

    /**
     * Waits until the master has a replica and every replica has received everything the master has
     * written so far (its replication offset): killing the master then loses nothing acknowledged.
     */
    static void awaitReplicasOf(int masterPort, Duration atMost) {
        long written = Long.parseLong(RedisCli.field(RedisCli.call(masterPort, "INFO", "replication"),
                "master_repl_offset"));
        await("the replicas of " + masterPort + " reach offset " + written).atMost(atMost)
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    String info = RedisCli.call(masterPort, "INFO", "replication");
                    int replicas = Integer.parseInt(RedisCli.field(info, "connected_slaves"));
                    return replicas > 0 && IntStream.range(0, replicas)
                            .mapToObj(i -> RedisCli.field(info, "slave" + i))
                            .allMatch(replica -> offset(replica) >= written);
                });
    }

    /** {@code ip=127.0.0.1,port=7001,state=online,offset=1234,lag=0}: the offset. */
    private static long offset(String replica) {
        for (String part : replica.split(",")) {
            if (part.startsWith("offset=")) {
                return Long.parseLong(part.substring("offset=".length()));
            }
        }
        return -1;
    }
}
