package io.gpuagent.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.source.SourceState;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The agent's own series, derived for every source the collector is handed. */
class AgentFamiliesTest {

    static final Instant T = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void everySourceGetsItsSeriesAndAnUnsupportedOneHasNoUpGauge() throws Exception {
        SourceState<GpuSnapshot> nvml = SourceState.<GpuSnapshot>starting("nvml", "x")
                .succeeded(NativeNamingTest.snapshot(), T, Duration.ofMillis(3), 2);
        SourceState<Integer> dra = SourceState.<Integer>starting("dra", "x")
                .unsupported("resource.k8s.io/v1 not served: DRA attribution off", Duration.ofMillis(1), 1);
        SourceState<Integer> pods = SourceState.<Integer>starting("kubernetes", "x").succeeded(4, T, Duration.ZERO, 0)
                .failed("Kubernetes API: connection refused", Duration.ZERO);
        SourceState<Integer> kubelet = SourceState.<Integer>starting("pod-resources", "x").succeeded(1, T, Duration.ZERO, 0)
                .stalled("pod-resources: no answer for 16 s", Duration.ofSeconds(16));
        List<Supplier<? extends SourceState<?>>> sources = List.of(() -> nvml, () -> dra, () -> pods, () -> kubelet);
        String text = NativeNamingTest.render(AgentCollector.builder("test").gpus(() -> nvml).sources(sources).build()
                .collect(name -> name.startsWith("gpu_agent_")));

        assertThat(text).contains("gpu_agent_nvml_up 1.0").contains("gpu_agent_kubernetes_up 0.0")
                .contains("gpu_agent_pod_resources_up 0.0").doesNotContain("gpu_agent_dra_up");
        assertThat(text).contains("gpu_agent_source_state{source=\"dra\",gpu_agent_source_state=\"unsupported\"} 1")
                .contains("gpu_agent_source_state{source=\"dra\",gpu_agent_source_state=\"down\"} 0")
                .contains("gpu_agent_source_state{source=\"kubernetes\",gpu_agent_source_state=\"down\"} 1")
                .contains("gpu_agent_source_state{source=\"pod-resources\",gpu_agent_source_state=\"stalled\"} 1")
                .contains("gpu_agent_source_state{source=\"nvml\",gpu_agent_source_state=\"up\"} 1");
        assertThat(text).contains("gpu_agent_collection_errors_total{source=\"dra\"} 1.0")
                .contains("gpu_agent_collection_errors_total{source=\"nvml\"} 2.0")
                .contains("gpu_agent_collection_errors_total{source=\"kubernetes\"} 1.0")
                .contains("gpu_agent_collection_errors_total{source=\"pod-resources\"} 1.0")
                .contains("gpu_agent_collection_duration_seconds{source=\"pod-resources\"} 16.0")
                .contains("gpu_agent_last_collection_timestamp_seconds{source=\"kubernetes\"} 1.7962992E9")
                .doesNotContain("gpu_agent_last_collection_timestamp_seconds{source=\"dra\"}");
    }

    @Test
    void aGenerationIsTheSameOnlyForTheSameInputObjects() {
        SourceState<GpuSnapshot> a = SourceState.starting("nvml", "a");
        AgentCollector c = AgentCollector.builder("test").gpus(() -> a).sources(List.of(() -> a)).build();
        assertThat(c.generation().sameAs(c.generation())).isTrue();
        SourceState<GpuSnapshot> b = SourceState.starting("nvml", "a");
        AgentCollector other = AgentCollector.builder("test").gpus(() -> b).sources(List.of(() -> a)).build();
        assertThat(other.generation().sameAs(c.generation())).as("equal, not the same object").isFalse();
    }
}
