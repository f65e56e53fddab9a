package io.gpuagent.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "up 1|up|1",
        "up 1 1700000000000|up|1",
        "up    2.5e3|up|2500",
        "up\t-0.5|up|-0.5",
        "up .5|up|0.5",
        "up{} 3|up|3",
        "up{job=\"a\"} 4|up|4",
        "up{job=\"a\",} 5|up|5",
        "up { job = \"a\" } 6|up|6",
        "vllm:num_requests_waiting{model_name=\"m\"} 7.0|vllm:num_requests_waiting|7",
        "sglang:token_usage 0.25|sglang:token_usage|0.25",
        "_private_name 8|_private_name|8",
        "up 9\r|up|9",
        "foo_total 10 # {trace_id=\"abc\"} 1.0 1700000000.1|foo_total|10",
        "foo_total 11 1700000000.123 # {trace_id=\"abc\"} 1.0|foo_total|11",
        "foo_created 1.7e9|foo_created|1.7E9",
    })
    void goodLines(String line, String name, double value) {
        ParsedMetrics m = ExpositionParser.parse(line);
        assertThat(m.badLines()).as(line).isZero();
        assertThat(m.get(name)).singleElement().extracting(Sample::value).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "up",
        "up ",
        "up abc",
        "up 1d",
        "up 0x10",
        "up Infinity",
        "up 1 2 3",
        "up 1 notatimestamp",
        "1up 1",
        "up{job=\"a\" 1",
        "up{job=a} 1",
        "up{job=\"a} 1",
        "up{job=\"a\"job2=\"b\"} 1",
        "up{job=\"a\",job=\"b\"} 1",
        "up{1job=\"a\"} 1",
        "up{job:x=\"a\"} 1",
        "up{job=\"a\"}1",
        "{job=\"a\"} 1",
        "up-down 1",
        "up 1#x",
    })
    void badLinesAreCountedAndSkipped(String line) {
        ParsedMetrics m = ExpositionParser.parse("good 1\n" + line + "\nafter 2\n");
        assertThat(m.badLines()).as(line).isEqualTo(1);
        assertThat(m.get("good")).hasSize(1);
        assertThat(m.get("after")).hasSize(1);
    }

    @Test
    void escapedLabelValues() {
        ParsedMetrics m = ExpositionParser.parse(
                "x{a=\"q\\\"uote\",b=\"back\\\\slash\",c=\"new\\nline\",d=\"odd\\t\",e=\"{},=\"} 1");
        assertThat(m.badLines()).isZero();
        assertThat(m.get("x").getFirst().labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "a", "q\"uote", "b", "back\\slash", "c", "new\nline", "d", "odd\\t", "e", "{},="));
    }

    @Test
    void specialValues() {
        ParsedMetrics m = ExpositionParser.parse("a NaN\nb +Inf\nc -Inf\nd Inf\n");
        assertThat(m.get("a").getFirst().value()).isNaN();
        assertThat(m.get("b").getFirst().value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(m.get("c").getFirst().value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(m.get("d").getFirst().value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(m.badLines()).isZero();
    }

    @Test
    void commentsAndMetadata() {
        ParsedMetrics m = ExpositionParser.parse("""
                # HELP vllm:x Some help with "quotes" and \\ backslash
                # TYPE vllm:x counter
                # UNIT vllm:x seconds
                # a free comment
                #
                vllm:x_total 3

                vllm:x_created 1.7e9
                """);
        assertThat(m.badLines()).isZero();
        assertThat(m.names()).containsExactly("vllm:x_total", "vllm:x_created");
        assertThat(m.type("vllm:x")).contains("counter");
    }

    @Test
    void openMetricsEofEndsTheExposition() {
        ParsedMetrics m = ExpositionParser.parse("a 1\n# EOF\nb 2\n");
        assertThat(m.names()).containsExactly("a");
        assertThat(m.badLines()).isZero();
    }

    @Test
    void repeatedNamesKeepAllSamplesInOrder() {
        ParsedMetrics m = ExpositionParser.parse("m{i=\"1\"} 1\nm{i=\"2\"} 2\n");
        assertThat(m.get("m")).extracting(s -> s.label("i")).containsExactly("1", "2");
        assertThat(m.get("absent")).isEmpty();
    }

    @Test
    void hugeLineIsSkipped() {
        String huge = "big{v=\"" + "x".repeat(ExpositionParser.MAX_LINE_CHARS) + "\"} 1";
        ParsedMetrics m = ExpositionParser.parse("a 1\n" + huge + "\nb 2");
        assertThat(m.names()).containsExactly("a", "b");
        assertThat(m.badLines()).isEqualTo(1);
    }

    @Test
    void sampleCountIsCapped() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ExpositionParser.MAX_SAMPLES + 10; i++) {
            b.append("s{i=\"").append(i).append("\"} 1\n");
        }
        ParsedMetrics m = ExpositionParser.parse(b.toString());
        assertThat(m.sampleCount()).isEqualTo(ExpositionParser.MAX_SAMPLES);
        assertThat(m.truncated()).isTrue();
    }

    @Test
    void nullEmptyAndReplacementCharsAreHarmless() {
        assertThat(ExpositionParser.parse(null).names()).isEmpty();
        assertThat(ExpositionParser.parse("").names()).isEmpty();
        ParsedMetrics m = ExpositionParser.parse("a{v=\"\uFFFD\uFFFD\"} 1\n\uFFFD 2\n");
        assertThat(m.get("a").getFirst().label("v")).isEqualTo("\uFFFD\uFFFD");
        assertThat(m.badLines()).isEqualTo(1);
    }

    @Test
    void randomInputNeverThrows() {
        Random r = new Random(42);
        String alphabet = "ab_:{}=\",\\# \n\t\r019.eE+-NaInf\uFFFD";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(80);
            for (int i = 0; i < len; i++) {
                b.append(r.nextInt(10) == 0
                        ? (char) r.nextInt(0x10000)
                        : alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String text = b.toString();
            assertThatCode(() -> ExpositionParser.parse(text)).as(text).doesNotThrowAnyException();
        }
    }

    @Test
    void realisticFixturesParseCleanly() {
        for (String f : new String[] {"vllm-1.txt", "vllm-legacy.txt", "triton-trtllm-1.txt",
                "tgi-1.txt", "sglang-1.txt"}) {
            ParsedMetrics m = Fixtures.parsed(f);
            assertThat(m.badLines()).as(f).isZero();
            assertThat(m.sampleCount()).as(f).isPositive();
        }
    }
}
