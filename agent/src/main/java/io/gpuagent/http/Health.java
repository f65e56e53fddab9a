package io.gpuagent.http;

import java.util.Optional;

/** What {@code /healthz} and {@code /readyz} ask of the agent. */
public interface Health {

    /** True while the process and its loops are running. */
    boolean live();

    /** Empty when ready; else the one-line reason (e.g. {@code NVML: Driver Not Loaded}). */
    Optional<String> notReadyBecause();
}
