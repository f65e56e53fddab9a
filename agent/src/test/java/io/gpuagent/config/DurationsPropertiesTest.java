package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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

    @Test
    void writtenDurationsParseToTheirExactValue() {
        Properties.forAll("written durations parse to their exact value", Properties.TRIES,
                DurationsPropertiesTest::written, w -> {
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
                });
    }

    @Test
    void formatReadsBack() {
        Properties.forAll("format reads back", Properties.TRIES, r -> Gen.magnitude(r, 1, Long.MAX_VALUE), nanos -> {
            Duration d = Duration.ofNanos(nanos);
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        });
    }

    @Test
    void formatReadsBackForRoundValues() {
        Properties.forAll("format reads back for round values", Properties.TRIES,
                r -> Duration.ofNanos(Gen.between(r, 1, 1_000_000) * NANOS[r.nextInt(4)]),
                d -> assertThat(Durations.parse(Durations.format(d))).isEqualTo(d));
    }

    @Test
    void anyTextIsADurationOrAnErrorQuotingIt() {
        Properties.forAll("any text is a duration or an error quoting it", Properties.TRIES,
                DurationsPropertiesTest::durationLike, DurationsPropertiesTest::check);
    }

    @Test
    void arbitraryUnicodeIsADurationOrAnError() {
        Properties.forAll("arbitrary Unicode is a duration or an error", Properties.TRIES, r -> Gen.text(r, 200),
                DurationsPropertiesTest::check);
    }

    @Test
    void arbitraryBytesAreADurationOrAnError() {
        Properties.forAll("arbitrary bytes are a duration or an error", Properties.TRIES, r -> Gen.bytes(r, 200),
                bytes -> {
                    check(new String(bytes, StandardCharsets.UTF_8));
                    check(new String(bytes, StandardCharsets.ISO_8859_1));
                });
    }

    @Test
    void aCorruptedDurationIsADurationOrAnError() {
        record Corrupted(Written w, int at, String junk, boolean replace) {
        }
        Properties.forAll("a corrupted duration is a duration or an error", Properties.TRIES,
                r -> new Corrupted(written(r), r.nextInt(1001), durationLike(r), r.nextBoolean()), c -> {
                    String t = c.w().text();
                    int i = c.at() % (t.length() + 1);
                    check(t.substring(0, i) + c.junk()
                            + (c.replace() ? t.substring(Math.min(t.length(), i + c.junk().length())) : t.substring(i)));
                });
        Properties.forAll("a corrupted duration (random edits) is a duration or an error", Properties.TRIES,
                r -> Gen.corrupt(r, written(r).text()), DurationsPropertiesTest::check);
    }

    /** Long inputs: were quadratic (see DurationsTest.longDigitRunIsRejectedInLinearTime). */
    @Test
    void longRunsAreRefusedQuickly() {
        record Run(int length, String tail) {
        }
        Properties.forAll("long runs are refused quickly", Properties.TRIES,
                r -> new Run(Gen.between(r, 1_000, 30_000), durationLike(r)), l -> {
                    long start = System.nanoTime();
                    check("7".repeat(l.length()) + l.tail());
                    check("1s" + "0".repeat(l.length()) + l.tail());
                    check(".".repeat(l.length()) + l.tail());
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                });
    }

    private static void check(String text) {
        Throwable t = catchThrowable(() -> assertThat(Durations.parse(text)).isPositive());
        if (t != null) {
            assertThat(t).as(text).isExactlyInstanceOf(IllegalArgumentException.class);
            assertThat(t.getMessage()).satisfiesAnyOf(m -> assertThat(m).contains("\"" + text + "\""),
                    m -> assertThat(m).startsWith("empty duration"));
        }
    }

    private static final String DIGITS = "0123456789";

    /** A duration written from 1 to 4 of its parts (integers up to 25 digits, fractions), with white space around. */
    static Written written(SplittableRandom r) {
        boolean[] present = new boolean[4];
        while (!(present[0] || present[1] || present[2] || present[3])) {
            for (int u = 0; u < 4; u++) {
                present[u] = r.nextBoolean();
            }
        }
        StringBuilder text = new StringBuilder(space(r));
        BigDecimal nanos = BigDecimal.ZERO;
        List<String> parts = new ArrayList<>();
        for (int u = 0; u < 4; u++) {
            String i = Gen.from(r, DIGITS, 1, r.nextBoolean() ? 3 : 25);
            String f = Gen.from(r, DIGITS, 0, 12);
            String number = switch (r.nextInt(3)) {
                case 0 -> i;
                case 1 -> f.isEmpty() ? i : i + "." + f;
                default -> f.isEmpty() ? i : "." + f;
            };
            if (present[u]) {
                parts.add(number + UNITS[u]);
                nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(NANOS[u])));
            }
        }
        text.append(String.join("", parts)).append(space(r));
        return new Written(text.toString(), nanos);
    }

    private static String space(SplittableRandom r) {
        return Gen.oneOf(r, "", "", " ", "\t", " \n", "\u2003");
    }

    /** Up to 10 tokens: the format's own pieces, look-alikes (other digits, units, signs), and any short text. */
    static String durationLike(SplittableRandom r) {
        return Gen.tokens(r, 10, t -> t.nextBoolean()
                ? Gen.oneOf(t, "0", "1", "99", "1.5", ".5", "5.", ".", "h", "m", "s", "ms", "us", "ns", "d", "-", "+",
                        " ", "\t", "e3", "1_000", "\u0661", "\uFF11", "\u0000", "\uD800", "MS", "S",
                        "99999999999999999999")
                : Gen.text(t, 3));
    }
}
