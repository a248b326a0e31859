package dev.herald.core.urlpattern;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upper estimate of how many instructions a regular expression compiles to, read from its text
 * before RE2/J compiles it. RE2/J unrolls counted repetitions ({@code (?:x{1000}){1000}} is a million
 * copies of {@code x}) and its matching time is proportional to program size times input length, so a
 * pattern's size is bounded ({@link UrlPattern#MAX_PROGRAM_SIZE}) before anything is allocated for it.
 * Sequences add, alternatives add, a group counts its contents, a quantifier multiplies the atom it
 * follows by its largest count (by 2 for {@code * + ?}). Saturates at {@link Long#MAX_VALUE} / 4.
 */
final class RegexSize {

    private static final long SATURATED = Long.MAX_VALUE / 4;

    /** Sizes of one group being read: what is finished and the atom a quantifier would apply to. */
    private static final class Frame {
        long total;
        long last;

        void atom(long size) {
            total = add(total, last);
            last = size;
        }

        long size() {
            return add(total, last);
        }
    }

    private RegexSize() {}

    static long estimate(String regex) {
        Deque<Frame> frames = new ArrayDeque<>();
        Frame frame = new Frame();
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            switch (c) {
                case '\\' -> {
                    frame.atom(1);
                    i += 2;
                    continue;
                }
                case '[' -> {
                    i = classEnd(regex, i);
                    frame.atom(1);
                    continue;
                }
                case '(' -> {
                    frames.push(frame);
                    frame = new Frame();
                    i++;
                    if (i < n && regex.charAt(i) == '?') {
                        while (i < n && regex.charAt(i) != ':' && regex.charAt(i) != ')') {
                            i++;
                        }
                        if (i < n && regex.charAt(i) == ':') {
                            i++;
                        }
                    }
                    continue;
                }
                case ')' -> {
                    long size = add(frame.size(), 1);
                    frame = frames.isEmpty() ? new Frame() : frames.pop();
                    frame.atom(size);
                }
                case '|' -> frame.atom(0);
                case '*', '+', '?' -> frame.last = multiply(add(frame.last, 1), 2);
                case '{' -> {
                    int close = regex.indexOf('}', i);
                    long count = close < 0 ? -1 : largestCount(regex.substring(i + 1, close));
                    if (count < 0) {
                        frame.atom(1);
                    } else {
                        frame.last = multiply(frame.last, Math.max(count, 1));
                        i = close + 1;
                        continue;
                    }
                }
                default -> frame.atom(1);
            }
            i++;
        }
        long size = frame.size();
        while (!frames.isEmpty()) {
            size = add(size, frames.pop().size());
        }
        return size;
    }

    /** The index after the ']' closing the class that starts at {@code start}. */
    private static int classEnd(String regex, int start) {
        int i = start + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length() && regex.charAt(i) != ']') {
            i += regex.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    /** The larger bound of {@code n}, {@code n,} or {@code n,m}, or -1 when the text is not a count. */
    private static long largestCount(String body) {
        int comma = body.indexOf(',');
        String low = comma < 0 ? body : body.substring(0, comma);
        String high = comma < 0 ? "" : body.substring(comma + 1);
        if (!isCount(low, false) || !isCount(high, true)) {
            return -1;
        }
        long largest = Long.parseLong(low);
        if (!high.isEmpty()) {
            largest = Math.max(largest, Long.parseLong(high));
        } else if (comma >= 0) {
            largest++; // {n,}: n copies and a star
        }
        return largest;
    }

    /** One to nine ASCII digits (or none, when allowed). */
    private static boolean isCount(String digits, boolean mayBeEmpty) {
        if (digits.isEmpty()) {
            return mayBeEmpty;
        }
        return digits.length() <= 9 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    private static long multiply(long a, long b) {
        return a > SATURATED / Math.max(b, 1) ? SATURATED : a * b;
    }
}
