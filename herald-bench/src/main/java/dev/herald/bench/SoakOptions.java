package dev.herald.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a soak does (see {@link Soak}), with the defaults of the 30-minute run of issue 17, or of the
 * short version for runs under {@value SoakVerdict#SHORT_RUN_MINUTES} minutes ({@link #builder(Duration)}).
 *
 * @param duration how long publishing and the mixed load last
 * @param rate publishes per second, round-robin over the topics (open loop)
 * @param topics topics published to
 * @param privateTopics how many of them, the last ones, carry private updates
 * @param topicsPerReader topics each keeper, cycler and churning subscriber names
 * @param payloadBytes the length of each update's data
 * @param publishConnections keep-alive connections the publisher uses
 * @param keepers subscribers that stay connected for the whole run
 * @param cyclers subscribers that close their stream every {@code cycleHold} or so and resume with
 *     their Last-Event-ID after up to {@code cycleAway}
 * @param cycleHold a cycler holds each stream between half and one and a half times this
 * @param cycleAway a cycler stays away up to this long
 * @param stallers subscribers on every topic that read for {@code stallAwake}, then stop reading for
 *     {@code stall}: long enough for the hub to cut them as slow consumers; when they read again they
 *     find the stream closed and resume with their Last-Event-ID
 * @param stallAwake how long a staller reads between stalls
 * @param stall how long a staller does not read
 * @param churnPerSecond fresh subscriptions opened per second (no Last-Event-ID), each closed after
 *     up to {@code churnHold}
 * @param churnHold how long a churning subscription stays open at most
 * @param sampleEvery how often the hub is sampled; null for {@link #effectiveSampleEvery()}
 * @param historySize the hub's {@code --history-size}; 0 for {@link #effectiveHistorySize()}
 * @param hubMaxPendingBytes the hub's {@code --max-pending-bytes}; null for the hub's default
 * @param hubJvmOptions the hub JVM's options
 * @param hubCpus run the hub under {@code taskset -c CPUS}; null for no pinning
 * @param tolerance how much a series may grow over the measured window (0.05: 5 %)
 * @param drain how long the readers may take to receive everything once publishing ended
 * @param workDir where the hub's data directory and log go (a fresh directory is made in it)
 * @param keepWorkDir keep the hub's data and log after a passing run (a failing one always keeps them)
 */
public record SoakOptions(
        Duration duration,
        double rate,
        int topics,
        int privateTopics,
        int topicsPerReader,
        int payloadBytes,
        int publishConnections,
        int keepers,
        int cyclers,
        Duration cycleHold,
        Duration cycleAway,
        int stallers,
        Duration stallAwake,
        Duration stall,
        double churnPerSecond,
        Duration churnHold,
        Duration sampleEvery,
        long historySize,
        String hubMaxPendingBytes,
        List<String> hubJvmOptions,
        String hubCpus,
        double tolerance,
        Duration drain,
        Path workDir,
        boolean keepWorkDir) {

    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(30);
    /** What {@code ./herald} gives the hub's JVM (see the comment there): the soak measures that hub. */
    public static final List<String> HERALD_JVM_OPTIONS = List.of("-XX:MaxNewSize=32m", "-Xms64m", "-XX:MetaspaceSize=64m");
    public static final double DEFAULT_TOLERANCE = 0.05;
    /** Issue 17: sampled every minute; short runs more often, so their window still has a dozen samples. */
    public static final Duration LONGEST_SAMPLE_PERIOD = Duration.ofMinutes(1);
    public static final Duration SHORTEST_SAMPLE_PERIOD = Duration.ofSeconds(2);
    /** The first third of a run is its warm-up (JIT, heap sizing, history filling); the rest is measured. */
    public static final int WARMUP_DIVISOR = 3;

    public SoakOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(cycleHold, "cycleHold");
        Objects.requireNonNull(cycleAway, "cycleAway");
        Objects.requireNonNull(stallAwake, "stallAwake");
        Objects.requireNonNull(stall, "stall");
        Objects.requireNonNull(churnHold, "churnHold");
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(workDir, "workDir");
        hubJvmOptions = List.copyOf(hubJvmOptions);
        require(duration.compareTo(Duration.ofSeconds(30)) >= 0 && duration.compareTo(Duration.ofHours(24)) <= 0,
                "the duration must be 30 s to 24 h");
        require(rate > 0 && rate <= 100_000, "the rate must be in (0, 100,000] per second");
        require(topics >= 1 && topics <= 1000, "topics must be 1 to 1,000");
        require(privateTopics >= 0 && privateTopics <= topics, "private topics must be 0 to the topics");
        require(topicsPerReader >= 1 && topicsPerReader <= topics, "topics per reader must be 1 to the topics");
        require(payloadBytes >= 0 && payloadBytes <= 64 * 1024, "the payload must be 0 to 64 KiB");
        require(publishConnections >= 1 && publishConnections <= 64, "publish connections must be 1 to 64");
        require(keepers >= 0 && cyclers >= 0 && stallers >= 0 && keepers + cyclers + stallers >= 1
                && keepers + cyclers + stallers <= 10_000, "keepers, cyclers and stallers: 1 to 10,000 together");
        require(positive(cycleHold) && !cycleAway.isNegative(), "the cycle's hold must be positive, its absence not negative");
        require(positive(stallAwake) && positive(stall), "a staller's awake and stalled times must be positive");
        require(churnPerSecond >= 0 && churnPerSecond <= 1000, "churn must be 0 to 1,000 subscriptions per second");
        require(positive(churnHold), "the churn's hold must be positive");
        require(sampleEvery == null || sampleEvery.compareTo(Duration.ofSeconds(1)) >= 0, "sample at most every second");
        require(historySize >= 0, "the history size must not be negative");
        require(tolerance > 0 && tolerance < 1, "the tolerance must be in (0, 1)");
        require(positive(drain), "the drain must be positive");
        require(hubCpus == null || hubCpus.matches("[0-9,-]+"), "hub CPUs are a taskset list, e.g. 0 or 0-1");
        // (A compact constructor assigns the fields at its end: these use the parameters.)
        long history = history(historySize, rate, duration, stall, cycleAway);
        double awayUpdates = rate * Math.max(stall.toMillis(), cycleAway.toMillis()) / 1000.0;
        double warmupUpdates = rate * duration.dividedBy(WARMUP_DIVISOR).toMillis() / 1000.0;
        require(history >= 2 * awayUpdates, "the history must hold twice what a staller or a cycler misses while away ("
                + Math.round(2 * awayUpdates) + " updates): raise --history-size");
        require(history <= warmupUpdates, "the history must fill within the warm-up (the first third of the run: "
                + Math.round(warmupUpdates) + " updates), so that the store's size is measured once it is bounded: "
                + "lower --history-size or lengthen the run");
    }

    /**
     * The defaults for a run of this length: the 30-minute soak's, or below {@link SoakVerdict#SHORT_RUN_MINUTES}
     * minutes the short version's, sized for a 2-core machine shared with a test suite (see {@link Builder}).
     */
    public static Builder builder(Duration duration) {
        return SoakVerdict.shortRun(duration) ? new Builder().shortRun().duration(duration) : new Builder().duration(duration);
    }

    /** The part of the run left out of the verdict: its first third. */
    public Duration warmup() {
        return duration.dividedBy(WARMUP_DIVISOR);
    }

    /** The sampling period: a fifteenth of the run, between 2 s and a minute. */
    public Duration effectiveSampleEvery() {
        if (sampleEvery != null) {
            return sampleEvery;
        }
        Duration fifteenth = duration.dividedBy(15);
        return fifteenth.compareTo(SHORTEST_SAMPLE_PERIOD) < 0 ? SHORTEST_SAMPLE_PERIOD
                : fifteenth.compareTo(LONGEST_SAMPLE_PERIOD) > 0 ? LONGEST_SAMPLE_PERIOD : fifteenth;
    }

    /**
     * The hub's history: what a sixth of the run publishes, so that it is full (and the store's size
     * bounded) halfway through the warm-up, with room for a publisher that falls behind its schedule,
     * but at least twice what a reader misses while away.
     */
    public long effectiveHistorySize() {
        return history(historySize, rate, duration, stall, cycleAway);
    }

    private static long history(long historySize, double rate, Duration duration, Duration stall, Duration cycleAway) {
        if (historySize > 0) {
            return historySize;
        }
        long absence = Math.max(stall.toMillis(), cycleAway.toMillis());
        return Math.max((long) Math.ceil(rate * duration.toMillis() / 6000.0), (long) Math.ceil(2 * rate * absence / 1000.0));
    }

    /** How many publishes the run sends. */
    public long publishes() {
        return Math.max(1, (long) Math.floor(rate * duration.toNanos() / 1e9));
    }

    private static boolean positive(Duration value) {
        return !value.isNegative() && !value.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Starts from the defaults of the 30-minute run, or of the short version ({@link #builder(Duration)});
     * {@link #build()} validates.
     */
    public static final class Builder {
        private Duration duration = DEFAULT_DURATION;
        private double rate = 100;
        private int topics = 8;
        private int privateTopics = 4;
        private int topicsPerReader = 3;
        private int payloadBytes = 200;
        private int publishConnections = 16;
        private int keepers = 100;
        private int cyclers = 100;
        private Duration cycleHold = Duration.ofSeconds(10);
        private Duration cycleAway = Duration.ofSeconds(2);
        private int stallers = 10;
        private Duration stallAwake = Duration.ofSeconds(15);
        private Duration stall = Duration.ofSeconds(45);
        private double churnPerSecond = 20;
        private Duration churnHold = Duration.ofSeconds(3);
        private Duration sampleEvery;
        private long historySize;
        private String hubMaxPendingBytes;
        private List<String> hubJvmOptions = HERALD_JVM_OPTIONS;
        private String hubCpus;
        private double tolerance = DEFAULT_TOLERANCE;
        private Duration drain = Duration.ofSeconds(30);
        private Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
        private boolean keepWorkDir;

        private Builder() {
        }

        /**
         * The short version (60 s in the tests): fewer subscribers, a slower rate, and stallers cut within
         * seconds: 1 KB updates to every topic (about 57 KB/s) against a 64 KiB budget go past what the
         * hub's socket buffer (128 KiB), the staller's (16 KiB) and the budget hold in about 5 s of an
         * 8-second stall. A smaller budget cut resuming cyclers too on a loaded machine (a resume holds the
         * live updates published while the history is read, up to the budget).
         */
        private Builder shortRun() {
            rate = 50;
            payloadBytes = 1000;
            keepers = 10;
            cyclers = 20;
            cycleHold = Duration.ofSeconds(5);
            cycleAway = Duration.ofSeconds(1);
            stallers = 4;
            stallAwake = Duration.ofSeconds(4);
            stall = Duration.ofSeconds(8);
            churnPerSecond = 5;
            hubMaxPendingBytes = "64KiB";
            drain = Duration.ofSeconds(20);
            return this;
        }

        public Builder duration(Duration value) { duration = value; return this; }
        public Builder rate(double value) { rate = value; return this; }
        public Builder topics(int value) { topics = value; return this; }
        public Builder privateTopics(int value) { privateTopics = value; return this; }
        public Builder topicsPerReader(int value) { topicsPerReader = value; return this; }
        public Builder payloadBytes(int value) { payloadBytes = value; return this; }
        public Builder publishConnections(int value) { publishConnections = value; return this; }
        public Builder keepers(int value) { keepers = value; return this; }
        public Builder cyclers(int value) { cyclers = value; return this; }
        public Builder cycleHold(Duration value) { cycleHold = value; return this; }
        public Builder cycleAway(Duration value) { cycleAway = value; return this; }
        public Builder stallers(int value) { stallers = value; return this; }
        public Builder stallAwake(Duration value) { stallAwake = value; return this; }
        public Builder stall(Duration value) { stall = value; return this; }
        public Builder churnPerSecond(double value) { churnPerSecond = value; return this; }
        public Builder churnHold(Duration value) { churnHold = value; return this; }
        public Builder sampleEvery(Duration value) { sampleEvery = value; return this; }
        public Builder historySize(long value) { historySize = value; return this; }
        public Builder hubMaxPendingBytes(String value) { hubMaxPendingBytes = value; return this; }
        public Builder hubJvmOptions(List<String> value) { hubJvmOptions = value; return this; }
        public Builder hubCpus(String value) { hubCpus = value; return this; }
        public Builder tolerance(double value) { tolerance = value; return this; }
        public Builder drain(Duration value) { drain = value; return this; }
        public Builder workDir(Path value) { workDir = value; return this; }
        public Builder keepWorkDir(boolean value) { keepWorkDir = value; return this; }

        public SoakOptions build() {
            return new SoakOptions(duration, rate, topics, privateTopics, topicsPerReader, payloadBytes,
                    publishConnections, keepers, cyclers, cycleHold, cycleAway, stallers, stallAwake, stall,
                    churnPerSecond, churnHold, sampleEvery, historySize, hubMaxPendingBytes, hubJvmOptions, hubCpus,
                    tolerance, drain, workDir, keepWorkDir);
        }
    }
}
