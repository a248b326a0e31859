package dev.herald.bench.chaos;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault while the hub is loaded (issue 17): subscribers spread over the nodes, publishes at a steady
 * rate through the nodes, then a fault, then the same load again.
 *
 * <ol>
 *   <li>Every subscriber connects (each on one topic, spread over the nodes); publishing starts.
 *   <li>After {@code before}, the fault command runs (kill -9 a node, restart or pause Redis, fill a
 *       disk...) and returns when the fault is over. Publishing goes on throughout; each answer is recorded.
 *       Subscribers whose stream ends reconnect, to the next node, with their Last-Event-ID.
 *   <li>After the fault, every {@code dropEvery}-th subscriber is disconnected and resumes with its
 *       Last-Event-ID: how the hub answers a resume from the state the fault left. The catch-up time is
 *       measured from the end of the fault until every subscriber has every update acknowledged before
 *       that end.
 *   <li>Publishing goes on for {@code after}, then stops; the run waits (bounded) until every subscriber
 *       has every acknowledged update, and compares what arrived with what was acknowledged, refused or
 *       left unknown.
 * </ol>
 */
public final class Chaos {

    private static final Logger LOG = LoggerFactory.getLogger(Chaos.class);
    private static final String TOPIC_PREFIX = "https://herald.local/chaos/";
    private static final long POLL_MILLIS = 100;
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(30);

    private final ChaosOptions options;

    private Chaos(ChaosOptions options) {
        this.options = options;
    }

    public static ChaosReport run(ChaosOptions options) throws InterruptedException {
        return new Chaos(options).execute();
    }

    private ChaosReport execute() throws InterruptedException {
        Instant started = Instant.now();
        List<String> topics = new ArrayList<>();
        for (int t = 0; t < options.topics(); t++) {
            topics.add(TOPIC_PREFIX + t);
        }
        try (ChaosSubscribers subscribers = new ChaosSubscribers(options.nodes(), topics, options.subscribers(),
                options.reconnectDelay().toMillis())) {
            long connectLimit = 1_000L * options.subscribers() / options.connectRate() + 60_000;
            int connected = subscribers.connect(options.connectRate(), connectLimit);
            LOG.info("{} of {} subscribers connected; publishing {}/s", connected, options.subscribers(), options.rate());
            Timeline timeline = new Timeline();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            try (ChaosPublisher publisher = new ChaosPublisher(options.nodes(), topics, options.payloadBytes(), timeline)) {
                if (!publisher.warmUp(WARM_UP_LIMIT)) {
                    LOG.warn("publishes were still slow after {} of warm-up: the machine is loaded", WARM_UP_LIMIT);
                }
                String loadBefore = loadAverage();
                timeline.begin();
                sampler.scheduleAtFixedRate(() -> timeline.sample(subscribers.deliveries(), subscribers.openStreams(),
                        subscribers.reconnects()), 1, 1, TimeUnit.SECONDS);
                publisher.start(options.rate());
                Thread.sleep(options.before().toMillis());
                long faultBegan = System.nanoTime();
                LOG.info("fault: {}", options.faultCommand());
                int exitCode = runFault();
                long faultEnded = System.nanoTime();
                LOG.info("the fault is over after {} s (exit {})", Math.round((faultEnded - faultBegan) / 1e8) / 10.0, exitCode);
                long[] sentBeforeEnd = publisher.sentSoFar();
                int dropped = options.dropEvery() > 0 ? subscribers.dropEvery(options.dropEvery()) : 0;

                long publishUntil = faultEnded + options.after().toNanos();
                long catchUpDeadline = faultEnded + options.catchUpLimit().toNanos();
                Double catchUpSeconds = null;
                boolean publishing = true;
                while (System.nanoTime() < Math.max(publishUntil, catchUpDeadline)) {
                    if (publishing && System.nanoTime() >= publishUntil) {
                        publisher.stop();
                        publishing = false;
                    }
                    if (catchUpSeconds == null && System.nanoTime() < catchUpDeadline
                            && !publisher.answerPendingFrom(faultEnded)
                            && subscribers.allHave(publisher.acked(sentBeforeEnd))) {
                        catchUpSeconds = Math.round((System.nanoTime() - faultEnded) / 1e8) / 10.0;
                        LOG.info("every subscriber has every update acknowledged before the fault ended: {} s after", catchUpSeconds);
                    }
                    if (!publishing && (catchUpSeconds != null || System.nanoTime() >= catchUpDeadline)) {
                        break;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                if (publishing) {
                    publisher.stop();
                }
                boolean caughtUpAtEnd = await(() -> subscribers.allHave(publisher.acked(null)),
                        options.catchUpLimit().toMillis());
                sampler.shutdown();
                ChaosReport.Fault fault = new ChaosReport.Fault(options.faultCommand(), timeline.secondsAt(faultBegan),
                        timeline.secondsAt(faultEnded), exitCode);
                return new ChaosReport("chaos", started.truncatedTo(ChronoUnit.SECONDS).toString(),
                        System.getenv("HERALD_BENCH_REVISION"), parameters(loadBefore, loadAverage()), fault, publishes(publisher, timeline),
                        subscribers(subscribers, connected, dropped), deliveries(subscribers, publisher), catchUpSeconds,
                        caughtUpAtEnd, timeline.seconds());
            } finally {
                sampler.shutdownNow();
            }
        }
    }

    /** {@code bash -c COMMAND}, its output on the tool's standard error, bounded by the fault timeout. */
    private int runFault() throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(List.of("bash", "-c", "(" + options.faultCommand() + ") 1>&2"))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the fault command (bash is needed)", e);
        }
        if (!process.waitFor(options.faultTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the fault command took over " + options.faultTimeout());
        }
        return process.exitValue();
    }

    private static boolean await(BooleanSupplier condition, long limitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS); // polling what the subscribers' loops record: bounded by the deadline
        }
        return true;
    }

    private static ChaosReport.Publishes publishes(ChaosPublisher publisher, Timeline timeline) {
        long acknowledged = count(publisher.acked(null));
        long refused = count(publisher.refused());
        long unknown = count(publisher.unknown());
        Integer first = null;
        Integer last = null;
        for (Timeline.Second second : timeline.seconds()) {
            if (second.refused() + second.unknown() > 0) {
                first = first == null ? second.second() - 1 : first;
                last = second.second() - 1;
            }
        }
        return new ChaosReport.Publishes(acknowledged + refused + unknown, acknowledged, refused, unknown,
                publisher.answers(), first, last);
    }

    private static ChaosReport.Subscribers subscribers(ChaosSubscribers pool, int connected, int dropped) {
        long closedByServer = 0;
        long exact = 0;
        long earliest = 0;
        for (ChaosSubscriber subscriber : pool.subscribers()) {
            ChaosSubscriber.Tally tally = subscriber.tally();
            closedByServer += tally.closedByServer();
            exact += tally.exactResumes();
            earliest += tally.earliestResumes();
        }
        return new ChaosReport.Subscribers(pool.subscribers().size(), connected, pool.openStreams(), pool.reconnects(),
                dropped, closedByServer, exact, earliest, pool.refusals());
    }

    private static ChaosReport.Deliveries deliveries(ChaosSubscribers pool, ChaosPublisher publisher) {
        BitSet[] acked = publisher.acked(null);
        BitSet[] refused = publisher.refused();
        BitSet[] unknown = publisher.unknown();
        long expected = 0;
        long received = 0;
        int missing = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long resent = 0;
        long deliveredUnknown = 0;
        long deliveredRefused = 0;
        for (ChaosSubscriber subscriber : pool.subscribers()) {
            int topic = subscriber.topic;
            long got = subscriber.countOf(acked[topic]);
            expected += acked[topic].cardinality();
            received += got;
            missing += got < acked[topic].cardinality() ? 1 : 0;
            deliveredUnknown += subscriber.countOf(unknown[topic]);
            deliveredRefused += subscriber.countOf(refused[topic]);
            ChaosSubscriber.Tally tally = subscriber.tally();
            duplicates += tally.duplicates();
            outOfOrder += tally.outOfOrder();
            resent += tally.resentAfterEarliest();
        }
        return new ChaosReport.Deliveries(expected, received, expected - received, missing, duplicates, outOfOrder, resent,
                deliveredUnknown, deliveredRefused);
    }

    private static long count(BitSet[] sets) {
        long sum = 0;
        for (BitSet set : sets) {
            sum += set.cardinality();
        }
        return sum;
    }

    /** The machine's load averages (1, 5, 15 min): other work on a 2-core machine shows in every figure. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private Map<String, Object> parameters(String loadBefore, String loadAfter) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("loadAverageBefore", loadBefore);
        parameters.put("loadAverageAfter", loadAfter);
        parameters.put("label", options.label());
        parameters.put("nodes", options.nodes().stream().map(Object::toString).toList());
        parameters.put("subscribers", options.subscribers());
        parameters.put("topics", options.topics());
        parameters.put("rate", options.rate());
        parameters.put("payloadBytes", options.payloadBytes());
        parameters.put("beforeSeconds", options.before().toSeconds());
        parameters.put("afterSeconds", options.after().toSeconds());
        parameters.put("catchUpLimitSeconds", options.catchUpLimit().toSeconds());
        parameters.put("reconnectDelayMillis", options.reconnectDelay().toMillis());
        parameters.put("dropEvery", options.dropEvery());
        return parameters;
    }
}
