package io.gpuagent.serving;

import java.util.Map;
import java.util.Optional;

/**
 * Metric names for a server this agent has no mapping for, given by the pod's annotations
 * ({@code gpu-agent.io/queued-metric}, {@code running-metric}, {@code kv-cache-metric} and
 * {@code model-label}). Gauges only: counts are summed per model, the KV-cache ratio averaged.
 */
public record GenericMapping(Optional<String> queued, Optional<String> running, Optional<String> kvCache,
        Optional<String> modelLabel) {

    public static final String QUEUED = "gpu-agent.io/queued-metric";
    public static final String RUNNING = "gpu-agent.io/running-metric";
    public static final String KV_CACHE = "gpu-agent.io/kv-cache-metric";
    public static final String MODEL_LABEL = "gpu-agent.io/model-label";
    public static final GenericMapping NONE = new GenericMapping(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public static GenericMapping fromAnnotations(Map<String, String> annotations) {
        return new GenericMapping(value(annotations, QUEUED), value(annotations, RUNNING), value(annotations, KV_CACHE),
                value(annotations, MODEL_LABEL));
    }

    public boolean isEmpty() {
        return queued.isEmpty() && running.isEmpty() && kvCache.isEmpty();
    }

    private static Optional<String> value(Map<String, String> annotations, String key) {
        return Optional.ofNullable(annotations.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
