package dev.herald.client.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt: the base delay (the hub's {@code retry}, or the client's
 * default) doubled for each failure in a row, capped, plus up to half again at random so that clients
 * cut off together do not come back together. A base above the cap wins over the cap: a hub that asks
 * for a longer {@code retry} gets it.
 *
 * <p>Attempt 0 waits between {@code base} and {@code 1.5 × base}; attempt n between
 * {@code d} and {@code 1.5 × d} with {@code d = min(max(cap, base), base × 2^n)}.
 */
public final class Backoff {

    /** Up to half the delay is added at random. */
    static final double JITTER = 0.5;

    private final Duration cap;
    private final DoubleSupplier random;

    /** @param random values in [0, 1); {@code ThreadLocalRandom.current()::nextDouble} in use */
    public Backoff(Duration cap, DoubleSupplier random) {
        this.cap = Objects.requireNonNull(cap, "cap");
        this.random = Objects.requireNonNull(random, "random");
        if (cap.isNegative()) {
            throw new IllegalArgumentException("cap must not be negative, was " + cap);
        }
    }

    public Duration delay(Duration base, int attempt) {
        Objects.requireNonNull(base, "base");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative, was " + attempt);
        }
        long baseMillis = Math.max(0, base.toMillis());
        long ceiling = Math.max(cap.toMillis(), baseMillis);
        long doubled;
        try {
            doubled = Math.multiplyExact(baseMillis, 1L << Math.min(attempt, 62));
        } catch (ArithmeticException e) {
            doubled = Long.MAX_VALUE;
        }
        long delay = Math.min(ceiling, doubled);
        long jitter = (long) Math.min(Long.MAX_VALUE - delay, delay * JITTER * random.getAsDouble());
        return Duration.ofMillis(delay + jitter);
    }
}
