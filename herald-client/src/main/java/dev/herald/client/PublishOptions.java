package dev.herald.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to publish, with named defaults: {@code PublishOptions.of(hub, TokenProvider.of(jwt))}.
 *
 * @param hub the hub's publish URL ({@code https://hub.example/.well-known/mercure})
 * @param tokenProvider asked for a token before every attempt
 * @param maxAttempts requests sent at most for one publish (1: no retry)
 * @param backoff the first wait before a retry, doubled after each (plus up to half again at random)
 * @param maxBackoff the longest wait before a retry, also the most of a hub's {@code Retry-After} honoured
 * @param timeout how long one attempt may wait for its answer
 */
public record PublishOptions(URI hub, TokenProvider tokenProvider, int maxAttempts, Duration backoff,
        Duration maxBackoff, Duration timeout) {

    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public PublishOptions {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(tokenProvider, "tokenProvider");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(timeout, "timeout");
        if (!"http".equalsIgnoreCase(hub.getScheme()) && !"https".equalsIgnoreCase(hub.getScheme())) {
            throw new IllegalArgumentException("the hub URL must be http or https: " + hub);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (backoff.isNegative() || maxBackoff.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("backoff and maxBackoff must not be negative, timeout must be positive");
        }
    }

    public static PublishOptions of(URI hub, TokenProvider tokenProvider) {
        return new PublishOptions(hub, tokenProvider, DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF, DEFAULT_MAX_BACKOFF,
                DEFAULT_TIMEOUT);
    }

    public PublishOptions withMaxAttempts(int maxAttempts) {
        return new PublishOptions(hub, tokenProvider, maxAttempts, backoff, maxBackoff, timeout);
    }

    public PublishOptions withBackoff(Duration backoff, Duration maxBackoff) {
        return new PublishOptions(hub, tokenProvider, maxAttempts, backoff, maxBackoff, timeout);
    }

    public PublishOptions withTimeout(Duration timeout) {
        return new PublishOptions(hub, tokenProvider, maxAttempts, backoff, maxBackoff, timeout);
    }
}
