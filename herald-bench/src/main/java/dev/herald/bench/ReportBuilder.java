package dev.herald.bench;

import dev.herald.bench.internal.Attack;
import dev.herald.bench.internal.Histograms;
import dev.herald.bench.internal.ProcStats;
import dev.herald.bench.internal.PublishResult;
import dev.herald.bench.internal.WorkerResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Merges the workers' results, the publisher's and the hub's /proc figures into a {@link Report}. */
final class ReportBuilder {

    private final BenchOptions options;
    private final Instant started;
    private final int workers;
    private long serverPid;
    private ProcStats beforeConnect;
    private ProcStats beforeRun;
    private ProcStats afterRun;
    private ProcStats afterWarmup;
    private long phaseNanos;
    private long phaseToolCpuNanos;
    private Long rssPeakKb;
    private Long liveHeapBefore;
    private Long liveHeapAfter;
    private Attack.AttackResult attack;
    private Long rssBeforeAttackKb;

    ReportBuilder(BenchOptions options, Instant started, int workers) {
        this.options = options;
        this.started = started;
        this.workers = workers;
    }

    /**
     * The hub's figures: before any subscriber connected, when the measured phase began (all
     * connected), and when it ended (deliveries drained, connections still open).
     */
    ReportBuilder server(long pid, ProcStats beforeConnect, ProcStats beforeRun, ProcStats afterRun) {
        this.serverPid = pid;
        this.beforeConnect = beforeConnect;
        this.beforeRun = beforeRun;
        this.afterRun = afterRun;
        return this;
    }

    /** The hub's figures at the end of the warm-up (null when not read: no warm-up, or the run ended first). */
    ReportBuilder serverAfterWarmup(ProcStats stats) {
        this.afterWarmup = stats;
        return this;
    }

    /** The hub's peak RSS in the measured phase, and its live heap before and after (nulls when not taken). */
    ReportBuilder serverMemory(Long peakKb, Long liveHeapBeforeBytes, Long liveHeapAfterBytes) {
        this.rssPeakKb = peakKb;
        this.liveHeapBefore = liveHeapBeforeBytes;
        this.liveHeapAfter = liveHeapAfterBytes;
        return this;
    }

    /** What the attack connections got, and the hub's RSS just before they opened (null without a pid). */
    ReportBuilder attack(Attack.AttackResult result, Long rssBeforeKb) {
        this.attack = result;
        this.rssBeforeAttackKb = rssBeforeKb;
        return this;
    }

    /** The measured phase's wall time and the tool's CPU time in it. */
    ReportBuilder phase(long wallNanos, long toolCpuNanos) {
        this.phaseNanos = wallNanos;
        this.phaseToolCpuNanos = toolCpuNanos;
        return this;
    }

    Report build(PublishResult published, List<WorkerResult> results, long coordinatorCpuNanos) {
        int connected = 0;
        int failed = 0;
        int closedByServer = 0;
        long workerCpuNanos = 0;
        Map<String, Long> failures = new TreeMap<>();
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        for (WorkerResult result : results) {
            connected += result.opened();
            failed += result.failed();
            closedByServer += result.closedByServer();
            workerCpuNanos += result.cpuNanos();
            result.failures().forEach((reason, count) -> failures.merge(reason, count, Long::sum));
            latency.add(Histograms.decode(result.latency()));
        }
        double publishSeconds = publishSeconds(published);
        double measuredSeconds = measuredSeconds(published);
        Report.Subscribers subscribers = new Report.Subscribers(options.subscribers(), connected, failed,
                closedByServer, failures);
        Report.Publishing publishing = new Report.Publishing(published.sent(), published.acked(), published.errors(),
                published.unanswered(), published.lateSends(), perSecond(published.measuredAcked(), measuredSeconds),
                published.failures());
        Report.Deliveries deliveries = Report.Deliveries.sum(results, publishSeconds);
        long unique = deliveries.delivered();
        long toolCpuMillis = TimeUnit.NANOSECONDS.toMillis(coordinatorCpuNanos + workerCpuNanos);
        Report.Tool tool = new Report.Tool(workers, toolCpuMillis, TimeUnit.NANOSECONDS.toMillis(phaseToolCpuNanos),
                share(phaseToolCpuNanos / 1000.0), unique == 0 ? null : round(phaseToolCpuNanos / 1000.0 / unique));
        return new Report(options.scenario().label(), started.truncatedTo(ChronoUnit.SECONDS).toString(), revision(),
                parameters(), round(phaseNanos / 1e9), subscribers, publishing, deliveries, Report.Latency.of(latency),
                Report.Latency.of(published.ackLatency()),
                server(connected, unique, published.acked(), published.measuredAcked()), tool,
                attackFigures());
    }

    /** Publishing time, warm-up included: the schedule in the open loop, first send to last answer otherwise. */
    private double publishSeconds(PublishResult published) {
        if (options.scenario().openLoop() || published.elapsedNanos() <= 0) {
            return options.warmup().plus(options.duration()).toNanos() / 1e9;
        }
        return published.elapsedNanos() / 1e9;
    }

    /** The same after the warm-up. */
    private double measuredSeconds(PublishResult published) {
        if (options.scenario().openLoop() || published.measuredNanos() <= 0) {
            return options.duration().toNanos() / 1e9;
        }
        return published.measuredNanos() / 1e9;
    }

    private Report.AttackFigures attackFigures() {
        if (attack == null) {
            return null;
        }
        long streams = attack.templateAnswers().getOrDefault("HTTP 200", 0L);
        Double perStream = liveHeapBefore == null || streams == 0 ? null
                : round((liveHeapAfter - liveHeapBefore) / (double) streams);
        return new Report.AttackFigures(attack, rssBeforeAttackKb, perStream);
    }

    private Report.Server server(int connected, long delivered, long publishes, long measuredPublishes) {
        if (serverPid <= 0) {
            return null;
        }
        long cpu = afterRun.cpuMicros() - beforeRun.cpuMicros();
        Double perConnection = connected == 0 ? null : round((afterRun.rssKb() - beforeConnect.rssKb()) / (double) connected);
        Double perDelivery = delivered == 0 ? null : round(cpu / (double) delivered);
        return new Report.Server(serverPid, beforeConnect.rssKb(), afterRun.rssKb(), perConnection, cpu, share(cpu),
                perDelivery, rssPeakKb, publishes == 0 ? null : round(cpu / (double) publishes),
                measuredPublishes == 0 || afterWarmup == null ? null
                        : round((afterRun.cpuMicros() - afterWarmup.cpuMicros()) / (double) measuredPublishes),
                liveHeapBefore, liveHeapAfter);
    }

    /** CPU time over the measured phase's wall time: 1.0 is one core busy all along. */
    private Double share(double cpuMicros) {
        return phaseNanos <= 0 ? null : round(cpuMicros / (phaseNanos / 1000.0));
    }

    private Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("label", options.effectiveLabel());
        parameters.put("url", options.url().toString());
        parameters.put("api", options.api().name().toLowerCase(java.util.Locale.ROOT));
        parameters.put("subscribers", options.subscribers());
        parameters.put("topics", options.topics());
        parameters.put("topicsPerSubscriber", options.topicsPerSubscriber());
        if (options.scenario().openLoop()) {
            parameters.put("rate", options.rate());
        }
        parameters.put("durationSeconds", options.duration().toMillis() / 1000.0);
        parameters.put("warmupSeconds", options.scenario() == Scenario.IDLE ? 0 : options.warmup().toMillis() / 1000.0);
        parameters.put("payloadBytes", options.payloadBytes());
        parameters.put("publishConnections", options.publishConnections());
        parameters.put("workers", workers);
        parameters.put("workerThreads", options.workerThreads());
        parameters.put("inProcess", options.inProcess());
        if (options.scenario() == Scenario.FILL) {
            parameters.put("count", options.count());
        }
        AttackOptions hostile = options.attack();
        if (hostile.any()) {
            parameters.put("nonReaders", hostile.nonReaders());
            parameters.put("nonReaderQuery", hostile.nonReaderQuery());
            parameters.put("templateStreams", hostile.templateStreams());
            parameters.put("templatesPerStream", hostile.templatesPerStream());
            parameters.put("templateFormat", hostile.templateFormat());
            parameters.put("attackAddresses", hostile.addresses());
        }
        return parameters;
    }

    private static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : round(count / seconds);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** HERALD_BENCH_REVISION (set by the launcher), else {@code git rev-parse --short HEAD} here. */
    static String revision() {
        String fromEnvironment = System.getenv("HERALD_BENCH_REVISION");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null; // no git here: the report says so with a null revision
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
