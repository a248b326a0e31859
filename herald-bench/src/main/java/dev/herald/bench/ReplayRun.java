package dev.herald.bench;

import dev.herald.bench.internal.Loopback;
import dev.herald.bench.internal.PeakRss;
import dev.herald.bench.internal.ProcStats;
import dev.herald.bench.internal.Replayer;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The {@code replay} scenario: {@code replays} subscriptions to {@code topic} from {@code lastEventId}
 * (by default {@code earliest}) at once, each until it received {@code expected} events or
 * {@code timeout} passed; reports how soon the first event came and how fast the rest followed.
 *
 * @param url the hub; loopback only
 * @param path the Mercure subscription path
 * @param topic the topic replayed (what {@code fill} published to: its topic 0)
 * @param lastEventId where the replay starts, as the {@code lastEventID} query parameter
 * @param expected events each replay waits for: the history's size on that topic
 * @param replays replaying connections at once
 * @param timeout how long the whole run may take
 * @param serverPid the hub's process id for /proc figures, 0 for none
 */
public record ReplayRun(URI url, String path, String topic, String lastEventId, long expected, int replays,
        Duration timeout, long serverPid) {

    public static final String DEFAULT_TOPIC = BenchOptions.DEFAULT_TOPIC_PREFIX + "0";
    public static final int MAX_REPLAYS = 1000;

    public ReplayRun {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(lastEventId, "lastEventId");
        Objects.requireNonNull(timeout, "timeout");
        if (expected < 1 || replays < 1 || replays > MAX_REPLAYS || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a replay needs at least one expected event, 1 to " + MAX_REPLAYS
                    + " replays and a positive timeout");
        }
        if (url.getHost() == null || !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("the URL must be http://HOST:PORT");
        }
    }

    /** The request target every replay sends. */
    public String target() {
        return Api.MERCURE.subscribeTarget(path, List.of(topic)) + "&lastEventID=" + Api.encode(lastEventId);
    }

    /** Runs the replays against a running hub; blocks until they ended or the timeout passed. */
    public ReplayReport run() throws InterruptedException {
        InetAddress host = Loopback.require(url.getHost());
        int port = url.getPort() > 0 ? url.getPort() : 80;
        Instant started = Instant.now();
        ProcStats before = serverPid > 0 ? ProcStats.read(serverPid) : null;
        long self = ProcessHandle.current().pid();
        ProcStats toolBefore = ProcStats.read(self);
        long wallStart = System.nanoTime();
        List<Replayer.Result> results;
        long peakKb = 0;
        try (PeakRss peak = serverPid > 0 ? PeakRss.of(serverPid) : null;
                Replayer replayer = new Replayer(host.getHostAddress(), port, target(), expected, replays)) {
            results = replayer.await(timeout);
            if (peak != null) {
                peakKb = peak.peakKb();
            }
        }
        long wallMicros = Math.max(1, (System.nanoTime() - wallStart) / 1000);
        long toolCpu = ProcStats.read(self).cpuMicros() - toolBefore.cpuMicros();
        long events = results.stream().mapToLong(Replayer.Result::events).sum();
        ProcStats after = serverPid > 0 ? ProcStats.read(serverPid) : null;
        ReplayReport.Server server = before == null ? null : new ReplayReport.Server(serverPid, before.rssKb(), peakKb,
                after.rssKb(), after.cpuMicros() - before.cpuMicros(), perEvent(after.cpuMicros() - before.cpuMicros(), events));
        ReplayReport.Tool tool = new ReplayReport.Tool(toolCpu, Math.round(toolCpu * 100.0 / wallMicros) / 100.0,
                perEvent(toolCpu, events));
        return new ReplayReport("replay", started.truncatedTo(ChronoUnit.SECONDS).toString(), ReportBuilder.revision(),
                parameters(), results, worstFirstEventMillis(results), eventsPerSecond(results),
                (int) results.stream().filter(Replayer.Result::complete).count(), server, tool);
    }

    private static Double perEvent(long cpuMicros, long events) {
        return events == 0 ? null : Math.round(cpuMicros * 100.0 / events) / 100.0;
    }

    static Double worstFirstEventMillis(List<Replayer.Result> results) {
        OptionalLong worst = results.stream().filter(r -> r.firstEventMicros() >= 0)
                .mapToLong(Replayer.Result::firstEventMicros).max();
        return worst.isPresent() ? worst.getAsLong() / 1000.0 : null;
    }

    /** Every replay's events over the time from the requests to the last event of any. */
    static double eventsPerSecond(List<Replayer.Result> results) {
        long events = results.stream().mapToLong(Replayer.Result::events).sum();
        long micros = results.stream().mapToLong(Replayer.Result::lastEventMicros).max().orElse(0);
        return micros <= 0 ? 0 : Math.round(events * 1e6 / micros);
    }

    private Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("url", url.toString());
        parameters.put("target", target());
        parameters.put("expected", expected);
        parameters.put("replays", replays);
        parameters.put("timeoutSeconds", timeout.toMillis() / 1000.0);
        return parameters;
    }
}
