package dev.herald.client.internal;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads {@code Retry-After} (RFC 9110 §10.2.3): delay-seconds or an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The delay the header asks for (never negative), or empty when absent or unreadable. */
    public static Optional<Duration> of(HttpHeaders headers, Clock clock) {
        return headers.firstValue("Retry-After").flatMap(value -> parse(value.strip(), clock));
    }

    static Optional<Duration> parse(String value, Clock clock) {
        if (!value.isEmpty() && value.length() <= 18 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            ZonedDateTime date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration delay = Duration.between(clock.instant(), date.toInstant());
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
