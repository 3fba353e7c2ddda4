package dev.eider.runtime.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the size and duration notations of the configuration; throws IllegalArgumentException naming the problem. */
final class Units {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]i?B|B)?");
    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "B", 1L,
            "KB", 1_000L, "MB", 1_000_000L, "GB", 1_000_000_000L, "TB", 1_000_000_000_000L,
            "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30, "TiB", 1L << 40);
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Map<String, ChronoUnit> DURATION_UNITS = Map.of(
            "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS);

    private Units() {}

    /** Bytes of {@code 16MiB}, {@code 512KiB}, {@code 10MB}, {@code 4096}. */
    static long size(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write bytes or a number with a unit: "
                    + "512KiB, 16MiB, 1GiB (or KB, MB, GB for powers of 10)");
        }
        long unit = m.group(2) == null ? 1 : SIZE_UNITS.get(m.group(2));
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    /** {@code 250ms}, {@code 5s}, {@code 15m}, {@code 2h}, also combined ({@code 1h30m}) and {@code 0}. */
    static Duration duration(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION_PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int end = 0;
        try {
            while (m.find() && m.start() == end) {
                total = total.plus(Duration.of(Long.parseLong(m.group(1)), DURATION_UNITS.get(m.group(2))));
                end = m.end();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long");
        }
        if (end == 0 || end != trimmed.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write a number with a unit: "
                    + "250ms, 5s, 15m or 2h");
        }
        return total;
    }
}
