package io.gpuagent.config;

import java.util.Locale;

/** Whether to use the Kubernetes API server (pod labels, workload owners). */
public enum KubernetesMode {
    /** On when running in a cluster (service-account token present) or {@code KUBECONFIG} is set. */
    AUTO,
    /** Required: failing to reach the API server is reported, not silently skipped. */
    ON,
    /** Never contact the API server; pods are known only from the kubelet. */
    OFF;

    /**
     * Reads {@code auto}, {@code true}/{@code on} or {@code false}/{@code off}, any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static KubernetesMode parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "true", "on" -> ON;
            case "false", "off" -> OFF;
            default -> throw new IllegalArgumentException(
                    "\"" + text + "\" is not one of auto, true, on, false, off");
        };
    }

    /** The spelling {@link #parse} reads back: {@code auto}, {@code on} or {@code off}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
