package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every documented benchmark command runs as documented, from the repository's top: each {@code dev/bench-*} script
 * briefly, builds and all (a fresh clone has no installed snapshot, so a script that needs one fails here). The
 * figures of such short passes mean nothing; docs/performance.md has real ones.
 */
class BenchScriptsIT {

    static final Path TOP = Path.of("..").toAbsolutePath().normalize();

    @Test
    void benchLargeNodeRunsTheWholeScheduleAndReportsEveryFigure() throws Exception {
        String report = run(Duration.ofMinutes(8), "dev/bench-large-node", "2", "1");
        assertThat(report).contains("large node: 32 devices (28 MIG), 256 processes, 64 pods, 16 serving")
                .containsPattern("gpu-agent: series=\\d{3,} ready=\\d+ ms cpu=[\\d.]+ millicores rss=")
                .containsPattern("(?s)gpu-agent:.* 1 scrapers: p50=.*32 scrapers: p50=.*0 errors")
                .contains("node_exporter: series=").contains("ratios gpu-agent / node_exporter");
    }

    @Test
    void benchProcessReportsItsFigures() throws Exception {
        String report = run(Duration.ofMinutes(2), "dev/bench-process", "2", "default");
        assertThat(report).containsPattern("start_to_ready_ms=\\d+").containsPattern("rss_mib_after_2s=[\\d.]+")
                .containsPattern("cpu_millicores_avg=[\\d.]+").containsPattern("metrics_latency_ms_p50=[\\d.]+");
    }

    @Test
    void benchContainerBuildsTheImageAndReportsARun() throws Exception {
        String report = run(Duration.ofMinutes(15), "dev/bench-container", "1", "2");
        assertThat(report).containsPattern("image gpu-agent:bench: [\\d.]+ MB")
                .containsPattern("run 1: ready \\d+ ms, RSS after 2 s \\d+ MiB");
    }

    private static String run(Duration limit, String... command) throws Exception {
        Path out = Files.createTempFile("bench-script", ".log");
        try {
            List<String> cmd = new ArrayList<>(List.of(command));
            cmd.set(0, TOP.resolve(cmd.get(0)).toString());
            Process p = new ProcessBuilder(cmd).directory(TOP.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            boolean ended = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(ended).as("%s within %s:%n%s", cmd, limit, text).isTrue();
            assertThat(p.exitValue()).as("%s exit status:%n%s", String.join(" ", cmd), text).isZero();
            System.out.print(text);
            return text;
        } finally {
            new File(out.toString()).delete();
        }
    }
}
