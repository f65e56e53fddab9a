package io.gpuagent.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus-style durations ({@code 500ms}, {@code 2s}, {@code 1m30s}, {@code 1.5s}), the
 * notation users of exporters already type into scrape configs and flags.
 *
 * <p>Units are {@code h}, {@code m}, {@code s}, {@code ms}, largest first, each at most once,
 * so {@code 1m30s} is accepted and the ambiguous {@code 30s1m} is not. Unlike Prometheus a
 * decimal fraction is allowed ({@code 1.5s}), as Go's {@code time.ParseDuration} does. There
 * is no sign: every duration here is an interval or timeout, so zero and negatives are errors.
 */
public final class Durations {

    /** One number-unit pair; {@code ms} is listed before {@code m} so it wins the alternation. */
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)(ms|h|m|s)");

    private static final String HINT = "(use e.g. 500ms, 2s, 1m)";

    private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * Parses a duration such as {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 1m30s}
     * or {@code 1.5s}; leading and trailing white space is ignored.
     *
     * @throws IllegalArgumentException with a one-line message that quotes the input and shows
     *     examples; it does not name a setting, so callers prefix that
     */
    public static Duration parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration " + HINT);
        }
        Matcher m = PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int position = 0;
        int lastRank = Integer.MAX_VALUE;
        while (position < s.length()) {
            // lookingAt, not find: find would rescan the rest of the text from every position,
            // quadratic in a long run of digits with no unit.
            if (!m.region(position, s.length()).lookingAt()) {
                throw cannotParse(text);
            }
            int rank = rank(m.group(2));
            if (rank >= lastRank) {
                throw new IllegalArgumentException("cannot parse \"" + text
                        + "\" as a duration: units must go from largest to smallest, each once " + HINT);
            }
            lastRank = rank;
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(nanosPer(m.group(2))));
            position = m.end();
        }
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too long");
        }
        // Sub-nanosecond fractions cannot be represented; they are dropped, not rounded up.
        long whole = nanos.setScale(0, RoundingMode.DOWN).longValueExact();
        if (whole <= 0) {
            throw new IllegalArgumentException("duration \"" + text + "\" must be greater than zero");
        }
        return Duration.ofNanos(whole);
    }

    /**
     * Formats a duration back into the notation {@link #parse} reads ({@code 1m30s},
     * {@code 500ms}, {@code 1.5s}), for help text and the start-up log line.
     */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        StringBuilder out = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        Duration rest = d.minusHours(hours).minusMinutes(minutes);
        if (rest.isZero()) {
            return out.toString();
        }
        if (rest.getSeconds() == 0 && rest.getNano() % 1_000_000 == 0) {
            return out.append(rest.getNano() / 1_000_000).append("ms").toString();
        }
        BigDecimal seconds = BigDecimal.valueOf(rest.getSeconds())
                .add(BigDecimal.valueOf(rest.getNano(), 9))
                .stripTrailingZeros();
        return out.append(seconds.toPlainString()).append('s').toString();
    }

    private static IllegalArgumentException cannotParse(String text) {
        return new IllegalArgumentException("cannot parse \"" + text + "\" as a duration " + HINT);
    }

    private static int rank(String unit) {
        return switch (unit) {
            case "h" -> 3;
            case "m" -> 2;
            case "s" -> 1;
            case "ms" -> 0;
            default -> throw new IllegalStateException(unit);
        };
    }

    private static BigDecimal nanosPer(String unit) {
        return switch (unit) {
            case "h" -> NANOS_PER_MILLI.multiply(BigDecimal.valueOf(3_600_000L));
            case "m" -> NANOS_PER_MILLI.multiply(BigDecimal.valueOf(60_000L));
            case "s" -> NANOS_PER_MILLI.multiply(BigDecimal.valueOf(1_000L));
            case "ms" -> NANOS_PER_MILLI;
            default -> throw new IllegalStateException(unit);
        };
    }
}
