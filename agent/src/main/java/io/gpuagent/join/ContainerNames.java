package io.gpuagent.join;

import io.gpuagent.cgroup.PodContainer;
import io.gpuagent.pods.PodIndex;
import java.util.Optional;
import java.util.function.Function;

/** Names the container (or at least the pod) a process's cgroup points at, through the pod informer's indexes. */
public final class ContainerNames {

    private ContainerNames() {
    }

    /** Through {@code index}; never waits (safe on the collection path). */
    public static Function<PodContainer, Optional<ProcessOwner>> of(PodIndex index) {
        return pc -> name(index, pc);
    }

    private static Optional<ProcessOwner> name(PodIndex index, PodContainer pc) {
        Optional<ProcessOwner> byContainer = pc.containerId().flatMap(index::byContainerId)
                .map(ref -> new ProcessOwner(ref.namespace(), ref.pod(), ref.container()));
        if (byContainer.isPresent()) {
            return byContainer;
        }
        // a pod-level process (sandbox, conmon) or a container the informer has not seen yet
        return index.podOfUid(pc.podUid()).map(p -> new ProcessOwner(p.namespace(), p.pod(), ""));
    }
}
