package io.gpuagent.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

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

    @Property
    void aWrittenPageParsesBackToItsSamples(@ForAll("pages") Page page) {
        ParsedMetrics m = ExpositionParser.parse(page.text());
        assertThat(m.badLines()).as(page.text()).isZero();
        assertThat(m.truncated()).isFalse();
        assertThat(allSamples(m)).as(page.text()).isEqualTo(inNameOrder(page.samples()));
        page.types().forEach((family, type) -> assertThat(m.type(family)).contains(type));
    }

    @Property
    void corruptingOneLineCostsAtMostThatLine(@ForAll("pages") Page page, @ForAll @IntRange(max = 10_000) int which,
            @ForAll @IntRange(max = 10_000) int where, @ForAll("junk") String junk, @ForAll boolean replace) {
        List<String> lines = new ArrayList<>(page.lines());
        int i = which % lines.size();
        String line = lines.get(i);
        int at = where % (line.length() + 1);
        String mutated = replace
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
    }

    @Property
    void anyPrefixOfAPageKeepsTheCompleteLines(@ForAll("pages") Page page, @ForAll @IntRange(max = 100_000) int cut) {
        String text = page.text();
        String prefix = text.substring(0, cut % (text.length() + 1));
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
    }

    @Property
    void anyTextParsesIntoWellFormedSamples(@ForAll("expositionLike") String text) {
        wellFormed(ExpositionParser.parse(text));
    }

    @Property
    void arbitraryUnicodeParsesIntoWellFormedSamples(@ForAll @StringLength(max = 500) String text) {
        wellFormed(ExpositionParser.parse(text));
    }

    @Property
    void arbitraryBytesParseIntoWellFormedSamples(@ForAll @Size(max = 800) byte[] bytes) {
        wellFormed(ExpositionParser.parse(new String(bytes, StandardCharsets.UTF_8)));
        wellFormed(ExpositionParser.parse(new String(bytes, StandardCharsets.ISO_8859_1)));
    }

    @Property
    void hugeLinesAreSkippedAndTheRestStillRead(@ForAll("pages") Page page,
            @ForAll @IntRange(min = ExpositionParser.MAX_LINE_CHARS + 1, max = 200_000) int size) {
        String huge = "big{v=\"" + "x".repeat(size) + "\"} 1";
        ParsedMetrics m = ExpositionParser.parse(huge + page.newline() + page.text());
        assertThat(m.badLines()).isEqualTo(1);
        assertThat(allSamples(m)).isEqualTo(inNameOrder(page.samples()));
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

    static Arbitrary<String> metricName() {
        Arbitrary<String> real = Arbitraries.of("vllm:num_requests_waiting", "nv_inference_queue_duration_us",
                "tgi_queue_size", "sglang:token_usage", "process_cpu_seconds_total", "http_requests_total",
                "request_latency_seconds_bucket", "up", "_", ":");
        Arbitrary<String> made = Combinators.combine(
                Arbitraries.strings().withChars("abcxyzABCXYZ_:").ofLength(1),
                Arbitraries.strings().withChars("abcxyzABCXYZ0123456789_:").ofMaxLength(30)).as(String::concat);
        return Arbitraries.oneOf(real, made);
    }

    static Arbitrary<String> labelName() {
        return Combinators.combine(Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCZ_").ofLength(1),
                Arbitraries.strings().withChars("abcz_0189ABZ").ofMaxLength(15)).as(String::concat);
    }

    static Arbitrary<String> labelValue() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "meta-llama/Llama-3.1-8B", "a\"b", "back\\slash", "line\nbreak", "\\n", "tab\there",
                        "{}=,#", "\r", " lead and trail ", "日本語", "\uD83D\uDE00", "\uD800", "\u0000", "\\"),
                Arbitraries.strings().ofMaxLength(40));
    }

    static Arbitrary<Double> value() {
        return Arbitraries.oneOf(
                Arbitraries.of(0.0, -0.0, 1.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e300, 0.1),
                Arbitraries.doubles(), Arbitraries.longs().between(-1L << 53, 1L << 53).map(Long::doubleValue),
                Arbitraries.integers().between(0, 1_000_000).map(i -> i / 1000.0));
    }

    /** How clients spell a double: Java's toString, Go's strconv 'g' style, Python's repr, plain integers. */
    static Arbitrary<String> spelled(double v) {
        if (Double.isNaN(v)) {
            return Arbitraries.of("NaN", "nan");
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? Arbitraries.of("+Inf", "Inf", "+inf", "inf") : Arbitraries.of("-Inf", "-inf");
        }
        if (v == 0 && 1 / v < 0) {
            return Arbitraries.of("-0", "-0.0", "-0e0"); // BigDecimal has no negative zero
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
        return Arbitraries.of(ways);
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

    @Provide
    Arbitrary<Written> written() {
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(labelName(), labelValue()).ofMaxSize(5)
                .map(LinkedHashMap::new);
        Arbitrary<String> space = Arbitraries.of(" ", " ", "\t", "  ", " \t ");
        Arbitrary<String> tail = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.longs().between(0, 4_102_444_800_000L).map(t -> " " + t),
                Arbitraries.of(" # {trace_id=\"abc\"} 1.0", " 1700000000.123 # {a=\"b\"} 2 1700000000"));
        return Combinators.combine(metricName(), labels, value(), space, tail, Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .flatAs((name, ls, v, sp, tl, braces, trailingComma) -> spelled(v).map(spelledValue -> {
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
                    line.append(sp).append(spelledValue).append(tl);
                    return new Written(new Sample(name, ls, v), line.toString());
                }));
    }

    @Provide
    Arbitrary<Page> pages() {
        Arbitrary<Object> entry = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, written().map(w -> (Object) w)),
                net.jqwik.api.Tuple.of(1, metricName().map(n -> (Object) ("# HELP " + n + " Some help, with \\\\ and \\n."))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(metricName(),
                        Arbitraries.of("counter", "gauge", "histogram", "summary", "untyped", "Counter"))
                        .as((n, t) -> (Object) new String[] {n, t})),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "   ", "#", "# a free comment", "\t").map(c -> (Object) c)));
        return Combinators.combine(entry.list().ofMinSize(1).ofMaxSize(25), Arbitraries.of("\n", "\r\n"))
                .as((entries, newline) -> {
                    List<String> lines = new ArrayList<>();
                    List<Sample> samples = new ArrayList<>();
                    Map<String, String> types = new LinkedHashMap<>();
                    for (Object e : entries) {
                        switch (e) {
                            case Written w -> {
                                lines.add(w.line());
                                samples.add(w.sample());
                            }
                            case String[] t -> {
                                lines.add("# TYPE " + t[0] + " " + t[1]);
                                types.put(t[0], t[1].toLowerCase(Locale.ROOT));
                            }
                            case String comment -> lines.add(comment);
                            default -> throw new IllegalStateException();
                        }
                    }
                    return new Page(lines, samples, types, newline);
                });
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(Arbitraries.of("\"", "\\", "{", "}", "=", ",", " ", "#", "\t", "\r", "\u0000",
                "\uFFFD", "\uD800", "e", "+", "-", ".", "Inf", "NaN", "0", "a"),
                Arbitraries.strings().ofMaxLength(5).map(s -> s.replace('\n', ' ')));
    }

    /** Text made of the format's own pieces, in any order. */
    @Provide
    Arbitrary<String> expositionLike() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("a", "vllm:x", "_", "{", "}", "=", "\"", ",", "\\", "\\\"", "\\n", "# ", "TYPE ",
                        "HELP ", "EOF", "counter", " ", "\t", "\n", "\r\n", "\r", "1", "-2.5e-3", "NaN", "+Inf",
                        "1e999", "0x10", "1_000", "\u0000", "\uD800", "\uFFFD", "é", "\u00A0", "\u2028"),
                metricName(), labelName(), labelValue());
        return token.list().ofMaxSize(60).map(l -> String.join("", l));
    }
}
