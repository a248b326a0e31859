package dev.herald.bench.internal;

import dev.herald.bench.Api;
import java.util.List;
import java.util.Objects;

/**
 * How the coordinator publishes.
 *
 * @param host the hub's address (already checked to be loopback)
 * @param port the hub's port
 * @param api how to publish
 * @param publishPath the publish path; {@code {topic}} is replaced by the topic
 * @param topics the scenario's topics; publishes go round-robin over them
 * @param payloadBytes the length of each message's data (at least the stamp's length)
 * @param connections keep-alive connections to publish on
 * @param token a publisher JWT sent as {@code Authorization: Bearer}, or null
 * @param privateTopics how many of the topics, the last ones, are published as private updates
 *     ({@code private=on}: only subscribers whose token grants the topic receive them); Mercure only
 */
public record PublishPlan(String host, int port, Api api, String publishPath, List<String> topics, int payloadBytes,
        int connections, String token, int privateTopics) {

    public PublishPlan {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(publishPath, "publishPath");
        topics = List.copyOf(topics);
        if (topics.isEmpty() || connections < 1 || payloadBytes < 0) {
            throw new IllegalArgumentException("invalid publish plan: " + topics.size() + " topics, "
                    + connections + " connections, " + payloadBytes + " bytes");
        }
        if (privateTopics < 0 || privateTopics > topics.size() || privateTopics > 0 && api != Api.MERCURE) {
            throw new IllegalArgumentException("private topics must be 0 to " + topics.size() + ", and Mercure's: "
                    + privateTopics + " with " + api);
        }
    }

    /** Whether topic number {@code topic} is published as private. */
    public boolean isPrivate(int topic) {
        return topic >= topics.size() - privateTopics;
    }
}
