package dev.herald.bench;

import dev.herald.bench.internal.HubMetrics;
import dev.herald.bench.internal.HubProcess;
import dev.herald.bench.internal.PublishPlan;
import dev.herald.bench.internal.PublishResult;
import dev.herald.bench.internal.Publisher;
import dev.herald.bench.internal.RoleTally;
import dev.herald.bench.internal.SoakClients;
import dev.herald.client.token.MercureClaims;
import dev.herald.client.token.SigningKey;
import dev.herald.client.token.TokenAlgorithm;
import dev.herald.client.token.TokenMinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak (issue 17): one hub on the durable store, started by the tool, under a mixed load for a long
 * time, sampled as it goes.
 *
 * <ol>
 *   <li>A hub starts in a JVM of its own ({@link HubProcess}: loopback, a port the OS picks, a fresh
 *       data directory, an HS256 key, a history that fills within the warm-up).
 *   <li>The readers connect ({@link SoakClients}: keepers, cyclers, stallers), then the publisher sends
 *       at a steady rate to public and private topics while fresh subscriptions churn, cyclers close
 *       and resume with their Last-Event-ID, and stallers stop reading until the hub cuts them.
 *   <li>Meanwhile the hub is sampled ({@link SoakSampler}): live heap after a full GC, RSS, descriptors,
 *       threads, the store's files.
 *   <li>Publishing ends; the readers get what they still miss ({@link SoakOptions#drain()}); the hub
 *       says what it cut ({@code /metrics}) and stops.
 *   <li>The verdict ({@link SoakVerdict}): every series flat after the warm-up, nothing lost or
 *       duplicated, no private update leaked, every publish acknowledged, the hub up and its log free
 *       of errors, and the load did what it says.
 * </ol>
 */
public final class Soak {

    private static final Logger LOG = LoggerFactory.getLogger(Soak.class);
    public static final String TOPIC_PREFIX = "https://herald.local/soak/";
    static final Duration HUB_START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration HUB_STOP_GRACE = Duration.ofSeconds(30);
    static final Duration METRICS_TIMEOUT = Duration.ofSeconds(10);

    private final SoakOptions options;
    private final List<String> topics = new ArrayList<>();

    private Soak(SoakOptions options) {
        this.options = options;
        int firstPrivate = options.topics() - options.privateTopics();
        for (int i = 0; i < options.topics(); i++) {
            topics.add(TOPIC_PREFIX + (i < firstPrivate ? "public/" : "private/") + i);
        }
    }

    /** The time the whole run may take besides its duration: start, connect, answers, drain, sampling, stop. */
    public static Duration overhead(SoakOptions options) {
        return HUB_START_TIMEOUT.plus(CONNECT_TIMEOUT).plus(Bench.ANSWER_TIMEOUT).plus(options.drain())
                .plus(BenchOptions.LIVE_HEAP_TIMEOUT).plus(HUB_STOP_GRACE).plus(METRICS_TIMEOUT).plus(Duration.ofSeconds(30));
    }

    /** Runs the soak; blocks for about its duration. */
    public static SoakReport run(SoakOptions options) throws InterruptedException {
        return new Soak(options).execute();
    }

    private SoakReport execute() throws InterruptedException {
        Instant started = Instant.now();
        Path work = createWorkDir();
        Path data = work.resolve("data");
        byte[] secretBytes = new byte[32];
        new SecureRandom().nextBytes(secretBytes);
        String secret = HexFormat.of().formatHex(secretBytes);
        SigningKey key = SigningKey.secret(TokenAlgorithm.HS256, secret);
        Instant expiry = started.plus(options.duration()).plus(overhead(options)).plus(Duration.ofHours(1));
        List<String> privateTopics = topics.subList(options.topics() - options.privateTopics(), options.topics());
        String publisherToken = TokenMinter.mint(MercureClaims.publisher("*").expiringAt(expiry), key);
        String subscriberToken = TokenMinter.mint(new MercureClaims(List.of(), privateTopics, java.util.Optional.of(expiry)), key);
        write(work.resolve("jwt.key"), secret);
        HubProcess hub = HubProcess.start(hubPrefix(), options.hubJvmOptions(), hubFlags(data, work.resolve("jwt.key")),
                work.resolve("hub.log"), HUB_START_TIMEOUT);
        LOG.info("hub pid {} at {} (data and log in {})", hub.pid(), hub.url(), work);
        boolean passed = false;
        try (hub; SoakClients clients = new SoakClients(options, hub.url().getHost(), hub.url().getPort(), topics,
                subscriberToken, started.toEpochMilli())) {
            int opened = clients.start(CONNECT_TIMEOUT);
            if (opened == 0) {
                throw new IllegalStateException("no reader could subscribe to the hub at " + hub.url() + "; its log:\n"
                        + HubProcess.tail(hub.log()));
            }
            LOG.info("{} of {} readers connected; publishing {}/s for {}", opened,
                    options.keepers() + options.cyclers() + options.stallers(), options.rate(), options.duration());
            PublishResult published;
            List<SoakSample> samples;
            try (Publisher publisher = new Publisher(new PublishPlan(hub.url().getHost(), hub.url().getPort(), Api.MERCURE,
                    Api.MERCURE.defaultPublishPath(), topics, options.payloadBytes(), options.publishConnections(),
                    publisherToken, options.privateTopics()))) {
                publisher.connect(CONNECT_TIMEOUT);
                SoakSampler sampler = SoakSampler.start(hub.pid(), data, clients::openConnections,
                        options.effectiveSampleEvery(), options.duration());
                try {
                    clients.startChurn();
                    published = publisher.openLoop(options.rate(), Duration.ZERO, options.duration(), Bench.ANSWER_TIMEOUT);
                } finally {
                    sampler.close();
                }
                samples = sampler.samples();
            }
            boolean aliveAtEnd = hub.alive();
            long drainStart = System.nanoTime();
            long missing = clients.drain(published.ackedPerTopic(), options.drain());
            double drainSeconds = Math.round((System.nanoTime() - drainStart) / 1e8) / 10.0;
            Map<String, Long> disconnects = disconnects(hub);
            List<RoleTally.Result> roles = clients.finish(published.ackedPerTopic());
            int exitCode = hub.stop(HUB_STOP_GRACE);
            long[] levels = logLevels(hub.log());
            SoakReport.Publishing publishing = new SoakReport.Publishing(published.sent(), published.acked(),
                    published.errors(), published.failures(), published.unanswered(), published.ackedPerTopic(),
                    published.ackLatency().getTotalCount() == 0 ? 0 : published.ackLatency().getValueAtPercentile(99));
            SoakReport.Hub hubFacts = new SoakReport.Hub(hub.pid(), hub.url().toString(), aliveAtEnd, exitCode, disconnects,
                    levels[0], levels[1], drainSeconds, missing, null);
            SoakVerdict verdict = verdict(samples, roles, publishing, disconnects, hubFacts);
            passed = verdict.pass();
            if (!passed || options.keepWorkDir()) {
                hubFacts = new SoakReport.Hub(hubFacts.pid(), hubFacts.url(), aliveAtEnd, exitCode, disconnects, levels[0],
                        levels[1], drainSeconds, missing, work.toString());
            }
            return new SoakReport("soak", started.truncatedTo(ChronoUnit.SECONDS).toString(), ReportBuilder.revision(),
                    passed, parameters(hub), verdict, samples, roles, publishing, hubFacts);
        } finally {
            if (passed && !options.keepWorkDir()) {
                delete(work);
            }
        }
    }

    private SoakVerdict verdict(List<SoakSample> samples, List<RoleTally.Result> roles, SoakReport.Publishing publishing,
            Map<String, Long> disconnects, SoakReport.Hub hub) {
        double from = options.warmup().toMillis() / 1000.0;
        boolean shortRun = SoakVerdict.shortRun(options.duration());
        List<SoakVerdict.SeriesCheck> series = new ArrayList<>();
        for (SoakSeries each : SoakSeries.values()) {
            series.add(SoakVerdict.flat(each, samples, from, options.tolerance(), shortRun));
        }
        return SoakVerdict.of(series, SoakChecks.of(options, roles, publishing, disconnects, hub));
    }

    private List<String> hubPrefix() {
        return options.hubCpus() == null ? List.of() : List.of("taskset", "-c", options.hubCpus());
    }

    private List<String> hubFlags(Path data, Path keyFile) {
        List<String> flags = new ArrayList<>(List.of("--transport", "store", "--data-dir", data.toString(),
                "--jwt-key", "@" + keyFile, "--history-size", Long.toString(options.effectiveHistorySize()),
                // Every subscriber of the tool comes from 127.0.0.1: the per-address limits would see one client.
                "--max-connections-per-address", "0", "--max-streams-per-address", "0"));
        if (options.hubMaxPendingBytes() != null) {
            flags.addAll(List.of("--max-pending-bytes", options.hubMaxPendingBytes()));
        }
        return flags;
    }

    /** The hub's disconnects by reason; empty when /metrics did not answer (the checks then fail on it). */
    private static Map<String, Long> disconnects(HubProcess hub) throws InterruptedException {
        try {
            return HubMetrics.byLabel(HubMetrics.scrape(hub.url(), METRICS_TIMEOUT), "herald_disconnects_total", "reason");
        } catch (IllegalStateException e) {
            LOG.warn("{}", e.getMessage());
            return Map.of();
        }
    }

    /** WARN and ERROR lines of the hub's log (its text format: {@code HH:mm:ss.SSS LEVEL logger - message}). */
    static long[] logLevels(Path log) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            long[] counts = new long[2];
            lines.forEach(line -> {
                if (line.matches("^\\S+ WARN .*")) {
                    counts[0]++;
                } else if (line.matches("^\\S+ ERROR .*")) {
                    counts[1]++;
                }
            });
            return counts;
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot read the hub's log " + log, e);
        }
    }

    private Map<String, Object> parameters(HubProcess hub) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("durationSeconds", options.duration().toSeconds());
        parameters.put("warmupSeconds", options.warmup().toSeconds());
        parameters.put("rate", options.rate());
        parameters.put("topics", options.topics());
        parameters.put("privateTopics", options.privateTopics());
        parameters.put("topicsPerReader", options.topicsPerReader());
        parameters.put("payloadBytes", options.payloadBytes());
        parameters.put("keepers", options.keepers());
        parameters.put("cyclers", options.cyclers());
        parameters.put("cycleHoldSeconds", options.cycleHold().toMillis() / 1000.0);
        parameters.put("cycleAwaySeconds", options.cycleAway().toMillis() / 1000.0);
        parameters.put("stallers", options.stallers());
        parameters.put("stallAwakeSeconds", options.stallAwake().toMillis() / 1000.0);
        parameters.put("stallSeconds", options.stall().toMillis() / 1000.0);
        parameters.put("churnPerSecond", options.churnPerSecond());
        parameters.put("churnHoldSeconds", options.churnHold().toMillis() / 1000.0);
        parameters.put("sampleEverySeconds", options.effectiveSampleEvery().toMillis() / 1000.0);
        parameters.put("historySize", options.effectiveHistorySize());
        parameters.put("hubMaxPendingBytes", options.hubMaxPendingBytes());
        parameters.put("hubJvmOptions", String.join(" ", options.hubJvmOptions()));
        parameters.put("hubCpus", options.hubCpus());
        parameters.put("tolerancePercent", options.tolerance() * 100);
        parameters.put("shortRun", SoakVerdict.shortRun(options.duration()));
        parameters.put("hubFlags", String.join(" ", hubFlags(Path.of("DATA"), Path.of("KEY"))));
        return parameters;
    }

    private Path createWorkDir() {
        try {
            Files.createDirectories(options.workDir());
            return Files.createTempDirectory(options.workDir(), "herald-soak-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a work directory in " + options.workDir(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Deletes the work directory this run made (its data directory, key and log); nothing else. */
    private static void delete(Path work) {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", work, e.getMessage());
        }
    }
}
