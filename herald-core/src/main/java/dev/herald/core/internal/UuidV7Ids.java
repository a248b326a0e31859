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
 * <p>The last 62 bits ({@code rand_b}) are random, or with {@link #next(long)} a sequence number the
 * caller guarantees unique (RFC 9562 lets {@code rand_b} carry a counter): a store that numbers its
 * updates finds an id's row from the id itself ({@link #sequenceOf}), without indexing it.
 *
 * <p>Not thread-safe: the transport calls it under its append lock.
 */
public final class UuidV7Ids {

    private static final String PREFIX = "urn:uuid:";
    private static final int COUNTER_MAX = 0xFFF;
    private static final int UUID_LENGTH = 36;
    private static final long RAND_B_MASK = 0x3FFF_FFFF_FFFF_FFFFL;

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

    /** The next id, with random {@code rand_b}. */
    public String next() {
        return PREFIX + new UUID(nextHighBits(), randomLowBits(nextRandomLong()));
    }

    /**
     * The next id, with {@code sequence} (0 to 2^62 - 1) as its {@code rand_b}: unique when the
     * sequences are, whatever the clock does.
     */
    public String next(long sequence) {
        if (sequence < 0 || sequence > RAND_B_MASK) {
            throw new IllegalArgumentException("sequence out of rand_b's 62 bits: " + sequence);
        }
        return PREFIX + new UUID(nextHighBits(), randomLowBits(sequence));
    }

    /**
     * The {@code rand_b} of a {@code urn:uuid:} UUIDv7 id, which is the sequence when {@link #next(long)}
     * made it; -1 when the id is not a UUIDv7 IRI in this form (lower case, as generated).
     */
    public static long sequenceOf(String id) {
        if (id.length() != PREFIX.length() + UUID_LENGTH || !id.startsWith(PREFIX)) {
            return -1;
        }
        String text = id.substring(PREFIX.length());
        UUID uuid;
        try {
            uuid = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        // UUID.fromString accepts upper case and short groups; only the exact generated text counts.
        if (uuid.version() != 7 || uuid.variant() != 2 || !uuid.toString().equals(text)) {
            return -1;
        }
        return uuid.getLeastSignificantBits() & RAND_B_MASK;
    }

    private long nextHighBits() {
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
        return (lastMillis << 16) | 0x7000L | counter;
    }

    /** The variant bits (10) followed by 62 bits of {@code randB}. */
    private static long randomLowBits(long randB) {
        return (randB & RAND_B_MASK) | 0x8000_0000_0000_0000L;
    }

    private long nextRandomLong() {
        if (!randomBits.hasRemaining()) {
            random.nextBytes(randomBits.array());
            randomBits.clear();
        }
        return randomBits.getLong();
    }
}
