package dev.herald.redis;

import static org.awaitility.Awaitility.await;

import dev.herald.core.RecordingListener;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of a test's own, on 127.0.0.1, that keeps nothing on disk ({@code --save ""
 * --appendonly no}): stopping it loses everything, as a restart without persistence does. It can be
 * stopped and started again on the same port.
 */
public final class RedisProcess implements AutoCloseable {

    static final String BINARY = "/usr/bin/redis-server";

    private final int port;
    /** Where a persistent server keeps its append-only file; null keeps nothing. */
    private final java.nio.file.Path directory;
    /** More arguments: {@code --replicaof} for a replica. */
    private final List<String> more;
    private Process process;

    private RedisProcess(int port, java.nio.file.Path directory, List<String> more) {
        this.port = port;
        this.directory = directory;
        this.more = List.copyOf(more);
    }

    /** Starts a server on a free port and waits until it answers PING. */
    public static RedisProcess start() {
        RedisProcess redis = new RedisProcess(freePort(), null, List.of());
        redis.startAgain();
        return redis;
    }

    /** Starts a replica of the master on a free port (it keeps nothing on disk either). */
    public static RedisProcess startReplicaOf(RedisProcess master) {
        RedisProcess redis = new RedisProcess(freePort(), null,
                List.of("--replicaof", "127.0.0.1", Integer.toString(master.port)));
        redis.startAgain();
        return redis;
    }

    /**
     * Starts a server that fsyncs every write to an append-only file in the directory before answering
     * ({@code appendfsync always}), so a kill and restart keep everything it acknowledged.
     */
    public static RedisProcess startPersistent(java.nio.file.Path directory) {
        RedisProcess redis = new RedisProcess(freePort(), directory, List.of());
        redis.startAgain();
        return redis;
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server on its port again after {@link #stop}, empty. */
    public void startAgain() {
        try {
            List<String> command = new java.util.ArrayList<>(List.of(BINARY, "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", ""));
            command.addAll(directory == null ? List.of("--appendonly", "no")
                    : List.of("--appendonly", "yes", "--appendfsync", "always", "--dir", directory.toString()));
            command.addAll(more);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        await().atMost(RecordingListener.DEFAULT_WAIT).until(() -> answersPing(port));
    }

    /** Kills the server (SIGKILL: no goodbye to clients) and waits until it is gone. */
    public void stop() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(RecordingListener.DEFAULT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("redis-server on port " + port + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping redis-server", e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    /** True when something on 127.0.0.1:port answers PING with PONG, within a short bound. */
    static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] answer = socket.getInputStream().readNBytes(7);
            return "+PONG\r\n".equals(new String(answer, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
