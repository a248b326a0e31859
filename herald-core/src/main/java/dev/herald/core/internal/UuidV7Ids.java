package dev.herald.core.internal;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Generates update ids as {@code urn:uuid:} IRIs (what Mercure clients see from the reference hub)
 * using time-ordered UUIDv7 (RFC 9562), made strictly monotonic: within one millisecond the 12-bit
 * {@code rand_a} field is a counter, and when it overflows the timestamp borrows from the next
 * millisecond. So ids generated in append order also sort in append order, which makes them readable
 * in logs and lets a client compare them.
 *
 * <p>Not thread-safe: the transport calls it under its append lock.
 */
public final class UuidV7Ids {

    private static final String PREFIX = "urn:uuid:";
    private static final int COUNTER_MAX = 0xFFF;

    private final Clock clock;
    /** Random longs drawn in bulk: one SecureRandom call (a lock and a read of the OS's source) per 64 ids. */
    private static final int RANDOM_LONGS = 64;

    private final SecureRandom random = new SecureRandom();
    /** Starts used up, so the first id draws the first batch. */
    private final ByteBuffer randomBits = ByteBuffer.allocate(RANDOM_LONGS * Long.BYTES)
            .position(RANDOM_LONGS * Long.BYTES);
    private long lastMillis = -1;
    private int counter;

    public UuidV7Ids(Clock clock) {
        this.clock = clock;
    }

    public String next() {
        long now = clock.millis();
        if (now > lastMillis) {
            lastMillis = now;
            counter = 0;
        } else if (counter < COUNTER_MAX) {
            counter++;
        } else {
            lastMillis++;
            counter = 0;
        }
        long high = (lastMillis << 16) | 0x7000L | counter;
        long low = (nextRandomLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return PREFIX + new UUID(high, low);
    }

    private long nextRandomLong() {
        if (!randomBits.hasRemaining()) {
            random.nextBytes(randomBits.array());
            randomBits.clear();
        }
        return randomBits.getLong();
    }
}
