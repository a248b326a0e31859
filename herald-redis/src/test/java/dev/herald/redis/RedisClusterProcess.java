package dev.herald.redis;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Redis Cluster of a test's own: redis-server processes on free ports of 127.0.0.1 with
 * {@code --cluster-enabled yes}, formed by {@code redis-cli --cluster create}, keeping nothing on disk
 * but their {@code nodes-<port>.conf} in a temporary directory. {@link #close} kills every process and
 * removes the directory; a JVM shutdown hook does the same for a test that never got to close it.
 */
public final class RedisClusterProcess implements AutoCloseable {

    /** Forming the cluster takes redis-cli about a second per node it waits for. */
    private static final Duration FORMING = Duration.ofSeconds(30);

    private final Path directory;
    private final Map<Integer, Process> nodes = new LinkedHashMap<>();
    private final Thread hook = new Thread(this::close, "herald-test-redis-cluster-stop");

    private RedisClusterProcess(Path directory) {
        this.directory = directory;
    }

    /**
     * Starts {@code masters} masters with {@code replicasPerMaster} replicas each and waits until every
     * node says {@code cluster_state:ok} and every replica is in sync with its master.
     *
     * @param nodeTimeout how long a node may not answer before the others count it as failing
     *     ({@code cluster-node-timeout}); a replica is promoted a second or two after that
     */
    public static RedisClusterProcess start(int masters, int replicasPerMaster, Duration nodeTimeout) {
        RedisClusterProcess cluster;
        try {
            cluster = new RedisClusterProcess(Files.createTempDirectory("herald-redis-cluster"));
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for the cluster", e);
        }
        Runtime.getRuntime().addShutdownHook(cluster.hook);
        try {
            int count = masters * (1 + replicasPerMaster);
            for (int i = 0; i < count; i++) {
                cluster.startNode(RedisProcess.freePort(), nodeTimeout);
            }
            List<String> create = new ArrayList<>(List.of(RedisCli.BINARY, "--cluster", "create"));
            cluster.ports().forEach(port -> create.add("127.0.0.1:" + port));
            create.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerMaster), "--cluster-yes"));
            RedisCli.run(create);
            await("the cluster is formed").atMost(FORMING).pollInterval(Duration.ofMillis(100))
                    .until(() -> cluster.formed(count));
            return cluster;
        } catch (RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** The URI Herald takes: every node a seed, so that any one of them being down does not matter. */
    public String uri() {
        return ports().stream().map(port -> "127.0.0.1:" + port)
                .collect(Collectors.joining(",", "redis-cluster://", ""));
    }

    /** The port of the master that serves the key's hash slot now. */
    public int masterOf(String key) {
        int anyLiveNode = liveNodes().get(0);
        int slot = Integer.parseInt(RedisCli.call(anyLiveNode, "CLUSTER", "KEYSLOT", key).trim());
        for (String line : RedisCli.call(anyLiveNode, "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                int first = Integer.parseInt(range[0]);
                int last = range.length > 1 ? Integer.parseInt(range[1]) : first;
                if (slot >= first && slot <= last) {
                    return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                }
            }
        }
        throw new AssertionError("no master serves slot " + slot + " of " + key);
    }

    /** Waits until every replica of the master has all it wrote: killing the master loses nothing then. */
    public void awaitReplicasOf(int masterPort) {
        Replication.awaitReplicasOf(masterPort, FORMING);
    }

    /** Kills one node (SIGKILL: no goodbye to clients or to the other nodes) and waits until it is gone. */
    public void kill(int port) {
        Process process = nodes.get(port);
        process.destroyForcibly();
        try {
            if (!process.waitFor(RedisCli.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("redis-server on port " + port + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping redis-server", e);
        }
    }

    /** Waits until the cluster serves every slot again (after a failover: a replica was promoted). */
    public void awaitHealthy(Duration atMost) {
        await("the cluster serves every slot again").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> liveNodes().stream().allMatch(port -> "ok".equals(
                        RedisCli.field(RedisCli.call(port, "CLUSTER", "INFO"), "cluster_state"))));
    }

    @Override
    public synchronized void close() {
        nodes.values().forEach(Process::destroyForcibly);
        for (Process process : nodes.values()) {
            try {
                process.waitFor(RedisCli.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteDirectory();
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or about to; it finds nothing left to do
            }
        }
    }

    private List<Integer> ports() {
        return List.copyOf(nodes.keySet());
    }

    private List<Integer> liveNodes() {
        return nodes.entrySet().stream().filter(node -> node.getValue().isAlive()).map(Map.Entry::getKey).toList();
    }

    private void startNode(int port, Duration nodeTimeout) {
        List<String> command = List.of(RedisProcess.BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes",
                "--cluster-config-file", directory.resolve("nodes-" + port + ".conf").toString(),
                "--cluster-node-timeout", Long.toString(nodeTimeout.toMillis()),
                "--dir", directory.toString(), "--save", "", "--appendonly", "no");
        try {
            nodes.put(port, new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + RedisProcess.BINARY, e);
        }
        await("redis-server on " + port + " answers").atMost(RedisCli.TIMEOUT)
                .until(() -> RedisProcess.answersPing(port));
    }

    /** Every node sees the cluster ok with all nodes, and every replica's link to its master is up. */
    private boolean formed(int count) {
        for (int port : ports()) {
            String info = RedisCli.call(port, "CLUSTER", "INFO");
            if (!"ok".equals(RedisCli.field(info, "cluster_state"))
                    || !Integer.toString(count).equals(RedisCli.field(info, "cluster_known_nodes"))) {
                return false;
            }
            String replication = RedisCli.call(port, "INFO", "replication");
            if ("slave".equals(RedisCli.field(replication, "role"))
                    && !"up".equals(RedisCli.field(replication, "master_link_status"))) {
                return false;
            }
        }
        return true;
    }

    private void deleteDirectory() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no reason to fail a test
        }
    }
}
