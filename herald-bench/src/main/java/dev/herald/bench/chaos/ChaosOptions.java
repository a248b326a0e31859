package dev.herald.bench.chaos;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a chaos run does (see {@link Chaos}); valid by construction, every count and duration bounded.
 *
 * @param nodes the hub's nodes (loopback only); subscribers and publishes are spread over them
 * @param subscribers subscribers, each on one topic, subscriber i starting on node i mod n
 * @param topics topics; publishes go round-robin over them
 * @param rate publishes a second, over all topics and nodes (open loop)
 * @param payloadBytes each publish's data length
 * @param before publishing before the fault begins
 * @param faultCommand run by {@code bash -c} to cause the fault; it returns when the fault is over
 *     (kill a node: at once; restart Redis: when it answers again; pause: when the pause ended)
 * @param faultTimeout how long the fault command may take
 * @param after publishing after the fault ended
 * @param catchUpLimit how long after the fault every subscriber may take to have every update
 *     acknowledged before the fault ended (and, after publishing stopped, every acknowledged update)
 * @param reconnectDelay an EventSource's reconnection time: a lost stream is opened again after this
 *     plus up to as much again of jitter
 * @param dropEvery after the fault, every n-th subscriber's connection is closed from the side, so it
 *     resumes with its Last-Event-ID from the state the fault left (0: none)
 * @param connectRate subscriptions opened a second at the start
 * @param label a name for the run in the report
 */
public record ChaosOptions(List<URI> nodes, int subscribers, int topics, double rate, int payloadBytes, Duration before,
        String faultCommand, Duration faultTimeout, Duration after, Duration catchUpLimit, Duration reconnectDelay,
        int dropEvery, int connectRate, String label) {

    public ChaosOptions {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(faultCommand, "faultCommand");
        require(!nodes.isEmpty() && nodes.size() <= 16, "1 to 16 nodes");
        require(subscribers >= 1 && subscribers <= 15_000, "1 to 15,000 subscribers (one process of 20,000 descriptors)");
        require(topics >= 1 && topics <= subscribers, "1 topic to one per subscriber");
        require(rate > 0 && rate <= 10_000, "a rate of up to 10,000 publishes a second");
        require(payloadBytes >= 0 && payloadBytes <= 65_536, "a payload of 0 to 64 KiB");
        require(within(before, Duration.ofMinutes(10)) && within(after, Duration.ofMinutes(10)),
                "before and after: at most 10 minutes each");
        require(within(faultTimeout, Duration.ofMinutes(10)) && !faultTimeout.isZero(), "a fault timeout of up to 10 minutes");
        require(within(catchUpLimit, Duration.ofMinutes(10)) && !catchUpLimit.isZero(), "a catch-up limit of up to 10 minutes");
        require(within(reconnectDelay, Duration.ofMinutes(1)), "a reconnect delay of up to a minute");
        require(dropEvery >= 0, "dropEvery must not be negative");
        require(connectRate >= 1, "connectRate must be positive");
        require(!faultCommand.isBlank(), "a fault command");
    }

    /** The longest the run can take, for the tool's hard deadline. */
    public Duration longest() {
        return Duration.ofSeconds(subscribers / connectRate + 60).plus(before).plus(faultTimeout).plus(after)
                .plus(catchUpLimit).plus(catchUpLimit).plus(ChaosPublisher.REQUEST_TIMEOUT);
    }

    private static boolean within(Duration duration, Duration most) {
        return !duration.isNegative() && duration.compareTo(most) <= 0;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
