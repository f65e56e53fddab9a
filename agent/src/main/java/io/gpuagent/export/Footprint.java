package io.gpuagent.export;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.management.ManagementFactory;

/**
 * The agent's own footprint, through the Prometheus Java client's JVM instrumentation, so every node shows what
 * the agent costs: process memory, CPU, file descriptors and start time; heap and non-heap memory by pool; GC
 * time; classes; the runtime (about 70 series). A selection that is cheap to read (MXBean getters and two small
 * /proc reads) and rendered once per collection with the rest of the page, not per scrape. Left out: the thread
 * families (thread states and deadlock detection stop the JVM at a safepoint on every read), the allocation
 * listener (it hooks every GC) and the native memory families (they call into NMT). Plus
 * {@code gpu_agent_memory_limit_bytes}, the memory the container may use, so an alert can compare the agent's
 * RSS with its limit without another exporter.
 */
public final class Footprint {

    private Footprint() {
    }

    public static void register(PrometheusRegistry registry) {
        ProcessMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        GaugeWithCallback.builder().name("gpu_agent_memory_limit_bytes")
                .help("Memory the agent's container may use (its cgroup limit; the host's memory without one).")
                .unit(Unit.BYTES)
                .callback(cb -> cb.call(memoryLimit()))
                .register(registry);
    }

    /** The JVM reads the container's limit from its cgroup (and the host's memory without one). */
    static long memoryLimit() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }
}
