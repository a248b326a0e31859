package dev.herald.bench.cli;

import dev.herald.bench.SoakOptions;
import dev.herald.bench.SoakReport;
import dev.herald.bench.internal.Json;
import dev.herald.bench.plot.SoakChart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code soak}: starts a hub on the durable store and runs a mixed load on it for a long time (see
 * {@link dev.herald.bench.Soak}). Exits 0 when the verdict passes, {@value #FAILED} when it fails (1 when
 * the run could not be made, 2 on bad usage or the hard deadline, as every scenario).
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Starts a hub (durable store, loopback, a port the OS picks, a fresh data directory, an HS256 key) "
                + "and puts it under a mixed load for --duration: publishes at --rate to public and private topics, "
                + "keepers, cyclers that close and resume with their Last-Event-ID, stallers that stop reading until the "
                + "hub cuts them, and fresh subscriptions churning. Samples the hub's live heap after GC, RSS, "
                + "descriptors, threads and store files; passes when each is flat over the last two thirds (within "
                + "--tolerance; short runs add a small absolute slack) and nothing was lost, duplicated or leaked. "
                + "Prints a table and a JSON line and draws the samples (--plot). Exit 0: pass; 3: fail.",
        footer = {"%nExamples:", "  ./bench soak                                     the 30-minute soak",
                "  ./bench soak --duration 60s                      the short version (as in the tests)",
                "  ./bench soak --hub-cpus 0 --json-out docs/results/soak.jsonl --plot docs/soak.png"})
final class SoakCommand implements Callable<Integer> {

    static final int FAILED = 3;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "How long the load runs (30 s to 24 h). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
            description = "Publishes per second, round-robin over the topics. Default: 100 (short runs: 50).")
    Double rate;

    @Option(names = "--topics", paramLabel = "N", description = "Topics. Default: 8.")
    Integer topics;

    @Option(names = "--private-topics", paramLabel = "N",
            description = "Of them, the last ones carry private updates. Default: 4.")
    Integer privateTopics;

    @Option(names = "--topics-per-reader", paramLabel = "K",
            description = "Topics each keeper, cycler and churning subscription names (stallers name all). Default: 3.")
    Integer topicsPerReader;

    @Option(names = "--payload", paramLabel = "BYTES",
            description = "Length of each update's data. Default: 200 (short runs: 1000).")
    Integer payload;

    @Option(names = "--publish-connections", paramLabel = "N",
            description = "Keep-alive connections to publish on. Default: 16.")
    Integer publishConnections;

    @Option(names = "--keepers", paramLabel = "N",
            description = "Subscribers connected for the whole run. Default: 100 (short runs: 10).")
    Integer keepers;

    @Option(names = "--cyclers", paramLabel = "N",
            description = "Subscribers that close every --cycle-hold or so and resume with their Last-Event-ID after up "
                    + "to --cycle-away. Default: 100 (short runs: 20).")
    Integer cyclers;

    @Option(names = "--cycle-hold", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Each hold is drawn from half to one and a half times this. Default: 10s (short runs: 5s).")
    Duration cycleHold;

    @Option(names = "--cycle-away", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Default: 2s (short runs: 1s).")
    Duration cycleAway;

    @Option(names = "--stallers", paramLabel = "N",
            description = "Subscribers on every topic that read for --stall-awake, then not at all for --stall (the hub "
                    + "cuts them as slow consumers), then resume. Default: 10 (short runs: 4).")
    Integer stallers;

    @Option(names = "--stall-awake", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Default: 15s (short runs: 4s).")
    Duration stallAwake;

    @Option(names = "--stall", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Default: 45s (short runs: 8s).")
    Duration stall;

    @Option(names = "--churn", paramLabel = "PER_SECOND",
            description = "Fresh subscriptions opened per second, each closed after up to --churn-hold. "
                    + "Default: 20 (short runs: 5).")
    Double churn;

    @Option(names = "--churn-hold", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Default: 3s.")
    Duration churnHold;

    @Option(names = "--sample-every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Default: a fifteenth of the run, between 2 s and 1 minute.")
    Duration sampleEvery;

    @Option(names = "--history-size", paramLabel = "N",
            description = "The hub's --history-size. Default: what a sixth of the run publishes (full halfway through "
                    + "the warm-up), at least twice what a reader misses while away.")
    Long historySize;

    @Option(names = "--hub-max-pending", paramLabel = "SIZE",
            description = "The hub's --max-pending-bytes. Default: the hub's, 256KiB (short runs: 64KiB, so that "
                    + "stallers are cut within seconds).")
    String hubMaxPending;

    @Option(names = "--hub-jvm-opts", paramLabel = "OPTS", split = " ",
            description = "The hub JVM's options. Default: ./herald's (-XX:MaxNewSize=32m -Xms64m -XX:MetaspaceSize=64m).")
    List<String> hubJvmOptions;

    @Option(names = "--hub-cpus", paramLabel = "CPUS",
            description = "Run the hub under taskset -c CPUS (e.g. 0, and the tool under taskset -c 1). Default: no pinning.")
    String hubCpus;

    @Option(names = "--tolerance", paramLabel = "PERCENT", defaultValue = "5",
            description = "How much a series may grow over the measured window, in percent. Default: ${DEFAULT-VALUE}.")
    double tolerancePercent;

    @Option(names = "--drain", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the readers may take to get what they miss once publishing ends. "
                    + "Default: 30s (short runs: 20s).")
    Duration drain;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the hub's data directory and log go (a fresh directory inside it, deleted after a "
                    + "passing run). Default: the system's temporary directory.")
    Path workDir;

    @Option(names = "--keep", description = "Keep the hub's data directory and log after a passing run too.")
    boolean keep;

    @Option(names = "--plot", paramLabel = "PNG", defaultValue = "soak.png",
            description = "The chart of the samples. Default: ${DEFAULT-VALUE}.")
    Path plot;

    @Option(names = "--json-out", paramLabel = "FILE", description = "Also append the JSON line to this file.")
    Path jsonOut;

    @Override
    public Integer call() throws Exception {
        SoakOptions.Builder builder = SoakOptions.builder(duration).tolerance(tolerancePercent / 100)
                .keepWorkDir(keep).sampleEvery(sampleEvery).hubCpus(hubCpus);
        if (rate != null) builder.rate(rate);
        if (topics != null) builder.topics(topics);
        if (privateTopics != null) builder.privateTopics(privateTopics);
        if (topicsPerReader != null) builder.topicsPerReader(topicsPerReader);
        if (payload != null) builder.payloadBytes(payload);
        if (publishConnections != null) builder.publishConnections(publishConnections);
        if (keepers != null) builder.keepers(keepers);
        if (cyclers != null) builder.cyclers(cyclers);
        if (cycleHold != null) builder.cycleHold(cycleHold);
        if (cycleAway != null) builder.cycleAway(cycleAway);
        if (stallers != null) builder.stallers(stallers);
        if (stallAwake != null) builder.stallAwake(stallAwake);
        if (stall != null) builder.stall(stall);
        if (churn != null) builder.churnPerSecond(churn);
        if (churnHold != null) builder.churnHold(churnHold);
        if (historySize != null) builder.historySize(historySize);
        if (hubMaxPending != null) builder.hubMaxPendingBytes(hubMaxPending);
        if (hubJvmOptions != null) builder.hubJvmOptions(hubJvmOptions);
        if (drain != null) builder.drain(drain);
        if (workDir != null) builder.workDir(workDir);
        SoakOptions options = builder.build();
        HardDeadline.arm(options.duration().plus(dev.herald.bench.Soak.overhead(options)));
        SoakReport report = dev.herald.bench.Soak.run(options);
        ScenarioCommand.print(report.table(), Json.line(report), jsonOut);
        System.setProperty("java.awt.headless", "true");
        new SoakChart(SoakChart.DEFAULT_WIDTH, SoakChart.DEFAULT_HEIGHT).write(report, plot);
        System.err.println("herald-bench soak: wrote " + plot);
        return report.pass() ? 0 : FAILED;
    }
}
