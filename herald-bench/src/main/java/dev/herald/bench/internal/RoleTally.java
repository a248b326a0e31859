package dev.herald.bench.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one kind of the soak's subscribers did, counted on the clients' event loop and read once it
 * stopped; {@link #result} adds up their deliveries against what was acknowledged.
 */
public final class RoleTally {

    final SoakClients.Role role;
    final LoopStats stats = new LoopStats();
    final Failures failures = new Failures();
    final Failures resumeFailures = new Failures();
    long opened;
    long reopened;
    long serverCloses;
    long retries;
    long cycles;
    long stalls;

    RoleTally(SoakClients.Role role) {
        this.role = role;
    }

    /**
     * What the subscribers of this kind did. A subscriber is due every acknowledged update of each
     * topic it names, unless the topic is private and its subscription had no token: then it is due
     * none, and any it received is a leak.
     *
     * @param authorized per subscriber, whether it sent the token that grants the private topics
     * @param firstPrivate topics from this index on are private
     */
    Result result(int subscribers, List<Subscriber> tracked, List<Boolean> authorized, long[] acked, int firstPrivate) {
        long expected = 0;
        long unique = 0;
        long lost = 0;
        long duplicates = 0;
        long gaps = 0;
        long tooOld = 0;
        long leaks = 0;
        for (int s = 0; s < tracked.size(); s++) {
            Subscriber subscriber = tracked.get(s);
            for (int i = 0; i < subscriber.topics.length; i++) {
                int topic = subscriber.topics[i];
                SequenceTracker tracker = subscriber.trackers[i];
                duplicates += tracker.duplicates();
                tooOld += tracker.tooOld();
                if (topic >= firstPrivate && !authorized.get(s)) {
                    leaks += tracker.unique();
                    continue;
                }
                long due = due(acked, topic, authorized.get(s), firstPrivate);
                expected += due;
                unique += tracker.unique();
                lost += Math.max(0, due - tracker.unique());
                gaps += tracker.gaps();
            }
        }
        return new Result(role.name().toLowerCase(Locale.ROOT), subscribers, opened, reopened, serverCloses, retries,
                cycles, stalls, failures.snapshot(), resumeFailures.snapshot(), stats.events, expected, unique, lost, duplicates, gaps, tooOld, leaks,
                Latency.of(stats.latency));
    }

    /** What a subscriber of {@code topic} is due: every acknowledged update, none of a private topic without the token. */
    static long due(long[] acked, int topic, boolean authorized, int firstPrivate) {
        return topic >= firstPrivate && !authorized || topic >= acked.length ? 0 : acked[topic];
    }

    /**
     * One kind of subscriber over the whole run.
     *
     * @param role keeper, cycler, staller or churn
     * @param subscribers how many there were (churn: opened one after the other, not tracked)
     * @param streamsOpened streams the hub answered 200 to, reconnects included
     * @param reopened of those, the reconnects (with a Last-Event-ID once the subscriber had one)
     * @param serverCloses streams the hub ended or cut (a staller's cut shows here when it reads again)
     * @param retries 503 answers retried after their Retry-After
     * @param cycles streams a cycler closed itself
     * @param stalls times a staller stopped reading
     * @param failures first connections (a fresh subscription) that failed before their stream opened, by reason
     * @param resumeFailures reconnects that failed before their stream opened, by reason: mostly resumes the hub
     *     cut while it read their history (the live updates held meanwhile went past its budget); retried
     * @param events events received, duplicates included
     * @param expected deliveries due: acknowledged updates of each topic each subscriber may see
     * @param unique distinct deliveries of those
     * @param lost due deliveries that never arrived
     * @param duplicates deliveries of a sequence number already received
     * @param gaps numbers below a subscriber's highest that never arrived
     * @param tooOld arrivals too far behind to tell (see {@link SequenceTracker#WINDOW})
     * @param privateLeaks private updates received by a subscription without the token that grants them
     * @param latency publish-to-receive latency of what arrived
     */
    public record Result(String role, int subscribers, long streamsOpened, long reopened, long serverCloses, long retries,
            long cycles, long stalls, Map<String, Long> failures, Map<String, Long> resumeFailures, long events, long expected, long unique, long lost,
            long duplicates, long gaps, long tooOld, long privateLeaks, Latency latency) {

        /** Failures of fresh subscriptions, every reason. */
        public long failureCount() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Percentiles in µs of what a kind of subscriber received; 0 when nothing arrived. */
    public record Latency(long count, long p50Micros, long p99Micros, long maxMicros) {
        static Latency of(Histogram histogram) {
            long count = histogram.getTotalCount();
            return count == 0 ? new Latency(0, 0, 0, 0) : new Latency(count, histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(99), histogram.getMaxValue());
        }
    }
}
