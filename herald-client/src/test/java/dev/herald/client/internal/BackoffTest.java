package dev.herald.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration BASE = Duration.ofSeconds(1);
    private final Backoff noJitter = new Backoff(Duration.ofSeconds(30), () -> 0.0);
    private final Backoff mostJitter = new Backoff(Duration.ofSeconds(30), () -> 0.999_999);

    @Test
    void theFirstAttemptWaitsTheBaseDelay() {
        assertThat(noJitter.delay(BASE, 0)).isEqualTo(BASE);
    }

    @Test
    void eachFailureInARowDoublesTheDelay() {
        assertThat(noJitter.delay(BASE, 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(noJitter.delay(BASE, 2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(noJitter.delay(BASE, 4)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void theDelayStopsGrowingAtTheCap() {
        assertThat(noJitter.delay(BASE, 5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(noJitter.delay(BASE, 1000)).as("no overflow however many failures").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterAddsUpToHalfTheDelay() {
        assertThat(mostJitter.delay(BASE, 0)).isBetween(Duration.ofMillis(1499), Duration.ofMillis(1500));
        assertThat(mostJitter.delay(BASE, 10)).isBetween(Duration.ofMillis(44_999), Duration.ofSeconds(45));
    }

    @Test
    void jitterNeverMakesTheWaitShorterThanTheHubAsked() {
        Backoff lowest = new Backoff(Duration.ofSeconds(30), () -> 0.0);

        assertThat(lowest.delay(Duration.ofMillis(2000), 0)).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void aHubRetryAboveTheCapWinsOverTheCap() {
        assertThat(noJitter.delay(Duration.ofMinutes(2), 3)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aZeroBaseRetriesAtOnce() {
        assertThat(noJitter.delay(Duration.ZERO, 3)).isEqualTo(Duration.ZERO);
    }
}
