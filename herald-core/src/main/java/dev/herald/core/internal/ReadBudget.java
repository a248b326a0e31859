package dev.herald.core.internal;

/**
 * A string that allows only so many {@link #charAt} calls, then throws {@link Exhausted}. java.util.regex
 * reads its input through {@code charAt}, so this bounds the work of one match, backtracking included,
 * without a timer or another thread. Not thread-safe: one instance per match.
 */
final class ReadBudget implements CharSequence {

    /** Thrown when the budget is spent. Shared and without a stack trace: it is control flow. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Exhausted INSTANCE = new Exhausted();

        private Exhausted() {
            super("read budget exhausted", null, false, false);
        }
    }

    private final String text;
    private int readsLeft;

    ReadBudget(String text, int reads) {
        this.text = text;
        this.readsLeft = reads;
    }

    @Override
    public char charAt(int index) {
        if (--readsLeft < 0) {
            throw Exhausted.INSTANCE;
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
