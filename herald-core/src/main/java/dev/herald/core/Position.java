package dev.herald.core;

/**
 * Where an update stands in a transport's single total order. Positions strictly increase with each
 * append; they are what the replay/live seam compares, never the (publisher-chosen) ids.
 */
public record Position(long sequence) implements Comparable<Position> {

    /** Before every update: the position of an empty history. */
    public static final Position NONE = new Position(0);

    public Position {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
    }

    public boolean isAfter(Position other) {
        return sequence > other.sequence;
    }

    public Position next() {
        return new Position(sequence + 1);
    }

    @Override
    public int compareTo(Position other) {
        return Long.compare(sequence, other.sequence);
    }
}
