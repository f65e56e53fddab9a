package io.gpuagent.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link ExpositionParser#parse}: a page written from known samples (any label values, any
 * doubles, the spellings real clients use, comments, blank lines, CRLF, timestamps, exemplars) parses back to
 * exactly those samples with no bad line; corrupting one line costs at most that line's sample; any text at all
 * parses without an exception into well-formed samples.
 */
class ExpositionParserPropertiesTest {

    /** A sample and the line written for it. */
    record Written(Sample sample, String line) {
    }

    /** A page, the samples on it in order, and the TYPE declarations. */
    record Page(List<String> lines, List<Sample> samples, Map<String, String> types, String newline) {
        String text() {
            return String.join(newline, lines) + newline;
        }
    }

    @Test
    void aWrittenPageParsesBackToItsSamples() {
        Properties.forAll("a written page parses back to its samples", Properties.TRIES,
                ExpositionParserPropertiesTest::page, page -> {
                    ParsedMetrics m = ExpositionParser.parse(page.text());
                    assertThat(m.badLines()).as(page.text()).isZero();
                    assertThat(m.truncated()).isFalse();
                    assertThat(allSamples(m)).as(page.text()).isEqualTo(inNameOrder(page.samples()));
                    page.types().forEach((family, type) -> assertThat(m.type(family)).contains(type));
                });
    }

    @Test
    void corruptingOneLineCostsAtMostThatLine() {
        record Corrupted(Page page, int which, int where, String junk, boolean replace) {
        }
        Properties.forAll("corrupting one line costs at most that line", Properties.TRIES,
                r -> new Corrupted(page(r), r.nextInt(10_001), r.nextInt(10_001), junk(r), r.nextBoolean()), c -> {
                    Page page = c.page();
                    List<String> lines = new ArrayList<>(page.lines());
                    int i = c.which() % lines.size();
                    String line = lines.get(i);
                    int at = c.where() % (line.length() + 1);
                    String junk = c.junk();
                    String mutated = c.replace()
                            ? line.substring(0, at) + junk + line.substring(Math.min(line.length(), at + junk.length()))
                            : line.substring(0, at) + junk + line.substring(at);
                    lines.set(i, mutated);
                    ParsedMetrics m = ExpositionParser.parse(String.join(page.newline(), lines) + page.newline());
                    wellFormed(m);
                    // Every other line's sample is still there, in order.
                    List<Sample> others = new ArrayList<>();
                    for (int k = 0; k < page.lines().size(); k++) {
                        Sample sample = sampleOf(page, k);
                        if (sample != null && k != i) {
                            others.add(sample);
                        }
                    }
                    List<Sample> got = allSamples(m);
                    List<Sample> expected = inNameOrder(others);
                    assertThat(got.size()).isBetween(expected.size(), expected.size() + 1);
                    assertThat(got).containsAll(expected);
                    assertThat(m.badLines()).isLessThanOrEqualTo(1);
                });
    }

    @Test
    void anyPrefixOfAPageKeepsTheCompleteLines() {
        record Cut(Page page, int cut) {
        }
        Properties.forAll("any prefix of a page keeps the complete lines", Properties.TRIES,
                r -> new Cut(page(r), r.nextInt(100_001)), c -> {
                    Page page = c.page();
                    String text = page.text();
                    String prefix = text.substring(0, c.cut() % (text.length() + 1));
                    ParsedMetrics m = ExpositionParser.parse(prefix);
                    wellFormed(m);
                    int complete = 0;
                    int end = -1;
                    while ((end = prefix.indexOf('\n', end + 1)) >= 0) {
                        complete++;
                    }
                    List<Sample> kept = new ArrayList<>();
                    for (int k = 0; k < complete; k++) {
                        Sample sample = sampleOf(page, k);
                        if (sample != null) {
                            kept.add(sample);
                        }
                    }
                    assertThat(allSamples(m)).containsAll(kept);
                });
    }

    @Test
    void anyTextParsesIntoWellFormedSamples() {
        Properties.forAll("any text parses into well-formed samples", Properties.TRIES,
                ExpositionParserPropertiesTest::expositionLike, text -> wellFormed(ExpositionParser.parse(text)));
        Properties.forAll("any corrupted page parses into well-formed samples", Properties.TRIES,
                r -> Gen.corrupt(r, page(r).text()), text -> wellFormed(ExpositionParser.parse(text)));
    }

    @Test
    void arbitraryUnicodeParsesIntoWellFormedSamples() {
        Properties.forAll("arbitrary Unicode parses into well-formed samples", Properties.TRIES, r -> Gen.text(r, 500),
                text -> wellFormed(ExpositionParser.parse(text)));
    }

    @Test
    void arbitraryBytesParseIntoWellFormedSamples() {
        Properties.forAll("arbitrary bytes parse into well-formed samples", Properties.TRIES, r -> Gen.bytes(r, 800),
                bytes -> {
                    wellFormed(ExpositionParser.parse(new String(bytes, StandardCharsets.UTF_8)));
                    wellFormed(ExpositionParser.parse(new String(bytes, StandardCharsets.ISO_8859_1)));
                });
    }

    @Test
    void hugeLinesAreSkippedAndTheRestStillRead() {
        record Huge(Page page, int size) {
        }
        Properties.forAll("huge lines are skipped and the rest still read", Properties.TRIES,
                r -> new Huge(page(r), Gen.between(r, ExpositionParser.MAX_LINE_CHARS + 1, 200_000)), h -> {
                    Page page = h.page();
                    String huge = "big{v=\"" + "x".repeat(h.size()) + "\"} 1";
                    ParsedMetrics m = ExpositionParser.parse(huge + page.newline() + page.text());
                    assertThat(m.badLines()).isEqualTo(1);
                    assertThat(allSamples(m)).isEqualTo(inNameOrder(page.samples()));
                });
    }

    /** Every sample has a valid metric name and label names, is filed under its name, and nothing is lost. */
    static void wellFormed(ParsedMetrics m) {
        assertThat(m.badLines()).isNotNegative();
        m.byName().forEach((name, samples) -> {
            assertThat(name).matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
            assertThat(samples).isNotEmpty().allSatisfy(s -> {
                assertThat(s.name()).isEqualTo(name);
                assertThat(s.labels().keySet()).allSatisfy(k -> assertThat(k).matches("[a-zA-Z_][a-zA-Z0-9_]*"));
            });
        });
        assertThat(m.sampleCount()).isLessThanOrEqualTo(ExpositionParser.MAX_SAMPLES);
    }

    private static List<Sample> allSamples(ParsedMetrics m) {
        List<Sample> out = new ArrayList<>();
        m.byName().values().forEach(out::addAll);
        return out;
    }

    /** ParsedMetrics groups by name in order of first appearance, keeping order within a name. */
    private static List<Sample> inNameOrder(List<Sample> samples) {
        Map<String, List<Sample>> byName = new LinkedHashMap<>();
        samples.forEach(s -> byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s));
        List<Sample> out = new ArrayList<>();
        byName.values().forEach(out::addAll);
        return out;
    }

    /** The sample written on line k of the page, or null for a comment or blank line. */
    private static Sample sampleOf(Page page, int k) {
        String line = page.lines().get(k);
        int n = 0;
        for (int j = 0; j < k; j++) {
            if (isSampleLine(page.lines().get(j))) {
                n++;
            }
        }
        return isSampleLine(line) ? page.samples().get(n) : null;
    }

    private static boolean isSampleLine(String line) {
        String t = line.strip();
        return !t.isEmpty() && t.charAt(0) != '#';
    }

    // ---- generators ----

    static String metricName(SplittableRandom r) {
        return r.nextBoolean()
                ? Gen.oneOf(r, "vllm:num_requests_waiting", "nv_inference_queue_duration_us", "tgi_queue_size",
                        "sglang:token_usage", "process_cpu_seconds_total", "http_requests_total",
                        "request_latency_seconds_bucket", "up", "_", ":")
                : Gen.from(r, "abcxyzABCXYZ_:", 1, 1) + Gen.from(r, "abcxyzABCXYZ0123456789_:", 0, 30);
    }

    static String labelName(SplittableRandom r) {
        return Gen.from(r, "abcdefghijklmnopqrstuvwxyzABCZ_", 1, 1) + Gen.from(r, "abcz_0189ABZ", 0, 15);
    }

    static String labelValue(SplittableRandom r) {
        return r.nextBoolean()
                ? Gen.oneOf(r, "", "meta-llama/Llama-3.1-8B", "a\"b", "back\\slash", "line\nbreak", "\\n", "tab\there",
                        "{}=,#", "\r", " lead and trail ", "日本語", "\uD83D\uDE00", "\uD800", "\u0000", "\\")
                : Gen.text(r, 40);
    }

    static double value(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> Gen.oneOf(r, 0.0, -0.0, 1.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e300, 0.1);
            case 1 -> Gen.anyDouble(r);
            case 2 -> (double) r.nextLong(-(1L << 53), (1L << 53) + 1);
            default -> r.nextInt(1_000_001) / 1000.0;
        };
    }

    /** How clients spell a double: Java's toString, Go's strconv 'g' style, Python's repr, plain integers. */
    static String spelled(SplittableRandom r, double v) {
        if (Double.isNaN(v)) {
            return Gen.oneOf(r, "NaN", "nan");
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? Gen.oneOf(r, "+Inf", "Inf", "+inf", "inf") : Gen.oneOf(r, "-Inf", "-inf");
        }
        if (v == 0 && 1 / v < 0) {
            return Gen.oneOf(r, "-0", "-0.0", "-0e0"); // BigDecimal has no negative zero
        }
        List<String> ways = new ArrayList<>();
        ways.add(Double.toString(v));
        ways.add(goStyle(v));
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            ways.add(Long.toString((long) v));
        }
        String plain = new BigDecimal(v).toPlainString();
        if (plain.length() <= 64) {
            ways.add(plain);
        }
        return Gen.oneOf(r, ways);
    }

    /** Go's FormatFloat(v, 'g', -1, 64): shortest digits, exponent as e+06 / e-07 for large and small. */
    static String goStyle(double v) {
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 21) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return d.toPlainString();
    }

    static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A sample (up to 5 labels, any value) and its line, with the spacing, timestamps and exemplars clients write. */
    static Written written(SplittableRandom r) {
        String name = metricName(r);
        Map<String, String> ls = new LinkedHashMap<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            ls.put(labelName(r), labelValue(r));
        }
        double v = value(r);
        String sp = Gen.oneOf(r, " ", " ", "\t", "  ", " \t ");
        String tl = switch (r.nextInt(3)) {
            case 0 -> "";
            case 1 -> " " + r.nextLong(4_102_444_800_001L);
            default -> Gen.oneOf(r, " # {trace_id=\"abc\"} 1.0", " 1700000000.123 # {a=\"b\"} 2 1700000000");
        };
        boolean braces = r.nextBoolean();
        boolean trailingComma = r.nextBoolean();
        StringBuilder line = new StringBuilder(name);
        if (!ls.isEmpty() || braces) {
            line.append('{');
            List<String> pairs = new ArrayList<>();
            ls.forEach((k, val) -> pairs.add(k + "=\"" + escape(val) + "\""));
            line.append(String.join(",", pairs));
            if (trailingComma && !pairs.isEmpty()) {
                line.append(',');
            }
            line.append('}');
        }
        line.append(sp).append(spelled(r, v)).append(tl);
        return new Written(new Sample(name, ls, v), line.toString());
    }

    /** 1 to 25 lines: samples 8 times in 11, else HELP, TYPE, or a blank line or free comment; LF or CRLF. */
    static Page page(SplittableRandom r) {
        List<String> lines = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        int n = Gen.between(r, 1, 25);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(11);
            if (kind < 8) {
                Written w = written(r);
                lines.add(w.line());
                samples.add(w.sample());
            } else if (kind == 8) {
                lines.add("# HELP " + metricName(r) + " Some help, with \\\\ and \\n.");
            } else if (kind == 9) {
                String family = metricName(r);
                String type = Gen.oneOf(r, "counter", "gauge", "histogram", "summary", "untyped", "Counter");
                lines.add("# TYPE " + family + " " + type);
                types.put(family, type.toLowerCase(Locale.ROOT));
            } else {
                lines.add(Gen.oneOf(r, "", "   ", "#", "# a free comment", "\t"));
            }
        }
        return new Page(lines, samples, types, Gen.oneOf(r, "\n", "\r\n"));
    }

    static String junk(SplittableRandom r) {
        return r.nextBoolean()
                ? Gen.oneOf(r, "\"", "\\", "{", "}", "=", ",", " ", "#", "\t", "\r", "\u0000", "\uFFFD", "\uD800", "e",
                        "+", "-", ".", "Inf", "NaN", "0", "a")
                : Gen.text(r, 5).replace('\n', ' ');
    }

    /** Text made of the format's own pieces, in any order. */
    static String expositionLike(SplittableRandom r) {
        return Gen.tokens(r, 60, t -> switch (t.nextInt(4)) {
            case 0 -> Gen.oneOf(t, "a", "vllm:x", "_", "{", "}", "=", "\"", ",", "\\", "\\\"", "\\n", "# ", "TYPE ",
                    "HELP ", "EOF", "counter", " ", "\t", "\n", "\r\n", "\r", "1", "-2.5e-3", "NaN", "+Inf", "1e999",
                    "0x10", "1_000", "\u0000", "\uD800", "\uFFFD", "é", "\u00A0", "\u2028");
            case 1 -> metricName(t);
            case 2 -> labelName(t);
            default -> labelValue(t);
        });
    }
}
