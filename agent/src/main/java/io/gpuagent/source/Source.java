package io.gpuagent.source;

import java.time.Duration;

/**
 * One source of the agent's readings (NVML, the kubelet's pod-resources, the pod informer, the DRA
 * ResourceSlices, the inference servers). It knows how to refresh once; its {@link SourceRunner} schedules
 * it, times it, counts its failures, logs its problems once, keeps its last good state and watches it for
 * hangs. A source may throw anything from {@link #refresh}: that is a failed refresh, logged and counted, and
 * the next one comes on time.
 *
 * @param <T> the reading
 */
public interface Source<T> {

    /** The {@code source} label of the agent's own metrics, e.g. {@code pod-resources}. */
    String name();

    /** One refresh, on the runner's thread (never concurrently with itself). */
    Outcome<T> refresh() throws Exception;

    /** How log lines and reasons name the source, e.g. {@code NVML}. */
    default String title() {
        return name();
    }

    /**
     * Why a refresh that has run for {@code running} is stalled: what {@code /readyz} and the log say, naming the
     * call in flight where the source knows it.
     */
    default String stallReason(Duration running) {
        return title() + ": no answer for " + running.toSeconds() + " s";
    }

    /**
     * Whether restarting the process cures a refresh that does not return. True for what the agent itself can
     * wedge; false for NVML, whose hung call is the driver's (a readiness matter, not a liveness one).
     */
    default boolean restartCuresHang() {
        return true;
    }
}
