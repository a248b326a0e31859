package dev.herald.bench.internal;

import dev.herald.bench.Api;
import java.util.List;
import java.util.Objects;

/**
 * What one worker does: open subscribers {@code [firstSubscriber, firstSubscriber + subscribers)} to
 * the hub from its own source address. Sent to a forked worker as one JSON line on its stdin.
 *
 * @param host the hub's address (already checked to be loopback)
 * @param port the hub's port
 * @param sourceAddress the local address to bind, or null to let the kernel choose
 * @param api how to subscribe
 * @param subscribePath the subscription path (see {@link Api#subscribeTarget})
 * @param topics every topic of the scenario, by index
 * @param topicsPerSubscriber how many of them each subscriber names (see {@link TopicPlan})
 * @param firstSubscriber the global index of this worker's first subscriber
 * @param subscribers how many subscribers this worker opens
 * @param threads event loops
 * @param connectConcurrency connection attempts in flight at once, so that a burst of thousands of
 *     SYNs does not overflow the hub's accept backlog (4096 here)
 * @param connectTimeoutMillis how long all the connections may take to open
 * @param token a subscriber JWT sent as {@code Authorization: Bearer}, or null
 * @param hardDeadlineEpochMillis when a forked worker exits whatever it is doing (the tool's hard
 *     deadline), in case the coordinator hangs; 0 for none
 */
public record WorkerPlan(
        String host,
        int port,
        String sourceAddress,
        Api api,
        String subscribePath,
        List<String> topics,
        int topicsPerSubscriber,
        int firstSubscriber,
        int subscribers,
        int threads,
        int connectConcurrency,
        long connectTimeoutMillis,
        String token,
        long hardDeadlineEpochMillis) {

    public WorkerPlan {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(subscribePath, "subscribePath");
        topics = List.copyOf(topics);
        if (topics.isEmpty() || subscribers < 0 || threads < 1 || connectConcurrency < 1 || topicsPerSubscriber < 1) {
            throw new IllegalArgumentException("invalid worker plan: " + topics.size() + " topics, " + subscribers
                    + " subscribers, " + threads + " threads, " + connectConcurrency + " concurrent connects");
        }
    }
}
