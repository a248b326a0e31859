package dev.herald.bench.internal;

/**
 * Which sequence numbers of one topic one subscriber received: counts unique deliveries, duplicates
 * and out-of-order arrivals, so that loss is {@code expected - unique} and gaps are the holes below the
 * highest number seen.
 *
 * <p>In-order delivery (the usual case) needs no memory beyond three counters; the first hole
 * allocates a window of the last {@value #WINDOW} numbers (512 bytes) to tell a late arrival from a
 * duplicate. Publishers on several connections reorder by a few numbers at most; an arrival older than
 * the window is counted as {@link #tooOld()} and not as unique. Single-threaded.
 */
final class SequenceTracker {

    static final int WINDOW = 4096;

    private long highest = -1;
    private long unique;
    private long duplicates;
    private long reordered;
    private long tooOld;
    /** Bit {@code s % WINDOW} is set when {@code s} in {@code (highest - WINDOW, highest]} arrived. */
    private long[] seen;

    /** Records an arrival; true when it is the first arrival of this number. */
    boolean record(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("sequence numbers start at 0: " + seq);
        }
        if (seq == highest + 1 && seen == null) {
            highest = seq;
            unique++;
            return true;
        }
        if (seen == null) {
            if (seq <= highest) {
                duplicates++; // no hole yet, so everything up to highest already arrived
                return false;
            }
            seen = new long[WINDOW / 64];
            markRange(Math.max(0, highest - WINDOW + 1), highest); // all arrived, in order
        }
        if (seq > highest) {
            advanceTo(seq);
            unique++;
            return true;
        }
        if (seq <= highest - WINDOW) {
            tooOld++;
            return false;
        }
        if (isSet(seq)) {
            duplicates++;
            return false;
        }
        set(seq);
        unique++;
        reordered++;
        return true;
    }

    long unique() {
        return unique;
    }

    long duplicates() {
        return duplicates;
    }

    long reordered() {
        return reordered;
    }

    long tooOld() {
        return tooOld;
    }

    /** Numbers below the highest one seen that never arrived. */
    long gaps() {
        return highest + 1 - unique;
    }

    private void advanceTo(long seq) {
        if (seq - highest >= WINDOW) {
            java.util.Arrays.fill(seen, 0L);
        } else {
            for (long s = highest + 1; s < seq; s++) {
                clear(s);
            }
        }
        set(seq);
        highest = seq;
    }

    private void markRange(long from, long to) {
        for (long s = from; s <= to; s++) {
            set(s);
        }
    }

    private boolean isSet(long seq) {
        int bit = (int) (seq % WINDOW);
        return (seen[bit >>> 6] & (1L << bit)) != 0;
    }

    private void set(long seq) {
        int bit = (int) (seq % WINDOW);
        seen[bit >>> 6] |= 1L << bit;
    }

    private void clear(long seq) {
        int bit = (int) (seq % WINDOW);
        seen[bit >>> 6] &= ~(1L << bit);
    }
}
