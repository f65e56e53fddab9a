package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of {@link Durations}: a duration written from known parts parses to their exact sum (or is refused
 * as zero or too long), {@link Durations#format} reads back to the same duration, and any other text is refused
 * with an {@link IllegalArgumentException} quoting it, in time linear in its length.
 */
class DurationsPropertiesTest {

    private static final String[] UNITS = {"h", "m", "s", "ms"};
    private static final long[] NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L};

    /** A written duration and its exact length in nanoseconds (fractions below 1 ns included). */
    record Written(String text, BigDecimal nanos) {
    }

    @Property
    void writtenDurationsParseToTheirExactValue(@ForAll("written") Written w) {
        long whole;
        try {
            whole = w.nanos().setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException tooBig) {
            assertThatThrownBy(() -> Durations.parse(w.text())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("too long");
            return;
        }
        if (whole <= 0) {
            assertThatThrownBy(() -> Durations.parse(w.text())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("greater than zero");
        } else {
            assertThat(Durations.parse(w.text())).as(w.text()).isEqualTo(Duration.ofNanos(whole));
        }
    }

    @Property
    void formatReadsBack(@ForAll @LongRange(min = 1) long nanos) {
        Duration d = Duration.ofNanos(nanos);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @Property
    void formatReadsBackForRoundValues(@ForAll @IntRange(min = 1, max = 1_000_000) int n,
            @ForAll @IntRange(max = 3) int unit) {
        Duration d = Duration.ofNanos(n * NANOS[unit]);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @Property
    void anyTextIsADurationOrAnErrorQuotingIt(@ForAll("durationLike") String text) {
        check(text);
    }

    @Property
    void arbitraryUnicodeIsADurationOrAnError(@ForAll @StringLength(max = 200) String text) {
        check(text);
    }

    @Property
    void arbitraryBytesAreADurationOrAnError(@ForAll @Size(max = 200) byte[] bytes) {
        check(new String(bytes, StandardCharsets.UTF_8));
        check(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    @Property
    void aCorruptedDurationIsADurationOrAnError(@ForAll("written") Written w, @ForAll @IntRange(max = 1000) int at,
            @ForAll("durationLike") String junk, @ForAll boolean replace) {
        String t = w.text();
        int i = at % (t.length() + 1);
        check(t.substring(0, i) + junk + (replace ? t.substring(Math.min(t.length(), i + junk.length())) : t.substring(i)));
    }

    /** Long inputs: were quadratic (see DurationsTest.longDigitRunIsRejectedInLinearTime). */
    @Property
    void longRunsAreRefusedQuickly(@ForAll @IntRange(min = 1_000, max = 30_000) int length,
            @ForAll("durationLike") String tail) {
        long start = System.nanoTime();
        check("7".repeat(length) + tail);
        check("1s" + "0".repeat(length) + tail);
        check(".".repeat(length) + tail);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    private static void check(String text) {
        Throwable t = catchThrowable(() -> assertThat(Durations.parse(text)).isPositive());
        if (t != null) {
            assertThat(t).as(text).isExactlyInstanceOf(IllegalArgumentException.class);
            assertThat(t.getMessage()).satisfiesAnyOf(m -> assertThat(m).contains("\"" + text + "\""),
                    m -> assertThat(m).startsWith("empty duration"));
        }
    }

    @Provide
    Arbitrary<Written> written() {
        Arbitrary<String> intPart = Arbitraries.oneOf(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25));
        Arbitrary<String> number = Combinators.combine(intPart, Arbitraries.strings().numeric().ofMaxLength(12),
                Arbitraries.integers().between(0, 2)).as((i, f, form) -> switch (form) {
                    case 0 -> i;
                    case 1 -> f.isEmpty() ? i : i + "." + f;
                    default -> f.isEmpty() ? i : "." + f;
                });
        Arbitrary<List<String>> numbers = number.list().ofSize(4);
        Arbitrary<List<Boolean>> present = Arbitraries.of(true, false).list().ofSize(4).filter(l -> l.contains(true));
        Arbitrary<String> space = Arbitraries.of("", "", " ", "\t", " \n", "\u2003");
        return Combinators.combine(numbers, present, space, space).as((ns, ps, lead, trail) -> {
            StringBuilder text = new StringBuilder(lead);
            BigDecimal nanos = BigDecimal.ZERO;
            List<String> parts = new ArrayList<>();
            for (int u = 0; u < 4; u++) {
                if (ps.get(u)) {
                    parts.add(ns.get(u) + UNITS[u]);
                    nanos = nanos.add(new BigDecimal(ns.get(u)).multiply(BigDecimal.valueOf(NANOS[u])));
                }
            }
            text.append(String.join("", parts)).append(trail);
            return new Written(text.toString(), nanos);
        });
    }

    @Provide
    Arbitrary<String> durationLike() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("0", "1", "99", "1.5", ".5", "5.", ".", "h", "m", "s", "ms", "us", "ns", "d", "-", "+",
                        " ", "\t", "e3", "1_000", "\u0661", "\uFF11", "\u0000", "\uD800", "MS", "S", "99999999999999999999"),
                Arbitraries.strings().ofMaxLength(3));
        return token.list().ofMaxSize(10).map(l -> String.join("", l));
    }
}
