package dev.herald.server;

import dev.herald.core.TopicText;
import dev.herald.core.IdempotencyOptions;
import dev.herald.server.stream.ReplayOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server needs to start, with named defaults: {@code ServerOptions.defaults()} is a
 * hub on 127.0.0.1:8080 with in-memory history (the command line defaults to the durable store); {@link #toBuilder()} changes what differs.
 *
 * @param host the address to listen on
 * @param port the TCP port; 0 picks a free one (tests)
 * @param heartbeat how long a stream may stay silent before a comment is written to keep proxies and
 *     clients from timing it out
 * @param history where history is kept (memory or the durable store) and how much of it
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param maxHeaderBytes the largest request header block accepted; larger ones get 431
 * @param maxPendingBytes how many bytes may wait in Herald for one subscriber that does not read fast
 *     enough; past this it is disconnected (it reconnects and replays what it missed)
 * @param maxTopics the most topic selectors one subscription may name; more get 400
 * @param maxStreams the most SSE streams this node holds at once, further subscriptions get 503; 0
 *     for automatic: the process's open-files limit less {@link #RESERVED_FILES}
 * @param admission per-address stream limits and URI-template caps, checked before a stream's templates
 *     are compiled
 * @param maxConnectionLifetime streams are closed after 80-100 % of this (random per stream, so that
 *     reconnections spread out); {@link Duration#ZERO} keeps them open until the token expires
 * @param demoTopic the topic behind the demo API ({@code /send} and {@code /stream})
 * @param subscriptions Mercure's active subscriptions: on or off, who is announced, how many are listed
 * @param shutdownGrace how long a graceful shutdown may take before the rest is cut off
 * @param tls HTTPS with HTTP/2 by ALPN; empty serves plain HTTP/1.1 and h2c
 * @param security who may publish and subscribe
 * @param replay how resuming subscribers' replays are bounded (pages, concurrency, stalls)
 * @param connections timeouts and connection limits (slow, silent and numerous clients)
 * @param admin where the admin listener serves metrics, health and the dashboard; empty keeps
 *     {@code /metrics} on the public port and serves no dashboard
 * @param idempotency how long and how many publishers' {@code Idempotency-Key}s the transport remembers
 * @param maxDeliveryLag {@code /readyz} answers 503 while the transport's oldest update not yet
 *     delivered on this node has waited longer than this (see {@code DeliveryHealth})
 */
public record ServerOptions(
        String host,
        int port,
        Duration heartbeat,
        HistoryOptions history,
        int maxBodyBytes,
        int maxHeaderBytes,
        int maxPendingBytes,
        int maxTopics,
        int maxStreams,
        AdmissionOptions admission,
        Duration maxConnectionLifetime,
        String demoTopic,
        SubscriptionsOptions subscriptions,
        Duration shutdownGrace,
        Optional<TlsOptions> tls,
        SecurityOptions security,
        ReplayOptions replay,
        ConnectionOptions connections,
        Optional<AdminListen> admin,
        IdempotencyOptions idempotency,
        Duration maxDeliveryLag) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** WHATWG suggests about 15 s; the reference Mercure hub uses 40 s. Proxies often cut at 30-60 s. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /** 256 KiB beyond the kernel's socket buffer: about a thousand typical events behind. */
    public static final int DEFAULT_MAX_PENDING_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_TOPICS = 64;
    /**
     * Files kept free for everything but streams when {@code maxStreams} is automatic: publishers'
     * connections, health checks and scrapes, the store's files, Redis, the JVM's own.
     */
    public static final int RESERVED_FILES = 256;
    /** An hour: long enough to be cheap, short enough that connections rebalance across nodes. */
    public static final Duration DEFAULT_MAX_CONNECTION_LIFETIME = Duration.ofHours(1);
    public static final String DEFAULT_DEMO_TOPIC = "https://herald.local/demo";
    /** Long enough to flush a store and say goodbye to every stream; short of most orchestrators' 30 s. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /**
     * 10 s: late for a real-time hub, yet far beyond what a healthy node shows under load (well under a
     * second: a burst, a garbage collection) or a Redis reader polled once a second adds; and no longer
     * than the 100,000 entries Redis keeps for a lagging reader last at 10,000 updates/s.
     */
    public static final Duration DEFAULT_MAX_DELIVERY_LAG = Duration.ofSeconds(10);

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(maxConnectionLifetime, "maxConnectionLifetime");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(demoTopic, "demoTopic");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(replay, "replay");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(maxDeliveryLag, "maxDeliveryLag");
        requireRange("port", port, 0, 65_535);
        Objects.requireNonNull(history, "history");
        requireRange("maxBodyBytes", maxBodyBytes, 1, Integer.MAX_VALUE);
        requireRange("maxHeaderBytes", maxHeaderBytes, 1024, Integer.MAX_VALUE);
        requireRange("maxPendingBytes", maxPendingBytes, 1024, Integer.MAX_VALUE);
        requireRange("maxTopics", maxTopics, 1, 10_000);
        requireRange("maxStreams", maxStreams, 0, Integer.MAX_VALUE);
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive: " + heartbeat);
        }
        if (maxConnectionLifetime.isNegative()) {
            throw new IllegalArgumentException("maxConnectionLifetime must not be negative: " + maxConnectionLifetime);
        }
        if (maxDeliveryLag.toMillis() < 1) {
            throw new IllegalArgumentException("maxDeliveryLag must be at least 1 ms: " + maxDeliveryLag);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative: " + shutdownGrace);
        }
        if (demoTopic.isEmpty()) {
            throw new IllegalArgumentException("demoTopic must not be empty");
        }
        TopicText.problem(demoTopic).ifPresent(problem -> {
            throw new IllegalArgumentException("demoTopic " + problem);
        });
    }

    public static ServerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().host(host).port(port).heartbeat(heartbeat).history(history)
                .maxBodyBytes(maxBodyBytes).maxHeaderBytes(maxHeaderBytes).maxPendingBytes(maxPendingBytes)
                .maxTopics(maxTopics).maxStreams(maxStreams).admission(admission).maxConnectionLifetime(maxConnectionLifetime)
                .demoTopic(demoTopic).subscriptions(subscriptions).shutdownGrace(shutdownGrace).tls(tls).security(security)
                .replay(replay).connections(connections).admin(admin).idempotency(idempotency)
                .maxDeliveryLag(maxDeliveryLag);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
    }

    /** Starts from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private HistoryOptions history = HistoryOptions.memory();
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxPendingBytes = DEFAULT_MAX_PENDING_BYTES;
        private int maxTopics = DEFAULT_MAX_TOPICS;
        private int maxStreams;
        private AdmissionOptions admission = AdmissionOptions.defaults();
        private Duration maxConnectionLifetime = DEFAULT_MAX_CONNECTION_LIFETIME;
        private String demoTopic = DEFAULT_DEMO_TOPIC;
        private SubscriptionsOptions subscriptions = SubscriptionsOptions.defaults();
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private Optional<TlsOptions> tls = Optional.empty();
        private SecurityOptions security = SecurityOptions.defaults();
        private ReplayOptions replay = ReplayOptions.defaults();
        private ConnectionOptions connections = ConnectionOptions.defaults();
        private Optional<AdminListen> admin = Optional.empty();
        private IdempotencyOptions idempotency = IdempotencyOptions.defaults();
        private Duration maxDeliveryLag = DEFAULT_MAX_DELIVERY_LAG;

        private Builder() {
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder heartbeat(Duration value) {
            heartbeat = value;
            return this;
        }

        public Builder history(HistoryOptions value) {
            history = value;
            return this;
        }

        /** Keeps where history is, changes how much of it is retained. */
        public Builder historySize(long value) {
            history = history.withSize(value);
            return this;
        }

        public Builder maxBodyBytes(int value) {
            maxBodyBytes = value;
            return this;
        }

        public Builder maxHeaderBytes(int value) {
            maxHeaderBytes = value;
            return this;
        }

        public Builder maxPendingBytes(int value) {
            maxPendingBytes = value;
            return this;
        }

        public Builder maxTopics(int value) {
            maxTopics = value;
            return this;
        }

        public Builder maxStreams(int value) {
            maxStreams = value;
            return this;
        }

        public Builder admission(AdmissionOptions value) {
            admission = value;
            return this;
        }

        public Builder maxConnectionLifetime(Duration value) {
            maxConnectionLifetime = value;
            return this;
        }

        public Builder demoTopic(String value) {
            demoTopic = value;
            return this;
        }

        /** Switches active subscriptions on or off, keeping their other settings. */
        public Builder activeSubscriptions(boolean value) {
            subscriptions = subscriptions.withEnabled(value);
            return this;
        }

        public Builder subscriptions(SubscriptionsOptions value) {
            subscriptions = value;
            return this;
        }

        public Builder shutdownGrace(Duration value) {
            shutdownGrace = value;
            return this;
        }

        public Builder tls(Optional<TlsOptions> value) {
            tls = value;
            return this;
        }

        public Builder security(SecurityOptions value) {
            security = value;
            return this;
        }

        public Builder replay(ReplayOptions value) {
            replay = value;
            return this;
        }

        public Builder connections(ConnectionOptions value) {
            connections = value;
            return this;
        }

        public Builder admin(Optional<AdminListen> value) {
            admin = value;
            return this;
        }

        public Builder idempotency(IdempotencyOptions value) {
            idempotency = value;
            return this;
        }

        public Builder maxDeliveryLag(Duration value) {
            maxDeliveryLag = value;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(host, port, heartbeat, history, maxBodyBytes, maxHeaderBytes,
                    maxPendingBytes, maxTopics, maxStreams, admission, maxConnectionLifetime, demoTopic, subscriptions, shutdownGrace,
                    tls, security, replay, connections, admin, idempotency, maxDeliveryLag);
        }
    }

    /**
     * The stream limit in force: {@code maxStreams}, or when automatic the open-files limit of this
     * process less {@link #RESERVED_FILES} (no limit where the JVM cannot tell).
     */
    public int effectiveMaxStreams() {
        if (maxStreams > 0) {
            return maxStreams;
        }
        return OpenFiles.limitLess(RESERVED_FILES);
    }

    /** Kept for brevity in tests and callers that change one thing. */
    public ServerOptions withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }
}
