package dev.herald.bench;

import java.time.Duration;

/**
 * What the {@code storm} scenario does beyond {@link BenchOptions} (see {@link Storm}).
 *
 * @param before updates published while every subscriber is connected, so each has a Last-Event-ID
 * @param behind updates published while they are all disconnected: how far behind each reconnects
 * @param spread the reconnects start evenly over this long (issue 13: within one second)
 * @param catchUpLimit how long after the first reconnect every subscriber may take to receive all
 *     it missed (503s are retried within it); the run reports the time it took, or that it did not
 * @param restartCommand restarts the hub after the {@code behind} updates (see
 *     {@link dev.herald.bench.internal.RestartCommand}); null to reconnect to the same hub
 * @param restartTimeout how long the restart command may take
 */
public record StormOptions(int before, int behind, Duration spread, Duration catchUpLimit, String restartCommand,
        Duration restartTimeout) {

    public static final int DEFAULT_BEFORE = 10;
    /** Issue 13's figure: each subscriber 100 updates behind. */
    public static final int DEFAULT_BEHIND = 100;
    public static final Duration DEFAULT_SPREAD = Duration.ofSeconds(1);
    /** Three times issue 13's target of 10 s, so a miss is measured rather than cut off. */
    public static final Duration DEFAULT_CATCH_UP_LIMIT = Duration.ofSeconds(30);
    /** A hub stopping gracefully (10 s by default) and starting on a store of a million updates. */
    public static final Duration DEFAULT_RESTART_TIMEOUT = Duration.ofSeconds(120);

    public StormOptions {
        require(before >= 1 && before <= 1_000_000, "before must be 1 to 1,000,000 updates");
        require(behind >= 1 && behind <= 1_000_000, "behind must be 1 to 1,000,000 updates");
        require(!spread.isNegative() && spread.compareTo(Duration.ofMinutes(10)) <= 0, "the spread must be 0 to 10 minutes");
        require(!catchUpLimit.isNegative() && !catchUpLimit.isZero() && catchUpLimit.compareTo(Duration.ofHours(1)) <= 0,
                "the catch-up limit must be positive and at most an hour");
        require(restartCommand == null || !restartCommand.isBlank(), "the restart command must not be blank");
        require(!restartTimeout.isNegative() && !restartTimeout.isZero(), "the restart timeout must be positive");
    }

    public static StormOptions defaults() {
        return new StormOptions(DEFAULT_BEFORE, DEFAULT_BEHIND, DEFAULT_SPREAD, DEFAULT_CATCH_UP_LIMIT, null,
                DEFAULT_RESTART_TIMEOUT);
    }

    /** The time the storm adds to a run's hard deadline. */
    public Duration extraTime() {
        return restartTimeout.plus(spread).plus(catchUpLimit);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
