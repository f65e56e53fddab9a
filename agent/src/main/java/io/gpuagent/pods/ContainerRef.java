package io.gpuagent.pods;

/**
 * The container a runtime container id belongs to (the current instance or its previous one), for
 * attributing a process by its cgroup.
 *
 * @param podUid the pod's uid as the API server knows it (for a static pod: the mirror pod's uid)
 */
public record ContainerRef(String namespace, String pod, String podUid, String container) {
}
