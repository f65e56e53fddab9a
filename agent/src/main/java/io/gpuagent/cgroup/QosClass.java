package io.gpuagent.cgroup;

/**
 * The QoS class the kubelet encodes in a pod's cgroup path: Burstable and BestEffort pods sit under
 * {@code burstable}/{@code besteffort} parents, Guaranteed pods directly under {@code kubepods}.
 */
public enum QosClass {
    GUARANTEED,
    BURSTABLE,
    BEST_EFFORT,
    /**
     * The path does not say: a cgroupfs-driver path seen from inside another cgroup namespace
     * ({@code /../../pod<uid>/<id>}) has lost the parent that names the class.
     */
    UNKNOWN;

    /** The class named by a kubelet QoS cgroup ({@code burstable}, {@code besteffort}), or null. */
    static QosClass fromCgroupName(String name) {
        return switch (name) {
            case "burstable" -> BURSTABLE;
            case "besteffort" -> BEST_EFFORT;
            default -> null;
        };
    }
}
