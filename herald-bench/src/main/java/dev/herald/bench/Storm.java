package dev.herald.bench;

import dev.herald.bench.internal.Loopback;
import dev.herald.bench.internal.ProcStats;
import dev.herald.bench.internal.PublishPlan;
import dev.herald.bench.internal.PublishResult;
import dev.herald.bench.internal.Publisher;
import dev.herald.bench.internal.RestartCommand;
import dev.herald.bench.internal.WorkerResult;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconnect storm (issue 13): every subscriber loses the hub at once and comes back within a
 * second, each with its Last-Event-ID and the same number of updates behind.
 *
 * <ol>
 *   <li>The subscribers connect (spread over the workers' source addresses), {@code before} updates are
 *       published and every subscriber receives them: each now has an event id to resume from.
 *   <li>Every subscriber is disconnected (the tool closes them, as a hub going away would), and
 *       {@code behind} updates are published and acknowledged while none is connected. Updates cannot
 *       be published while a hub is down, so they are published just before it stops: they reach the
 *       subscribers only through the history, across the restart.
 *   <li>The restart command stops the hub (SIGTERM or SIGKILL, as it chooses) and starts it again on the
 *       same data and port.
 *   <li>Every subscriber reconnects with its Last-Event-ID, the starts spread over {@code spread}; a 503
 *       is retried after its Retry-After. The time from the first reconnect until every subscriber
 *       received every update is the figure, with loss and duplicates over both connections, and the
 *       restarted hub's peak RSS since it started.
 * </ol>
 */
public final class Storm {

    private static final Logger LOG = LoggerFactory.getLogger(Storm.class);
    private static final Duration WORKER_SLACK = Duration.ofSeconds(30);

    private final BenchOptions options;
    private final StormOptions storm;
    private final InetAddress target;
    private final List<String> topics;

    private Storm(BenchOptions options, StormOptions storm) {
        this.options = options;
        this.storm = storm;
        this.target = Loopback.require(options.url().getHost());
        this.topics = List.of(options.topicPrefix() + 0);
    }

    /** Runs the storm against a running hub; blocks for its phases, each bounded. */
    public static StormReport run(BenchOptions options, StormOptions storm) throws InterruptedException {
        if (options.subscribers() < 1) {
            throw new IllegalArgumentException("a storm needs subscribers");
        }
        return new Storm(options, storm).execute();
    }

    private StormReport execute() throws InterruptedException {
        Instant started = Instant.now();
        long hardDeadline = System.currentTimeMillis() + options.hardDeadline().plus(storm.extraTime()).toMillis();
        try (WorkerPool workers = WorkerPool.start(options, target, topics, hardDeadline)) {
            Duration connectLimit = options.connectTimeout().plus(WORKER_SLACK);
            List<WorkerResult.Ready> ready = workers.each(worker -> worker.awaitReady(connectLimit));
            int connected = ready.stream().mapToInt(WorkerResult.Ready::opened).sum();
            LOG.info("{} of {} subscribers connected; publishing {} updates", connected, options.subscribers(), storm.before());
            PublishResult before;
            PublishResult behind;
            int withId;
            // One publisher for both phases: its sequence numbers go on, so the subscribers can tell the
            // updates of the second phase from those of the first.
            try (Publisher publisher = publisher()) {
                before = publish(publisher, storm.before(), 0);
                // Not measured, so it may take as long as the catch-up: every subscriber needs an id to resume from.
                Duration drainLimit = storm.catchUpLimit().plus(WORKER_SLACK);
                long received = workers.each(worker -> worker.drain(before.ackedPerTopic(), storm.catchUpLimit(), drainLimit))
                        .stream().mapToLong(WorkerResult.Drained::delivered).sum();
                if (received < (long) connected * storm.before()) {
                    LOG.warn("only {} of {} deliveries before the storm arrived", received, (long) connected * storm.before());
                }
                withId = workers.each(worker -> worker.disconnect(WORKER_SLACK)).stream()
                        .mapToInt(WorkerResult.Disconnected::withLastEventId).sum();
                LOG.info("all disconnected ({} with a Last-Event-ID); publishing {} updates", withId, storm.behind());
                behind = publish(publisher, storm.behind(), before.acked()); // counts both phases
            }
            StormReport.Restart restart = restart();
            long pid = restart != null ? restart.newPid() : options.serverPid();
            ProcStats atStorm = pid > 0 ? ProcStats.read(pid) : null;
            long[] acked = behind.ackedPerTopic();
            LOG.info("reconnecting {} subscribers over {}", connected, storm.spread());
            long stormStart = System.nanoTime();
            Duration reconnectLimit = storm.catchUpLimit().plus(WORKER_SLACK);
            List<WorkerResult.Reconnected> reconnected = workers.each(
                    worker -> worker.reconnect(storm.spread().toMillis(), storm.catchUpLimit().toMillis(), reconnectLimit));
            long left = Math.max(0, storm.catchUpLimit().toNanos() - (System.nanoTime() - stormStart));
            List<WorkerResult.Drained> drained = workers.each(
                    worker -> worker.drain(acked, Duration.ofNanos(left), Duration.ofNanos(left).plus(WORKER_SLACK)));
            long catchUpNanos = System.nanoTime() - stormStart;
            boolean caughtUp = drained.stream().allMatch(d -> d.delivered() >= d.expected());
            ProcStats afterStorm = pid > 0 ? ProcStats.read(pid) : null;
            long peakKb = pid > 0 ? ProcStats.peakRssKb(pid) : 0;
            List<WorkerResult> results = workers.each(worker -> worker.finish(WORKER_SLACK));
            StormReport.Server server = pid > 0
                    ? new StormReport.Server(pid, peakKb, afterStorm.rssKb(), afterStorm.cpuMicros() - atStorm.cpuMicros())
                    : null;
            return new StormReport("storm", started.truncatedTo(ChronoUnit.SECONDS).toString(), ReportBuilder.revision(),
                    parameters(workers.size()), subscribers(connected, withId, reconnected, results), before.acked(),
                    behind.acked() - before.acked(),
                    restart, caughtUp ? Math.round(catchUpNanos / 1e5) / 10.0 : null, deliveries(results), server);
        }
    }

    private Publisher publisher() {
        Publisher publisher = new Publisher(new PublishPlan(target.getHostAddress(), options.port(), options.api(),
                options.effectivePublishPath(), topics, options.payloadBytes(), options.publishConnections(),
                options.publisherToken(), 0));
        try {
            publisher.connect(options.connectTimeout());
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
        return publisher;
    }

    /**
     * Publishes {@code count} more updates back to back and waits for their answers; all must be
     * acknowledged. The result counts every phase so far ({@code ackedBefore} from the earlier ones).
     */
    private PublishResult publish(Publisher publisher, int count, long ackedBefore) throws InterruptedException {
        PublishResult result = publisher.fill(count, options.duration().plus(Bench.ANSWER_TIMEOUT));
        if (result.acked() != ackedBefore + count) {
            throw new IllegalStateException(count + " updates published, " + (result.acked() - ackedBefore)
                    + " acknowledged: " + result.failures());
        }
        return result;
    }

    private StormReport.Restart restart() throws InterruptedException {
        if (storm.restartCommand() == null) {
            return null;
        }
        LOG.info("restarting the hub (pid {}): {}", options.serverPid(), storm.restartCommand());
        long start = System.nanoTime();
        long newPid = RestartCommand.run(storm.restartCommand(), options.serverPid(), storm.restartTimeout());
        double seconds = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
        LOG.info("the hub is back as pid {} after {} s", newPid, seconds);
        return new StormReport.Restart(options.serverPid(), newPid, seconds);
    }

    private StormReport.Subscribers subscribers(int connected, int withId, List<WorkerResult.Reconnected> reconnected,
            List<WorkerResult> results) {
        Map<String, Long> failures = new TreeMap<>();
        reconnected.forEach(r -> r.failures().forEach((reason, count) -> failures.merge(reason, count, Long::sum)));
        return new StormReport.Subscribers(options.subscribers(), connected, withId,
                reconnected.stream().mapToInt(WorkerResult.Reconnected::reopened).sum(),
                reconnected.stream().mapToInt(WorkerResult.Reconnected::failed).sum(),
                reconnected.stream().mapToLong(WorkerResult.Reconnected::retries).sum(),
                results.stream().mapToInt(WorkerResult::closedByServer).sum(), failures);
    }

    /** Deliveries over the whole run: both connections of every subscriber, against everything published. */
    static Report.Deliveries deliveries(List<WorkerResult> results) {
        return Report.Deliveries.sum(results, 0);
    }

    private Map<String, Object> parameters(int workers) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("label", options.effectiveLabel());
        parameters.put("url", options.url().toString());
        parameters.put("subscribers", options.subscribers());
        parameters.put("before", storm.before());
        parameters.put("behind", storm.behind());
        parameters.put("spreadSeconds", storm.spread().toMillis() / 1000.0);
        parameters.put("catchUpLimitSeconds", storm.catchUpLimit().toMillis() / 1000.0);
        parameters.put("restartCommand", storm.restartCommand());
        parameters.put("payloadBytes", options.payloadBytes());
        parameters.put("workers", workers);
        parameters.put("inProcess", options.inProcess());
        return parameters;
    }
}
