package dev.herald.server.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How durations ({@code 15s}, {@code 500ms}, {@code 2m}, {@code PT1H}) and sizes ({@code 64KiB}) are written. */
final class Units {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib)?");

    private Units() {
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            Matcher matcher = DURATION.matcher(text);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            try {
                return Duration.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 15s, 2m, 1h, 7d)");
            }
        }
    }

    static final class SizeConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            Matcher matcher = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new TypeConversionException("'" + value + "' is not a size (examples: 65536, 64KiB, 1MiB)");
            }
            String unit = matcher.group(2) == null ? "b" : matcher.group(2);
            long multiplier = switch (unit.charAt(0)) {
                case 'k' -> 1024L;
                case 'm' -> 1024L * 1024;
                default -> 1L;
            };
            long bytes;
            try {
                bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), multiplier);
            } catch (ArithmeticException | NumberFormatException e) {
                bytes = Long.MAX_VALUE;
            }
            if (bytes > Integer.MAX_VALUE) {
                throw new TypeConversionException("'" + value + "' is larger than 2 GiB");
            }
            return (int) bytes;
        }
    }
}
