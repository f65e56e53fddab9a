package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "500ms,    500",
        "2s,       2000",
        "1m,       60000",
        "1h,       3600000",
        "1m30s,    90000",
        "1h1m1s1ms, 3661001",
        "1.5s,     1500",
        "0.25m,    15000",
        "'.5s',    500",
        "' 2s ',   2000",
        "100ms,    100",
    })
    void parsesPrometheusStyleDurations(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "5", "1.5", "s", "1x", "1 s", "-1s", "+1s", "1S", "1sec", "1d", "1s ms", "1e3ms", "1..5s"})
    void rejectsWhatItCannotRead(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"")
                .hasMessageContaining("500ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30s1m", "1s1s", "5ms1s"})
    void rejectsUnitsOutOfOrderOrRepeated(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("largest to smallest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0ms", "0.0000001ms"})
    void rejectsZero(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("greater than zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsEmpty(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("empty duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999h"})
    void rejectsOverflow(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("too long");
    }

    /**
     * Found by a long-input probe for DurationsPropertiesTest: a long run of digits without a unit
     * took time quadratic in its length (20,000 digits: 7 s) because each failed find() rescanned
     * the rest of the text.
     */
    @Test
    @Timeout(5)
    void longDigitRunIsRejectedInLinearTime() {
        assertThatThrownBy(() -> Durations.parse("1".repeat(200_000))).hasMessageContaining("cannot parse");
        assertThatThrownBy(() -> Durations.parse("1s" + "9".repeat(200_000))).hasMessageContaining("cannot parse");
    }

    @ParameterizedTest(name = "{0} ms formats as {1}")
    @CsvSource({
        "1000,    1s",
        "500,     500ms",
        "1500,    1.5s",
        "90000,   1m30s",
        "3600000, 1h",
        "600000,  10m",
        "3661001, 1h1m1.001s",
        "60500,   1m500ms",
    })
    void formatsBackIntoTheSameNotation(long millis, String text) {
        Duration d = Duration.ofMillis(millis);
        assertThat(Durations.format(d)).isEqualTo(text);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}
