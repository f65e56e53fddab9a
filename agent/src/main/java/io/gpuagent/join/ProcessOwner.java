package io.gpuagent.join;

/**
 * The container a GPU process belongs to. A process outside any pod is {@link #HOST}; a process in a
 * pod the agent cannot name (no Kubernetes API, a shared GPU) is {@link #UNKNOWN}.
 */
public record ProcessOwner(String namespace, String pod, String container) {

    /** A process on the node itself, not in a pod (e.g. nvidia-smi run by an admin, a system daemon). */
    public static final ProcessOwner HOST = new ProcessOwner("", "", "host");
    /** A process in some pod's cgroup that could not be matched to a container. */
    public static final ProcessOwner UNKNOWN = new ProcessOwner("", "", "unknown");

    public boolean named() {
        return !pod.isEmpty();
    }
}
