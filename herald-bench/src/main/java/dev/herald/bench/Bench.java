package dev.herald.bench;

import dev.herald.bench.internal.Attack;
import dev.herald.bench.internal.LiveHeap;
import dev.herald.bench.internal.Loopback;
import dev.herald.bench.internal.PeakRss;
import dev.herald.bench.internal.ProcStats;
import dev.herald.bench.internal.ProcessCpu;
import dev.herald.bench.internal.PublishPlan;
import dev.herald.bench.internal.PublishResult;
import dev.herald.bench.internal.Publisher;
import dev.herald.bench.internal.WorkerResult;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario: starts the workers (each opens its slice of the subscribers), publishes from this
 * process, lets the workers drain, reads the hub's /proc figures around the measured phase, and
 * merges everything into a {@link Report}. Every wait is bounded; nothing outlives the run.
 */
public final class Bench {

    private static final Logger LOG = LoggerFactory.getLogger(Bench.class);
    /** How long the publisher waits for the last answers after its schedule ended. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    /** Slack on top of a worker's own time limits before the coordinator gives up on it. */
    private static final Duration WORKER_SLACK = Duration.ofSeconds(30);

    private final BenchOptions options;
    private final InetAddress target;
    /** Where publishers connect: the hub, or another node of its cluster. */
    private final InetAddress publishTarget;
    private final List<String> topics = new ArrayList<>();

    private Bench(BenchOptions options) {
        this.options = options;
        this.target = Loopback.require(options.url().getHost());
        this.publishTarget = Loopback.require(options.effectivePublishUrl().getHost());
        for (int i = 0; i < options.topics(); i++) {
            topics.add(options.topicPrefix() + i);
        }
    }

    /** Runs the scenario against a hub that is already running; blocks for about its duration. */
    public static Report run(BenchOptions options) throws InterruptedException {
        return new Bench(options).execute();
    }

    private Report execute() throws InterruptedException {
        Instant started = Instant.now();
        long cpuAtStart = ProcessCpu.nanos();
        long hardDeadline = System.currentTimeMillis() + options.hardDeadline().toMillis();
        ServerProbe server = new ServerProbe(options.serverPid());
        ProcStats beforeConnect = server.read();
        WorkerPool workers = WorkerPool.start(options, target, topics, hardDeadline);
        Publisher publisher = null;
        Attack attack = null;
        PeakRss peak = null;
        WarmupMark afterWarmup = null;
        try {
            Duration connectLimit = options.connectTimeout().plus(WORKER_SLACK);
            List<WorkerResult.Ready> ready = workers.each(worker -> worker.awaitReady(connectLimit));
            int connected = ready.stream().mapToInt(WorkerResult.Ready::opened).sum();
            if (options.subscribers() > 0 && connected == 0) {
                throw new IllegalStateException("no subscriber connected to " + options.url() + ": "
                        + ready.get(0).failures());
            }
            LOG.info("{} of {} subscribers connected", connected, options.subscribers());
            Long liveHeapBefore = liveHeap();
            ProcStats beforeAttack = server.read();
            attack = openAttack();
            ProcStats beforeRun = server.read();
            peak = options.serverPid() > 0 ? PeakRss.of(options.serverPid()) : null;
            Phase phase = Phase.start(ready.stream().mapToLong(WorkerResult.Ready::cpuNanos).sum());
            PublishResult published;
            if (options.scenario() == Scenario.FILL) {
                publisher = new Publisher(publishPlan());
                publisher.connect(options.connectTimeout());
                LOG.info("publishing {} updates (at most {})", options.count(), options.duration());
                published = publisher.fill(options.count(), options.duration().plus(ANSWER_TIMEOUT));
            } else if (options.scenario() == Scenario.IDLE) {
                Thread.sleep(options.duration().toMillis()); // the measurement: connections held idle
                published = PublishResult.none(topics.size());
            } else {
                publisher = new Publisher(publishPlan());
                publisher.connect(options.connectTimeout());
                LOG.info("publishing for {} after a warm-up of {}", options.duration(), options.warmup());
                afterWarmup = WarmupMark.start(options.warmup(), server::read);
                published = options.scenario().openLoop()
                        ? publisher.openLoop(options.rate(), options.warmup(), options.duration(), ANSWER_TIMEOUT)
                        : publisher.closedLoop(options.warmup(), options.duration(), ANSWER_TIMEOUT);
            }
            long[] acked = published.ackedPerTopic();
            Duration drainLimit = options.drain().plus(WORKER_SLACK);
            List<WorkerResult.Drained> drained =
                    workers.each(worker -> worker.drain(acked, options.drain(), drainLimit));
            ProcStats afterRun = server.read();
            phase = phase.end(drained.stream().mapToLong(WorkerResult.Drained::cpuNanos).sum());
            Long peakKb = peak == null ? null : peak.peakKb();
            Long liveHeapAfter = liveHeap();
            Attack.AttackResult attackResult = attack == null ? null : attack.finish();
            List<WorkerResult> results = workers.each(worker -> worker.finish(WORKER_SLACK));
            long cpuNanos = ProcessCpu.nanos() - cpuAtStart;
            ReportBuilder report = new ReportBuilder(options, started, workers.size())
                    .server(server.pid(), beforeConnect, beforeRun, afterRun)
                    .serverAfterWarmup(afterWarmup == null || server.pid() <= 0 ? null : afterWarmup.stats())
                    .serverMemory(peakKb, liveHeapBefore, liveHeapAfter)
                    .phase(phase.wallNanos(), phase.toolCpuNanos());
            if (attackResult != null) {
                report.attack(attackResult, server.pid() > 0 ? beforeAttack.rssKb() : null);
            }
            return report.build(published, results, cpuNanos);
        } finally {
            if (afterWarmup != null) {
                afterWarmup.close();
            }
            if (peak != null) {
                peak.close();
            }
            if (attack != null) {
                attack.close();
            }
            if (publisher != null) {
                publisher.close();
            }
            workers.close();
        }
    }

    /**
     * Opens the hostile connections, if any, and waits (bounded) for their answers, so that the
     * measured phase starts with the attack in place; null without an attack.
     */
    private Attack openAttack() throws InterruptedException {
        if (!options.attack().any()) {
            return null;
        }
        Attack attack = Attack.open(options.attack(), target.getHostAddress(), options.port(),
                options.effectiveSubscribePath(), topics.get(0));
        if (!attack.awaitAnswers(AttackOptions.SETTLE)) {
            LOG.info("some attack connections had no answer after {}; going on", AttackOptions.SETTLE);
        }
        return attack;
    }

    /** The hub's live heap with {@code --live-heap}, else null (see {@link LiveHeap}). */
    private Long liveHeap() {
        return options.liveHeap() ? LiveHeap.read(options.serverPid(), BenchOptions.LIVE_HEAP_TIMEOUT) : null;
    }

    private PublishPlan publishPlan() {
        return new PublishPlan(publishTarget.getHostAddress(), options.publishPort(), options.api(), options.effectivePublishPath(),
                topics, options.payloadBytes(), options.publishConnections(), options.publisherToken(), 0);
    }

    /**
     * The measured phase, from all subscribers connected to deliveries drained: its wall time and the
     * tool's CPU in it (this JVM's and the forked workers'), to show whether the tool was saturated.
     */
    private record Phase(long startNanos, long startCpuNanos, long wallNanos, long toolCpuNanos) {
        static Phase start(long workersCpuNanos) {
            return new Phase(System.nanoTime(), ProcessCpu.nanos() + workersCpuNanos, 0, 0);
        }

        Phase end(long workersCpuNanos) {
            return new Phase(startNanos, startCpuNanos, System.nanoTime() - startNanos,
                    ProcessCpu.nanos() + workersCpuNanos - startCpuNanos);
        }
    }

    /** The hub's /proc figures when its pid was given; zeros otherwise. */
    private record ServerProbe(long pid) {
        ProcStats read() {
            return pid > 0 ? ProcStats.read(pid) : new ProcStats(0, 0);
        }
    }
}
