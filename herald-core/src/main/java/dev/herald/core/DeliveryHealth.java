package dev.herald.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A transport's view of live delivery on this node at one moment: whether it is delivering at all and,
 * if it is, how far behind the transport. Readiness ({@code /readyz}) is built from it: a node that does
 * not deliver, or delivers too late, must not be sent subscribers.
 *
 * <p>A problem is one short line of plain text, since a health endpoint answers with it: line breaks and
 * other control characters become spaces, and it is cut at {@link #MAX_PROBLEM_LENGTH} characters.
 *
 * @param problem why this node is not delivering now (a dependency unreachable, a thread that died, a
 *     loop that stopped coming back); empty while it delivers, however late
 * @param lag how long the oldest update this node knows to exist has waited to be delivered here; zero
 *     when it is caught up. "Knows" is the transport's business: the newest update on a shared log is
 *     learned by polling it, so the lag may read low by up to that poll's interval
 */
public record DeliveryHealth(Optional<String> problem, Duration lag) {

    /** A reason longer than this is cut: it is a status line, not a log. */
    public static final int MAX_PROBLEM_LENGTH = 300;

    /** Delivering with nothing waiting: what a transport that delivers as it appends always reports. */
    public static final DeliveryHealth CAUGHT_UP = new DeliveryHealth(Optional.empty(), Duration.ZERO);

    public DeliveryHealth {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(lag, "lag");
        if (lag.isNegative()) {
            throw new IllegalArgumentException("lag must not be negative: " + lag);
        }
        problem = problem.map(DeliveryHealth::oneLine);
        if (problem.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException("a problem must say what it is");
        }
    }

    /** Delivering, the oldest known update having waited {@code lag}. */
    public static DeliveryHealth delivering(Duration lag) {
        return new DeliveryHealth(Optional.empty(), lag);
    }

    /** Not delivering, for the reason given; {@code lag} is how long updates have waited meanwhile. */
    public static DeliveryHealth notDelivering(String problem, Duration lag) {
        return new DeliveryHealth(Optional.of(Objects.requireNonNull(problem, "problem")), lag);
    }

    /**
     * Why this node should not be sent work, or empty when it should: its problem if it has one, else a
     * lag beyond {@code maxLag} (an update that waited longer than that is late for a real-time hub, and
     * a node that far behind is not catching up by itself).
     */
    public Optional<String> notReadyReason(Duration maxLag) {
        Objects.requireNonNull(maxLag, "maxLag");
        if (problem.isPresent()) {
            return problem;
        }
        if (lag.compareTo(maxLag) > 0) {
            return Optional.of("delivery is " + seconds(lag) + " behind the transport (more than " + seconds(maxLag)
                    + ")");
        }
        return Optional.empty();
    }

    /** {@code 12.3 s}: tenths are enough to read a lag against a bound of seconds. */
    public static String seconds(Duration duration) {
        long tenths = duration.toMillis() / 100;
        return tenths / 10 + "." + tenths % 10 + " s";
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        return line.length() <= MAX_PROBLEM_LENGTH ? line : line.substring(0, MAX_PROBLEM_LENGTH - 1) + "…";
    }
}
