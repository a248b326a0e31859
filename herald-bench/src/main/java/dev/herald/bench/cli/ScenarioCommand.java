package dev.herald.bench.cli;

import dev.herald.bench.Api;
import dev.herald.bench.Bench;
import dev.herald.bench.BenchOptions;
import dev.herald.bench.Report;
import dev.herald.bench.ReportTable;
import dev.herald.bench.Scenario;
import dev.herald.bench.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * The options every scenario shares, and the run itself: build {@link BenchOptions}, arm the hard
 * deadline, run, print the table and the JSON line.
 */
abstract class ScenarioCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The hub (loopback addresses only). Default: ${DEFAULT-VALUE}.")
    URI url;

    @Option(names = "--publish-url", paramLabel = "URL",
            description = "Publish to this hub instead of --url (another node of a cluster: measures across nodes; "
                    + "loopback only). Default: --url.")
    URI publishUrl;

    @Option(names = {"--publish", "--api"}, paramLabel = "API", defaultValue = "mercure",
            description = "How to publish and subscribe: mercure (form POST to /.well-known/mercure, GET ?topic=), "
                    + "demo (POST /send {\"message\"}, GET /stream), raw (the message is the POST body). Default: ${DEFAULT-VALUE}.")
    String api;

    @Option(names = "--subscribe-path", paramLabel = "PATH",
            description = "Subscription path; {topic} is replaced by the topic. Default: the API's.")
    String subscribePath;

    @Option(names = "--publish-path", paramLabel = "PATH",
            description = "Publish path; {topic} is replaced by the topic. Default: the API's (raw: /publish).")
    String publishPath;

    @Option(names = "--topic-prefix", paramLabel = "TEXT", defaultValue = BenchOptions.DEFAULT_TOPIC_PREFIX,
            description = "Topic i is this prefix followed by i. Default: ${DEFAULT-VALUE}.")
    String topicPrefix;

    @Option(names = "--subs", paramLabel = "N", description = "Subscribers. Default: 1000 (publish: 0).")
    Integer subscribers;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to publish (idle: to stay connected; fill: the time limit). Default: 10s (fill: 10m).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Publish this long first; counted for loss, left out of latencies and rates. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--token", paramLabel = "JWT", description = "Publisher JWT (Authorization: Bearer).")
    String publisherToken;

    @Option(names = "--subscriber-token", paramLabel = "JWT", description = "Subscriber JWT (Authorization: Bearer).")
    String subscriberToken;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
            description = "Subscriber processes, each from its own source address 127.0.0.(2+k). Default: one per --subs-per-worker.")
    int workers;

    @Option(names = "--subs-per-worker", paramLabel = "N", defaultValue = "" + BenchOptions.DEFAULT_SUBSCRIBERS_PER_WORKER,
            description = "Subscribers per worker process when --workers is 0. Default: ${DEFAULT-VALUE}.")
    int subscribersPerWorker;

    @Option(names = "--in-process", description = "Run the subscribers inside this JVM (one worker, no fork).")
    boolean inProcess;

    @Option(names = "--worker-threads", paramLabel = "N", defaultValue = "1",
            description = "Event loops per worker. Default: ${DEFAULT-VALUE}.")
    int workerThreads;

    @Option(names = "--worker-jvm-opts", paramLabel = "OPTS", split = " ", defaultValue = "-XX:+UseSerialGC -Xmx1g",
            description = "JVM options of the worker processes. Default: ${DEFAULT-VALUE}.")
    List<String> workerJvmOptions;

    @Option(names = "--connect-concurrency", paramLabel = "N", defaultValue = "" + BenchOptions.DEFAULT_CONNECT_CONCURRENCY,
            description = "Connection attempts in flight per worker. Default: ${DEFAULT-VALUE}.")
    int connectConcurrency;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long the subscribers may take to connect. Default: ${DEFAULT-VALUE}.")
    Duration connectTimeout;

    @Option(names = "--drain", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long to wait for deliveries after the last publish. Default: ${DEFAULT-VALUE}.")
    Duration drain;

    @Option(names = "--server-pid", paramLabel = "PID", defaultValue = "0",
            description = "The hub's process id: its RSS and CPU time are read from /proc/PID.")
    long serverPid;

    @Option(names = "--label", paramLabel = "TEXT",
            description = "What the report calls the server measured (parameters.label), to tell servers apart in one "
                    + "--json-out file. Default: herald, or with --api raw the URL's host:port.")
    String label;

    @Option(names = "--live-heap",
            description = "Read the hub's live heap (jcmd PID GC.class_histogram: a full collection) before the "
                    + "attack and after the run; needs --server-pid.")
    boolean liveHeap;

    @Option(names = "--json-out", paramLabel = "FILE", description = "Also append the JSON line to this file.")
    Path jsonOut;

    abstract Scenario scenario();

    /** The scenario's own options and defaults. */
    abstract void configure(BenchOptions.Builder builder);

    int defaultSubscribers() {
        return 1000;
    }

    Duration defaultDuration() {
        return BenchOptions.DEFAULT_DURATION;
    }

    @Override
    public Integer call() throws Exception {
        BenchOptions.Builder builder = BenchOptions.builder(scenario()).url(url)
                .api(Api.valueOf(api.toUpperCase(Locale.ROOT))).subscribePath(subscribePath).publishPath(publishPath)
                .topicPrefix(topicPrefix).subscribers(subscribers != null ? subscribers : defaultSubscribers())
                .duration(duration != null ? duration : defaultDuration()).warmup(warmup).liveHeap(liveHeap).publisherToken(publisherToken).subscriberToken(subscriberToken).workers(workers)
                .subscribersPerWorker(subscribersPerWorker).inProcess(inProcess).workerThreads(workerThreads)
                .workerJvmOptions(workerJvmOptions).connectConcurrency(connectConcurrency)
                .connectTimeout(connectTimeout).drain(drain).serverPid(serverPid).publishUrl(publishUrl)
                .label(label);
        configure(builder);
        BenchOptions options = builder.build();
        run(options);
        return 0;
    }

    /** Arms the hard deadline, runs the scenario and prints its table and JSON line. */
    void run(BenchOptions options) throws Exception {
        HardDeadline.arm(options.hardDeadline());
        Report report = Bench.run(options);
        print(ReportTable.format(report), Json.line(report), jsonOut);
    }

    /** Prints the table and the JSON line, and appends the line to {@code jsonOut} when given. */
    static void print(String table, String json, Path jsonOut) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(table);
        out.println(json);
        if (jsonOut != null) {
            appendLine(jsonOut, json);
        }
    }

    private static void appendLine(Path file, String line) throws IOException {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
