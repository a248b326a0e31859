package dev.herald.server.mercure;

import dev.herald.server.stream.CloseReason;
import dev.herald.server.stream.StreamRequest.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a subscriber's stream ends: at its token's expiry, and in any case after 80-100 % of the
 * maximum lifetime. The jitter spreads out the reconnections of clients that connected together (after
 * a deploy, all of them), so they do not come back as one wave.
 */
final class StreamDeadline {

    /** The shortest lifetime, as a share of the maximum. */
    static final double MIN_SHARE = 0.8;

    private StreamDeadline() {
    }

    /**
     * @param maxLifetime {@link Duration#ZERO} for no maximum
     * @param random a uniform draw in [0, 1) that places the lifetime between 80 % and 100 %
     */
    static Optional<Deadline> choose(Duration maxLifetime, Optional<Instant> tokenExpiry, Instant now, double random) {
        Optional<Deadline> lifetime = Optional.empty();
        if (!maxLifetime.isZero()) {
            long nanos = maxLifetime.toNanos();
            long jittered = nanos - (long) (nanos * (1 - MIN_SHARE) * random);
            lifetime = Optional.of(new Deadline(Duration.ofNanos(jittered), CloseReason.LIFETIME_ENDED));
        }
        Optional<Deadline> expiry = tokenExpiry.map(at -> new Deadline(Duration.between(now, at), CloseReason.TOKEN_EXPIRED));
        if (expiry.isPresent() && (lifetime.isEmpty() || expiry.get().after().compareTo(lifetime.get().after()) < 0)) {
            return expiry;
        }
        return lifetime;
    }
}
