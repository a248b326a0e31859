package dev.herald.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void delaySecondsAreSeconds() {
        assertThat(RetryAfter.parse("5", clock)).hasValue(Duration.ofSeconds(5));
    }

    @Test
    void anHttpDateIsTheTimeUntilThen() {
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 12:00:30 GMT", clock)).hasValue(Duration.ofSeconds(30));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 11:00:00 GMT", clock)).hasValue(Duration.ZERO);
    }

    @Test
    void anythingElseIsIgnored() {
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse("-1", clock)).isEmpty();
        assertThat(RetryAfter.parse("1.5", clock)).isEmpty();
    }
}
