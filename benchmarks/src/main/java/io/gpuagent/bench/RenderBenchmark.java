package io.gpuagent.bench;

import io.gpuagent.export.AgentCollector;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.GpuSource;
import io.gpuagent.source.SourceRunner;
import io.gpuagent.gpu.NvmlOpener;
import io.gpuagent.source.SourceState;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rendering {@code /metrics} for a simulated node in each format: what a scrape costs beyond HTTP.
 * {@code fresh=true} rebuilds the families each time (the first scrape after a collection);
 * {@code false} reuses them (later scrapes of the same collection).
 *
 * <p>Formats: Prometheus text 0.0.4, OpenMetrics 1.0, delimited protobuf, and text gzip-compressed (what
 * Prometheus asks for with {@code Accept-Encoding: gzip}).
 *
 * <p>{@code default} renders without pods (no kubelet), as the earlier figures did. {@code large-node}
 * renders with the 64 pods of {@link LargeNode} holding its 28 MIG instances and 4 whole GPUs (2 of them
 * time-sliced) and owning its 256 processes, so a fresh render includes resolving the attribution,
 * summing per-container usage and the namespace/pod/container labels of every held device.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RenderBenchmark {

    @Param({"default", "large-node"})
    public String scenario;

    @Param({"true", "false"})
    public boolean fresh;

    private SourceState<GpuSnapshot> state;
    private Supplier<AgentCollector> collectors;
    private AgentCollector collector;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    private final ExpositionFormatWriter text = PrometheusTextFormatWriter.create();
    private final ExpositionFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();
    private final ExpositionFormatWriter protobuf = new PrometheusProtobufWriter();

    @Setup(Level.Trial)
    public void collectOnce() {
        GpuSource source = new GpuSource(NvmlOpener.simulator(scenario), Clock.systemUTC());
        state = SourceRunner.manual(source, Clock.systemUTC()).refreshNow();
        source.close();
        if (state.latest().isEmpty()) {
            throw new IllegalStateException("no snapshot: " + state.problem());
        }
        collectors = LargeNode.collectors(scenario, state);
        collector = collectors.get();
    }

    private MetricSnapshots snapshots() {
        if (fresh) {
            collector = collectors.get();
        }
        return collector.collect();
    }

    @Benchmark
    public int text() throws IOException {
        out.reset();
        text.write(out, snapshots());
        return out.size();
    }

    @Benchmark
    public int openMetrics() throws IOException {
        out.reset();
        openMetrics.write(out, snapshots());
        return out.size();
    }

    @Benchmark
    public int protobuf() throws IOException {
        out.reset();
        protobuf.write(out, snapshots());
        return out.size();
    }

    @Benchmark
    public int textGzip() throws IOException {
        out.reset();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            text.write(gz, snapshots());
        }
        return out.size();
    }
}
