package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** LargeNodeBench reads wrk's latency distribution, whatever unit and padding wrk prints it with. */
class WrkOutputTest {

    // wrk 4.1's output, as ScrapeLoadIT got it: figures in seconds are padded with a trailing space
    static final String SECONDS = """
            Running 10s test @ http://127.0.0.1:37425/metrics
              2 threads and 200 connections
              Latency Distribution
                 50%    1.00s\s
                 75%    1.10s\s
                 90%    1.17s\s
                 99%    1.25s\s
              1935 requests in 10.02s, 27.01MB read
            """;

    @Test
    void percentilesInSecondsWithTrailingSpaces() {
        assertThat(LargeNodeBench.latency(SECONDS, "50%")).isEqualTo(1000.0);
        assertThat(LargeNodeBench.latency(SECONDS, "99%")).isEqualTo(1250.0);
    }

    @Test
    void percentilesInMillisecondsAndMicroseconds() {
        String out = "     50%  687.90ms\n     99%  812.00us\n";
        assertThat(LargeNodeBench.latency(out, "50%")).isEqualTo(687.9);
        assertThat(LargeNodeBench.latency(out, "99%")).isEqualTo(0.812);
        assertThat(LargeNodeBench.latency(out, "75%")).as("absent").isEqualTo(-1);
    }
}
