package dev.herald.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the server needs to start, with named defaults: {@code ServerOptions.defaults()} is a
 * hub on 127.0.0.1:8080 with in-memory history.
 *
 * @param host the address to listen on
 * @param port the TCP port; 0 picks a free one (tests)
 * @param heartbeat how long a stream may stay silent before a comment is written to keep proxies and
 *     clients from timing it out
 * @param historySize how many updates are retained for replay
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param maxHeaderBytes the largest request header block accepted; larger ones get 431
 * @param maxPendingBytes how many bytes may wait in Herald for one subscriber that does not read fast
 *     enough; past this it is disconnected (it reconnects and replays what it missed)
 * @param demoTopic the topic behind the demo API ({@code /send} and {@code /stream})
 */
public record ServerOptions(
        String host,
        int port,
        Duration heartbeat,
        int historySize,
        int maxBodyBytes,
        int maxHeaderBytes,
        int maxPendingBytes,
        String demoTopic) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** WHATWG suggests about 15 s; the reference Mercure hub uses 40 s. Proxies often cut at 30-60 s. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    /** 10,000 updates of ~200 bytes is about 5 MB of memory. */
    public static final int DEFAULT_HISTORY_SIZE = 10_000;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /** 256 KiB beyond the kernel's socket buffer: about a thousand typical events behind. */
    public static final int DEFAULT_MAX_PENDING_BYTES = 256 * 1024;
    public static final String DEFAULT_DEMO_TOPIC = "https://herald.local/demo";

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(demoTopic, "demoTopic");
        requireRange("port", port, 0, 65_535);
        requireRange("historySize", historySize, 1, Integer.MAX_VALUE);
        requireRange("maxBodyBytes", maxBodyBytes, 1, Integer.MAX_VALUE);
        requireRange("maxHeaderBytes", maxHeaderBytes, 1024, Integer.MAX_VALUE);
        requireRange("maxPendingBytes", maxPendingBytes, 1024, Integer.MAX_VALUE);
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive: " + heartbeat);
        }
        if (demoTopic.isEmpty()) {
            throw new IllegalArgumentException("demoTopic must not be empty");
        }
    }

    public static ServerOptions defaults() {
        return new ServerOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_HEARTBEAT, DEFAULT_HISTORY_SIZE,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_PENDING_BYTES, DEFAULT_DEMO_TOPIC);
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, heartbeat, historySize, maxBodyBytes, maxHeaderBytes,
                maxPendingBytes, demoTopic);
    }

    public ServerOptions withHeartbeat(Duration newHeartbeat) {
        return new ServerOptions(host, port, newHeartbeat, historySize, maxBodyBytes, maxHeaderBytes,
                maxPendingBytes, demoTopic);
    }

    public ServerOptions withHistorySize(int newHistorySize) {
        return new ServerOptions(host, port, heartbeat, newHistorySize, maxBodyBytes, maxHeaderBytes,
                maxPendingBytes, demoTopic);
    }

    public ServerOptions withMaxBodyBytes(int newMaxBodyBytes) {
        return new ServerOptions(host, port, heartbeat, historySize, newMaxBodyBytes, maxHeaderBytes,
                maxPendingBytes, demoTopic);
    }

    public ServerOptions withMaxPendingBytes(int newMaxPendingBytes) {
        return new ServerOptions(host, port, heartbeat, historySize, maxBodyBytes, maxHeaderBytes,
                newMaxPendingBytes, demoTopic);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
    }
}
