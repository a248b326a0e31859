package dev.herald.core.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The classic catastrophic-backtracking shape, {@code (a+)+b} on a long run of {@code a}s that ends
 * without {@code b}, written as a URL pattern group ({@code :x((?:a+)+b)}): a backtracking engine tries
 * many ways to split the run (exponentially many without memoization; the JDK's memoizes this loop and
 * is "only" quadratic); RE2/J reads each character a bounded number of times. The work is counted in
 * characters read, never timed.
 */
class CatastrophicPatternTest {

    private static final String HUB = "https://hub.example.com/.well-known/mercure";
    private static final UrlPattern PATTERN = UrlPattern.compile("https://example.com/:x((?:a+)+b)", HUB);

    @Test
    void re2jReadsEachCharacterABoundedNumberOfTimes() {
        for (int length : new int[] {1_000, 2_000, 4_000, 8_000}) {
            CountingChars path = new CountingChars("/" + "a".repeat(length - 1), Long.MAX_VALUE);

            assertThat(PATTERN.component("pathname").matches(path)).as("no b: no match").isFalse();
            assertThat(path.reads)
                    .as("RE2/J reads the input (every character) and its reads grow linearly: at most 4 per "
                            + "character at %s characters", length)
                    .isBetween((long) length - 1, 4L * length);
        }
    }

    @Test
    void backtrackingEngineSpendsFarMoreOnTheSameExpression() {
        String regex = PATTERN.component("pathname").regex().pattern();
        int length = 2_000;
        CountingChars path = new CountingChars("/" + "a".repeat(length - 1), 100L * length);

        assertThatThrownBy(() -> java.util.regex.Pattern.compile(regex).matcher(path).matches())
                .as("java.util.regex on the same expression and input reads more than 100 characters per input "
                        + "character (about n^2 / 2 reads even with the JDK's loop memoization)")
                .isInstanceOf(CountingChars.BudgetExceeded.class);
    }

    @Test
    void wholeTopicIsRejectedInLinearWork() {
        String topic = "https://example.com/" + "a".repeat(UrlPattern.MAX_INPUT_LENGTH - 20);

        assertThat(PATTERN.matches(topic)).as("the hostile topic at the input bound does not match").isFalse();
    }

    /** A string that counts its character reads and gives up past a budget. */
    static final class CountingChars implements CharSequence {
        static final class BudgetExceeded extends RuntimeException {
            private static final long serialVersionUID = 1L;

            BudgetExceeded() {
                super("read budget exceeded", null, false, false);
            }
        }

        private final String text;
        private final long budget;
        long reads;

        CountingChars(String text, long budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (++reads > budget) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountingChars(text.substring(start, end), budget - reads);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
