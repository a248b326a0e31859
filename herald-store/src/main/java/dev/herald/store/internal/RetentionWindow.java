package dev.herald.store.internal;

import java.time.Clock;
import java.time.Duration;

/**
 * Which stored rows count as retained right now: the newest {@code historySize} positions, committed
 * within {@code maxAge}. Reads apply this window themselves, so retention is exact the moment a limit is
 * crossed; {@link Retention} deletes what falls out of it later, in the background.
 */
public record RetentionWindow(long historySize, Duration maxAge, Clock clock) {

    /** The oldest position retained by count when the newest is {@code head}. */
    public long firstPosition(long head) {
        return Math.max(1, head - historySize + 1);
    }

    /** The oldest commit time retained by age, in epoch millis; saturates for absurdly long ages. */
    public long oldestCreatedAt() {
        long now = clock.millis();
        long age;
        try {
            age = maxAge.toMillis();
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
        return now - age > now ? Long.MIN_VALUE : now - age;
    }
}
