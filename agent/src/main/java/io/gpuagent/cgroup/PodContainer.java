package io.gpuagent.cgroup;

import java.util.Objects;
import java.util.Optional;

/**
 * Which pod (and, if the path goes that deep, which container) a process's cgroup belongs to.
 *
 * @param podUid      the pod UID in the API's dashed form ({@code 1234abcd-...}); for a static pod it is the
 *                    kubelet's config hash (32 hex chars, no dashes), which the mirror pod carries in its
 *                    {@code kubernetes.io/config.mirror} annotation
 * @param containerId the runtime's 64-hex container id, lower case and without a runtime prefix; empty for a
 *                    process in the pod's own cgroup (sandbox/pause, CRI-O's conmon, or the pod slice itself)
 * @param qos         the QoS class the path names
 */
public record PodContainer(String podUid, Optional<String> containerId, QosClass qos) {

    public PodContainer {
        Objects.requireNonNull(podUid, "podUid");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(qos, "qos");
    }
}
