package io.gpuagent.serving;

import java.util.Map;
import java.util.Objects;

/**
 * One exposition sample. The name is the series name as written (histogram parts keep their
 * {@code _sum}/{@code _count}/{@code _bucket} suffix) so callers never need the TYPE metadata.
 */
public record Sample(String name, Map<String, String> labels, double value) {

    public Sample {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
    }

    /** The label's value, or "" when absent: Prometheus treats a missing label as empty. */
    public String label(String key) {
        return labels.getOrDefault(key, "");
    }
}
