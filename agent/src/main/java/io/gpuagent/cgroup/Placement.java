package io.gpuagent.cgroup;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a process's cgroup file puts it: in a pod ({@link #pod()}), on the host ({@link #onHost()}: a well-formed
 * file naming no kubepods path), or neither ({@link #UNKNOWN}: gone, unreadable, malformed, or its PID reused
 * while it was read; nothing to go by, so it is claimed for nobody).
 */
public record Placement(Optional<PodContainer> pod, boolean onHost) {

    public static final Placement HOST = new Placement(Optional.empty(), true);
    public static final Placement UNKNOWN = new Placement(Optional.empty(), false);

    public Placement {
        Objects.requireNonNull(pod, "pod");
        if (onHost && pod.isPresent()) {
            throw new IllegalArgumentException("in a pod or on the host, not both");
        }
    }

    public static Placement inPod(PodContainer pod) {
        return new Placement(Optional.of(pod), false);
    }
}
