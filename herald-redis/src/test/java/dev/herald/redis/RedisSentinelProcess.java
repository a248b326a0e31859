package dev.herald.redis;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A master watched by one Sentinel ({@code redis-server <conf> --sentinel}), optionally with a replica
 * the Sentinel promotes when the master is gone for a second ({@code down-after-milliseconds 1000},
 * quorum 1). Nothing is kept on disk but the Sentinel's configuration file, which it rewrites, in a
 * temporary directory. {@link #close} kills every process and removes the directory.
 */
public final class RedisSentinelProcess implements AutoCloseable {

    public static final String MASTER_NAME = "mymaster";
    /** The Sentinel learns the master's replicas from INFO at once, then every 10 s. */
    private static final Duration SETTLING = Duration.ofSeconds(20);

    private final Path directory;
    private final RedisProcess master;
    private final RedisProcess replica;
    private final int sentinelPort;
    private Process sentinel;

    private RedisSentinelProcess(Path directory, RedisProcess master, RedisProcess replica, int sentinelPort) {
        this.directory = directory;
        this.master = master;
        this.replica = replica;
        this.sentinelPort = sentinelPort;
    }

    /** Starts the master, the replica if asked for, and the Sentinel, and waits until it watches them. */
    public static RedisSentinelProcess start(boolean withReplica) {
        RedisProcess master = RedisProcess.start();
        RedisProcess replica = null;
        RedisSentinelProcess started = null;
        try {
            replica = withReplica ? RedisProcess.startReplicaOf(master) : null;
            started = new RedisSentinelProcess(Files.createTempDirectory("herald-redis-sentinel"), master, replica,
                    RedisProcess.freePort());
            started.startSentinel();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for the Sentinel", e);
        } finally {
            if (started == null) {
                master.close();
                if (replica != null) {
                    replica.close();
                }
            }
        }
    }

    /** The URI Herald takes: the Sentinel and the name of the master it watches. */
    public String uri() {
        return "redis-sentinel://127.0.0.1:" + sentinelPort + "#" + MASTER_NAME;
    }

    public RedisProcess master() {
        return master;
    }

    /** Waits until the replica has everything the master wrote: killing the master loses nothing then. */
    public void awaitReplicaCaughtUp() {
        Replication.awaitReplicasOf(master.port(), SETTLING);
    }

    /** The port of the server the Sentinel names as master now. */
    public int currentMasterPort() {
        String answer = RedisCli.call(sentinelPort, "SENTINEL", "get-master-addr-by-name", MASTER_NAME);
        String[] lines = answer.trim().split("\n");
        return Integer.parseInt(lines[lines.length - 1].trim());
    }

    @Override
    public void close() {
        if (sentinel != null) {
            sentinel.destroyForcibly();
            try {
                sentinel.waitFor(RedisCli.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        master.close();
        if (replica != null) {
            replica.close();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no reason to fail a test
        }
    }

    private void startSentinel() throws IOException {
        Path configuration = directory.resolve("sentinel.conf");
        Files.writeString(configuration, String.join("\n",
                "port " + sentinelPort,
                "bind 127.0.0.1",
                "dir " + directory,
                "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 1",
                "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                "sentinel failover-timeout " + MASTER_NAME + " 5000",
                ""));
        sentinel = new ProcessBuilder(List.of(RedisProcess.BINARY, configuration.toString(), "--sentinel"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
                .start();
        await("the Sentinel answers").atMost(RedisCli.TIMEOUT).until(() -> RedisProcess.answersPing(sentinelPort));
        await("the Sentinel watches the master and its replicas").atMost(SETTLING)
                .pollInterval(Duration.ofMillis(100)).until(this::watching);
    }

    private boolean watching() {
        if (currentMasterPort() != master.port()) {
            return false;
        }
        String replicas = RedisCli.call(sentinelPort, "SENTINEL", "replicas", MASTER_NAME);
        return replica == null || replicas.contains(Integer.toString(replica.port()));
    }
}
