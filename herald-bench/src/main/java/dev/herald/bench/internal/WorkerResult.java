package dev.herald.bench.internal;

import java.util.Map;

/**
 * What one worker measured, sent to the coordinator as one JSON line. Counts are over the subscribers
 * whose stream opened; {@code expected} is, for each of them, the acknowledged publishes of each topic
 * it named.
 *
 * @param opened streams the hub answered 200 to
 * @param failed subscriptions that never opened (refused, reset, timed out, not 200)
 * @param failures the first few failure reasons with their counts
 * @param closedByServer open streams the hub ended or closed before the worker did
 * @param events SSE events with data received, duplicates included
 * @param unstamped events whose data had no stamp (not the tool's messages)
 * @param unexpectedTopic stamped events of a topic the subscriber did not name
 * @param clockSkew events stamped later than they arrived (the wall clock stepped back)
 * @param expected deliveries due: acknowledged publishes times their topic's open subscribers
 * @param unique distinct (subscriber, topic, sequence number) deliveries
 * @param duplicates deliveries of a number already received
 * @param reordered deliveries that arrived after a higher number
 * @param tooOld deliveries too far behind to tell (see {@link SequenceTracker#WINDOW})
 * @param gaps numbers below a subscriber's highest one that never arrived
 * @param latency the publish-to-receive latency histogram in µs ({@link Histograms})
 * @param cpuNanos this worker process's CPU time; 0 when it ran inside the coordinator
 */
public record WorkerResult(
        int opened,
        int failed,
        Map<String, Long> failures,
        int closedByServer,
        long events,
        long unstamped,
        long unexpectedTopic,
        long clockSkew,
        long expected,
        long unique,
        long duplicates,
        long reordered,
        long tooOld,
        long gaps,
        String latency,
        long cpuNanos) {

    /** This result with the worker process's CPU time. */
    public WorkerResult withCpuNanos(long nanos) {
        return new WorkerResult(opened, failed, failures, closedByServer, events, unstamped, unexpectedTopic, clockSkew,
                expected, unique, duplicates, reordered, tooOld, gaps, latency, nanos);
    }

    /**
     * Where the deliveries stood when the drain ended (complete when {@code delivered >= expected}), and
     * the worker process's CPU time then (0 in-process).
     */
    public record Drained(long expected, long delivered, long cpuNanos) {
        public Drained withCpuNanos(long nanos) {
            return new Drained(expected, delivered, nanos);
        }
    }

    /** The subscriptions opened (or not) before publishing starts, and the worker's CPU time then. */
    public record Ready(int opened, int failed, Map<String, Long> failures, long cpuNanos) {
        public Ready withCpuNanos(long nanos) {
            return new Ready(opened, failed, failures, nanos);
        }
    }

    /** After a {@code disconnect}: open subscribers that have an event id to resume from, and the CPU time. */
    public record Disconnected(int withLastEventId, long cpuNanos) {
        public Disconnected withCpuNanos(long nanos) {
            return new Disconnected(withLastEventId, nanos);
        }
    }

    /**
     * After a {@code reconnect}: of {@code attempted} subscribers, how many streams opened again and how
     * many failed for good, the failure reasons so far, how many 503s were retried, and the CPU time.
     */
    public record Reconnected(int attempted, int reopened, int failed, Map<String, Long> failures, long retries,
            long cpuNanos) {
        public Reconnected withCpuNanos(long nanos) {
            return new Reconnected(attempted, reopened, failed, failures, retries, nanos);
        }
    }
}
