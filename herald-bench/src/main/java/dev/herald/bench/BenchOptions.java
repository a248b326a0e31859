package dev.herald.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run needs, with named defaults; {@link #builder(Scenario)} changes what differs.
 *
 * @param scenario what to run
 * @param url the hub's base URL; its host must be loopback
 * @param api how to subscribe and publish
 * @param subscribePath the subscription path; null for the API's default
 * @param publishPath the publish path; null for the API's default
 * @param topicPrefix topic {@code i} is this prefix followed by {@code i}
 * @param subscribers how many SSE subscribers to open
 * @param topics how many topics ({@link Scenario#MIXED}); 1 otherwise
 * @param topicsPerSubscriber how many topics each subscriber names
 * @param rate publishes per second, over all topics (open-loop scenarios)
 * @param duration how long to publish, or for {@link Scenario#IDLE} how long to stay connected
 * @param warmup how long to publish before {@code duration}: counted for loss, left out of the latency
 *     figures and the acknowledged rate (they would otherwise measure class loading and the JIT)
 * @param payloadBytes the length of each message's data
 * @param publishConnections keep-alive connections the publisher uses
 * @param publisherToken a JWT for publishing, or null
 * @param subscriberToken a JWT for subscribing, or null
 * @param workers worker processes; 0 picks one per {@link #subscribersPerWorker}
 * @param subscribersPerWorker subscribers per worker when {@code workers} is 0
 * @param inProcess run the one worker inside this JVM (tests, small runs) instead of forking
 * @param workerThreads event loops per worker
 * @param workerJvmOptions JVM options of forked workers
 * @param connectConcurrency connection attempts in flight per worker
 * @param connectTimeout how long the subscribers may take to connect
 * @param drain how long to wait for deliveries after the last publish was answered
 * @param serverPid the hub's process id, to read its memory and CPU from /proc; 0 for none
 * @param publishUrl where to publish when it is not {@code url} (another node of a cluster, to measure
 *     across nodes); null for {@code url}
 * @param label what the report calls the server measured, so runs against several servers can share one
 *     results file; null for {@link #effectiveLabel()}'s default
 * @param count {@link Scenario#FILL}: how many updates to publish ({@code duration} is then its time limit)
 * @param attack hostile connections opened beside the honest load; {@link AttackOptions#NONE} for none
 * @param liveHeap read the hub's live heap ({@code jcmd PID GC.class_histogram}, a full collection) before
 *     the attack and after the run; needs {@code serverPid}
 */
public record BenchOptions(
        Scenario scenario,
        URI url,
        Api api,
        String subscribePath,
        String publishPath,
        String topicPrefix,
        int subscribers,
        int topics,
        int topicsPerSubscriber,
        double rate,
        Duration duration,
        Duration warmup,
        int payloadBytes,
        int publishConnections,
        String publisherToken,
        String subscriberToken,
        int workers,
        int subscribersPerWorker,
        boolean inProcess,
        int workerThreads,
        List<String> workerJvmOptions,
        int connectConcurrency,
        Duration connectTimeout,
        Duration drain,
        long serverPid,
        URI publishUrl,
        String label,
        long count,
        AttackOptions attack,
        boolean liveHeap) {

    public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8080");
    public static final String DEFAULT_TOPIC_PREFIX = "https://herald.local/bench/";
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    /** Enough for the publisher's, the workers' and the hub's hot paths to be compiled. */
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(2);
    /** 15,000 connections stay well under the 20,000 open files a process may have here. */
    public static final int DEFAULT_SUBSCRIBERS_PER_WORKER = 15_000;
    /** Serial GC: a worker makes little garbage, and parallel GC threads would compete with the hub. */
    public static final List<String> DEFAULT_WORKER_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx1g");
    /** Bursts of connects past the hub's accept backlog (4096) would be retried by TCP after 1 s and more. */
    public static final int DEFAULT_CONNECT_CONCURRENCY = 500;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(5);
    /** The label of a run against a Mercure or demo API when none is given: those are Herald's. */
    public static final String DEFAULT_LABEL = "herald";
    /** Labels end up in JSON lines, tables and chart legends: short and printable. */
    public static final int MAX_LABEL_LENGTH = 64;
    /** How long one {@code jcmd GC.class_histogram} may take (a full collection of a few GB: seconds). */
    public static final Duration LIVE_HEAP_TIMEOUT = Duration.ofSeconds(60);
    /** A fill of 10 million 200-byte updates is 2 GB of history: beyond any figure we take. */
    public static final long MAX_FILL_COUNT = 10_000_000;
    /** Time beyond the planned phases before everything is stopped, whatever state it is in. */
    public static final Duration HARD_DEADLINE_MARGIN = Duration.ofSeconds(30);

    public BenchOptions {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(attack, "attack");
        workerJvmOptions = List.copyOf(workerJvmOptions);
        require(subscribers >= 0, "subscribers must not be negative");
        require(topics >= 1 && topicsPerSubscriber >= 1, "topics and topics per subscriber must be at least 1");
        require(topicsPerSubscriber <= topics, "topics per subscriber must not exceed the topics");
        require(!scenario.openLoop() || (rate > 0 && rate <= 1_000_000), "rate must be in (0, 1,000,000] per second");
        require(!duration.isNegative() && !duration.isZero() && duration.compareTo(Duration.ofHours(1)) <= 0,
                "duration must be positive and at most an hour");
        require(!warmup.isNegative() && warmup.compareTo(Duration.ofMinutes(10)) <= 0,
                "warm-up must be between 0 and 10 minutes");
        require(payloadBytes >= 0 && payloadBytes <= 1024 * 1024, "payload must be 0 to 1 MiB");
        require(publishConnections >= 1 && publishConnections <= 1024, "publish connections must be 1 to 1024");
        require(workers >= 0 && workers <= 253, "at most 253 workers (one source address each)");
        require(subscribersPerWorker >= 1, "subscribers per worker must be at least 1");
        require(workerThreads >= 1, "worker threads must be at least 1");
        require(connectConcurrency >= 1, "connect concurrency must be at least 1");
        require(!(inProcess && workers > 1), "in-process runs have one worker");
        require(api.multiTopic() || topicsPerSubscriber == 1, api + " subscriptions name one topic each");
        require(api.hasTopics() || topics == 1, "the demo API has one topic");
        require(scenario != Scenario.MIXED || api.hasTopics(), "the mixed scenario needs topics (mercure or raw)");
        require(url.getHost() != null && "http".equals(url.getScheme()), "the URL must be http://HOST:PORT");
        require(publishUrl == null || publishUrl.getHost() != null && "http".equals(publishUrl.getScheme()),
                "the publish URL must be http://HOST:PORT");
        require(label == null || (!label.isBlank() && label.length() <= MAX_LABEL_LENGTH
                && label.chars().noneMatch(Character::isISOControl)),
                "the label must be 1 to " + MAX_LABEL_LENGTH + " printable characters");
        require(scenario != Scenario.FILL || (count >= 1 && count <= MAX_FILL_COUNT),
                "the fill count must be 1 to " + MAX_FILL_COUNT);
        require(!attack.any() || api == Api.MERCURE, "the attacks speak Mercure");
        require(!liveHeap || serverPid > 0, "--live-heap needs --server-pid");
    }

    public static Builder builder(Scenario scenario) {
        return new Builder(scenario);
    }

    public String effectiveSubscribePath() {
        return subscribePath != null ? subscribePath : api.defaultSubscribePath();
    }

    public String effectivePublishPath() {
        return publishPath != null ? publishPath : api.defaultPublishPath();
    }

    public int port() {
        return url.getPort() > 0 ? url.getPort() : 80;
    }

    /** Where publishers connect: {@code publishUrl} when given, else {@code url}. */
    public URI effectivePublishUrl() {
        return publishUrl != null ? publishUrl : url;
    }

    public int publishPort() {
        URI target = effectivePublishUrl();
        return target.getPort() > 0 ? target.getPort() : 80;
    }

    /**
     * The label the report carries: the one given, else {@value #DEFAULT_LABEL} for the Mercure and demo
     * APIs, else (raw: any server) the hub's {@code host:port}.
     */
    public String effectiveLabel() {
        if (label != null) {
            return label;
        }
        return api == Api.RAW ? url.getHost() + ":" + port() : DEFAULT_LABEL;
    }

    /** The worker processes this run uses. */
    public int effectiveWorkers() {
        if (inProcess) {
            return 1;
        }
        if (workers > 0) {
            return workers;
        }
        return Math.max(1, (subscribers + subscribersPerWorker - 1) / subscribersPerWorker);
    }

    /** After this long the whole run stops, workers included: connect, run, answers, drain, margin. */
    public Duration hardDeadline() {
        Duration attackAndHeap = attack.any() ? AttackOptions.SETTLE.multipliedBy(2) : Duration.ZERO;
        if (liveHeap) {
            attackAndHeap = attackAndHeap.plus(LIVE_HEAP_TIMEOUT.multipliedBy(2));
        }
        return connectTimeout.plus(warmup).plus(duration).plus(DEFAULT_DRAIN).plus(drain).plus(attackAndHeap)
                .plus(HARD_DEADLINE_MARGIN);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Starts from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private final Scenario scenario;
        private URI url = DEFAULT_URL;
        private Api api = Api.MERCURE;
        private String subscribePath;
        private String publishPath;
        private String topicPrefix = DEFAULT_TOPIC_PREFIX;
        private int subscribers = 100;
        private int topics = 1;
        private int topicsPerSubscriber = 1;
        private double rate = 10;
        private Duration duration = DEFAULT_DURATION;
        private Duration warmup = DEFAULT_WARMUP;
        private int payloadBytes = 100;
        private int publishConnections = 4;
        private String publisherToken;
        private String subscriberToken;
        private int workers;
        private int subscribersPerWorker = DEFAULT_SUBSCRIBERS_PER_WORKER;
        private boolean inProcess;
        private int workerThreads = 1;
        private List<String> workerJvmOptions = DEFAULT_WORKER_JVM_OPTIONS;
        private int connectConcurrency = DEFAULT_CONNECT_CONCURRENCY;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration drain = DEFAULT_DRAIN;
        private long serverPid;
        private URI publishUrl;
        private String label;
        private long count = 1;
        private AttackOptions attack = AttackOptions.NONE;
        private boolean liveHeap;

        private Builder(Scenario scenario) {
            this.scenario = scenario;
        }

        public Builder url(URI value) { url = value; return this; }
        public Builder api(Api value) { api = value; return this; }
        public Builder subscribePath(String value) { subscribePath = value; return this; }
        public Builder publishPath(String value) { publishPath = value; return this; }
        public Builder topicPrefix(String value) { topicPrefix = value; return this; }
        public Builder subscribers(int value) { subscribers = value; return this; }
        public Builder topics(int value) { topics = value; return this; }
        public Builder topicsPerSubscriber(int value) { topicsPerSubscriber = value; return this; }
        public Builder rate(double value) { rate = value; return this; }
        public Builder duration(Duration value) { duration = value; return this; }
        public Builder warmup(Duration value) { warmup = value; return this; }
        public Builder payloadBytes(int value) { payloadBytes = value; return this; }
        public Builder publishConnections(int value) { publishConnections = value; return this; }
        public Builder publisherToken(String value) { publisherToken = value; return this; }
        public Builder subscriberToken(String value) { subscriberToken = value; return this; }
        public Builder workers(int value) { workers = value; return this; }
        public Builder subscribersPerWorker(int value) { subscribersPerWorker = value; return this; }
        public Builder inProcess(boolean value) { inProcess = value; return this; }
        public Builder workerThreads(int value) { workerThreads = value; return this; }
        public Builder workerJvmOptions(List<String> value) { workerJvmOptions = value; return this; }
        public Builder connectConcurrency(int value) { connectConcurrency = value; return this; }
        public Builder connectTimeout(Duration value) { connectTimeout = value; return this; }
        public Builder drain(Duration value) { drain = value; return this; }
        public Builder serverPid(long value) { serverPid = value; return this; }
        public Builder publishUrl(URI value) { publishUrl = value; return this; }
        public Builder label(String value) { label = value; return this; }
        public Builder count(long value) { count = value; return this; }
        public Builder attack(AttackOptions value) { attack = value; return this; }
        public Builder liveHeap(boolean value) { liveHeap = value; return this; }

        public BenchOptions build() {
            return new BenchOptions(scenario, url, api, subscribePath, publishPath, topicPrefix, subscribers, topics,
                    topicsPerSubscriber, rate, duration, warmup, payloadBytes, publishConnections, publisherToken,
                    subscriberToken, workers, subscribersPerWorker, inProcess, workerThreads, workerJvmOptions,
                    connectConcurrency, connectTimeout, drain, serverPid, publishUrl, label, count, attack, liveHeap);
        }
    }
}
