package io.gpuagent.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OneLineTest {

    static Stream<Arguments> of() {
        return Stream.of(
                Arguments.of(null, ""),
                Arguments.of("plain", "plain"),
                Arguments.of("  while parsing\n  in 'reader', line 2:\r\n    a: [\n", "while parsing in 'reader', line 2: a: ["),
                Arguments.of("kept\tinside  a line", "kept\tinside  a line"),
                Arguments.of("a\u2028b\u0085c", "a b c"));
    }

    @ParameterizedTest
    @MethodSource
    void of(String in, String out) {
        assertThat(OneLine.of(in)).isEqualTo(out);
    }

    static Stream<Arguments> shortened() {
        return Stream.of(
                Arguments.of(null, ""),
                Arguments.of(" HTTP 403 Forbidden:\n  pods is forbidden ", "HTTP 403 Forbidden: pods is forbidden"),
                Arguments.of("tab\tand  spaces", "tab and spaces"),
                Arguments.of("\u0001bell\u0007 nul\u0000 del\u007f c1\u009b end\u2029", "bell nul del c1 end"),
                Arguments.of("x".repeat(OneLine.MAX_LENGTH), "x".repeat(OneLine.MAX_LENGTH)),
                Arguments.of("x".repeat(OneLine.MAX_LENGTH + 1), "x".repeat(OneLine.MAX_LENGTH - 1) + "…"));
    }

    @ParameterizedTest
    @MethodSource
    void shortened(String in, String out) {
        assertThat(OneLine.shortened(in)).isEqualTo(out);
    }
}
