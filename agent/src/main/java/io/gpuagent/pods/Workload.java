package io.gpuagent.pods;

import java.util.Objects;

/**
 * What owns a pod for autoscaling purposes: the object a user scales ({@code Deployment},
 * {@code StatefulSet}, {@code LeaderWorkerSet}, ...), or the pod itself ({@code kind=Pod}) when nothing
 * controls it. Rendered as the {@code workload} and {@code workload_kind} labels.
 */
public record Workload(String kind, String name) {

    public static final String POD = "Pod";

    public Workload {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    static Workload pod(String podName) {
        return new Workload(POD, podName);
    }
}
