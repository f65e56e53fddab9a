package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the large-node benchmark runnable (dev/bench-large-node): one short pass of its whole
 * schedule (steady 2 s, 1 s of load per level), checking that the large node is built as described
 * and every phase reports. The figures of such a short pass mean nothing; docs/performance.md has real ones.
 */
class LargeNodeBenchIT {

    static final Path SCENARIO = Path.of("../bindings/src/main/resources/io/gpuagent/nvml/sim/scenarios/large-node.conf");

    @Test
    void aShortPassOfTheWholeScheduleReportsEveryFigure() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/wrk")) && Files.isExecutable(Path.of("/usr/bin/prometheus-node-exporter")),
                "needs Debian's wrk and prometheus-node-exporter (dev/prerequisites installs them)");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LargeNodeBench.main(new String[] {SCENARIO.toString(), "2", "1"});
        } finally {
            System.setOut(stdout);
        }
        String report = captured.toString(StandardCharsets.UTF_8);
        stdout.print(report);
        assertThat(report).contains("large node: 32 devices (28 MIG), 256 processes, 64 pods, 16 serving")
                .containsPattern("gpu-agent: series=\\d{3,} ready=\\d+ ms cpu=[\\d.]+ millicores rss=")
                .containsPattern("(?s)gpu-agent:.* 1 scrapers: p50=.*32 scrapers: p50=.*0 errors")
                .contains("node_exporter: series=").contains("ratios gpu-agent / node_exporter");
    }
}
