package dev.herald.core;

/**
 * Retention removed updates a replay had not read yet: between two pages, the rows after the previous
 * page fell out of the history (a replay slower than the publishers, by the whole history size). The
 * replay cannot go on without a gap, so it ends; the client reconnects and is told
 * {@value LastEventId#EARLIEST}.
 */
public final class HistoryOvertakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Position after;

    public HistoryOvertakenException(Position after) {
        super("retention removed the updates after position " + after.sequence() + " before the replay read them",
                null, false, false);
        this.after = after;
    }

    /** Where the replay stood: the updates after it are no longer all retained. */
    public Position after() {
        return after;
    }
}
