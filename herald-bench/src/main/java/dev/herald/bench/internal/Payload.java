package dev.herald.bench.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The stamp a publisher puts at the start of every message's data: {@code hb:<topic>:<seq>:<micros>:}
 * then {@code x} padding up to the payload size. {@code topic} is the topic's index in the scenario,
 * {@code seq} counts that topic's publishes from 0, {@code micros} is the intended send time in
 * microseconds since the epoch. Warm-up publishes say {@code hw:} instead of {@code hb:}: they count
 * for loss, but not in the latency figures, which would otherwise measure the JIT compiler.
 *
 * <p>Epoch time, not {@link System#nanoTime()}: publisher and subscribers run in different JVMs, and
 * {@code nanoTime} has a per-JVM origin, while the wall clock is the same for every process of one
 * machine (the tool only targets loopback). A clock step during a run would skew latencies; that is
 * rare and shows as an absurd max. Only ASCII digits, letters and colons, so the stamp passes form
 * encoding, JSON and a server that appends to the message (the demo adds {@code " - HH:mm:ss"}).
 */
public final class Payload {

    /** {@code hb:} or, in the warm-up, {@code hw:}. */
    static final int MARKER_LENGTH = 3;

    private Payload() {
    }

    /** The data for one message, at least {@code size} characters long (longer when the stamp is). */
    public static String format(int topic, long seq, long sendMicros, int size, boolean warmup) {
        StringBuilder out = new StringBuilder(Math.max(size, 48));
        out.append(warmup ? "hw:" : "hb:").append(topic).append(':').append(seq).append(':').append(sendMicros).append(':');
        if (out.length() < size) {
            char[] padding = new char[size - out.length()];
            Arrays.fill(padding, 'x');
            out.append(padding);
        }
        return out.toString();
    }

    /** Epoch microseconds from the wall clock, with the platform's resolution (1 µs on Linux). */
    public static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** A parsed stamp; one instance is reused per connection, so parsing allocates nothing. */
    public static final class Stamp {
        int topic;
        long seq;
        long sendMicros;
        boolean warmup;
        /** Where {@link #number} reads next. */
        private int cursor;

        public int topic() {
            return topic;
        }

        public long seq() {
            return seq;
        }

        public long sendMicros() {
            return sendMicros;
        }

        /** Sent during the warm-up: counted for loss, left out of the latency figures. */
        public boolean warmup() {
            return warmup;
        }
    }

    /**
     * Reads the first stamp in {@code bytes[from, to)} into {@code into}; false when there is none or it
     * is malformed (then {@code into} holds garbage).
     */
    public static boolean parse(byte[] bytes, int from, int to, Stamp into) {
        int at = indexOf(bytes, from, to);
        if (at < 0) {
            return false;
        }
        into.warmup = bytes[at + 1] == 'w';
        into.cursor = at + MARKER_LENGTH;
        long topic = number(bytes, into, to);
        long seq = topic < 0 ? -1 : number(bytes, into, to);
        long micros = seq < 0 ? -1 : number(bytes, into, to);
        if (micros < 0 || topic > Integer.MAX_VALUE) {
            return false;
        }
        into.topic = (int) topic;
        into.seq = seq;
        into.sendMicros = micros;
        return true;
    }

    /** Digits up to a colon, which is consumed; -1 when there are none, too many, or no colon. */
    private static long number(byte[] bytes, Stamp stamp, int to) {
        long value = 0;
        int i = stamp.cursor;
        int start = i;
        while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
            if (i - start == 18) {
                return -1; // would overflow a long; no honest stamp is this long
            }
            value = value * 10 + (bytes[i] - '0');
            i++;
        }
        if (i == start || i >= to || bytes[i] != ':') {
            return -1;
        }
        stamp.cursor = i + 1;
        return value;
    }

    /** The first {@code hb:} or {@code hw:}. */
    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i <= to - MARKER_LENGTH; i++) {
            if (bytes[i] == 'h' && (bytes[i + 1] == 'b' || bytes[i + 1] == 'w') && bytes[i + 2] == ':') {
                return i;
            }
        }
        return -1;
    }
}
