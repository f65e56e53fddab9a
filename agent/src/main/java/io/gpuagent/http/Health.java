package io.gpuagent.http;

import java.util.Optional;

/** What {@code /healthz} and {@code /readyz} ask of the agent. */
public interface Health {

    /**
     * Empty while the process and every collection loop keep running; else the one-line reason naming the dead or
     * wedged loop (a hung NVML call is a readiness matter, not a liveness one).
     */
    Optional<String> notLiveBecause();

    /** Empty when ready; else the one-line reason (e.g. {@code NVML: Driver Not Loaded}). */
    Optional<String> notReadyBecause();
}
