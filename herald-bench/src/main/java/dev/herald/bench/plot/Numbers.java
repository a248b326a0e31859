package dev.herald.bench.plot;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as the table and the chart print them: no trailing zeros, no exponent. */
final class Numbers {

    private Numbers() {
    }

    /** {@code 100.0} as "100", {@code 0.25} as "0.25", {@code 12.3456} as "12.3" (three significant digits). */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
