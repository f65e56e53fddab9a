package io.gpuagent.join;

import io.gpuagent.cgroup.Placement;
import io.gpuagent.cgroup.PodContainer;
import io.gpuagent.cgroup.ProcessCgroups;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.ProcessReading;
import io.gpuagent.pods.ContainerRef;
import io.gpuagent.pods.PodIndex;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which container each GPU process belongs to, from its {@code <proc-root>/<pid>/cgroup} (host PIDs:
 * the agent runs with the host's PID namespace and /proc). Runs on the collection thread after each
 * NVML collection, since it reads files; the scrape reads the resulting map.
 *
 * <p>A readable cgroup outside any pod is {@link ProcessOwner#HOST}. A process whose file cannot be
 * read (it ended, or /proc is not the host's) gets no owner: it falls back to its device's only holder,
 * if any. A malformed file costs that one process its attribution, nothing more.
 */
public final class ProcessOwners {

    private final ProcessCgroups cgroups;
    private final Function<PodContainer, Optional<ProcessOwner>> names;
    private volatile Map<Long, ProcessOwner> owners = Map.of();
    private GpuSnapshot resolvedFor;

    /**
     * @param names names a pod UID and container id (the pod informer's indexes); empty when unknown
     */
    public ProcessOwners(ProcessCgroups cgroups, Function<PodContainer, Optional<ProcessOwner>> names) {
        this.cgroups = cgroups;
        this.names = names;
    }

    /**
     * Names a process's container through the pod informer's indexes (by runtime container id); a pod-level
     * process (sandbox, conmon), or a container the informer has not seen yet, is named by its pod alone.
     */
    public static Function<PodContainer, Optional<ProcessOwner>> namedBy(PodIndex index) {
        return namedBy(index::byContainerId, index::podOfUid);
    }

    static Function<PodContainer, Optional<ProcessOwner>> namedBy(Function<String, Optional<ContainerRef>> byContainerId,
            Function<String, Optional<ContainerRef>> podOfUid) {
        return pc -> pc.containerId().flatMap(byContainerId)
                .map(ref -> new ProcessOwner(ref.namespace(), ref.pod(), ref.container()))
                .or(() -> podOfUid.apply(pc.podUid()).map(p -> new ProcessOwner(p.namespace(), p.pod(), "")));
    }

    /** Resolves the owners of a new snapshot's processes (once per snapshot). */
    public synchronized void update(Optional<GpuSnapshot> snapshot) {
        if (snapshot.isEmpty() || snapshot.get() == resolvedFor) {
            return;
        }
        Map<Long, ProcessOwner> resolved = new HashMap<>();
        Set<Long> live = new HashSet<>();
        for (ProcessReading p : snapshot.get().processes()) {
            if (live.add(p.pid())) {
                owner(p.pid()).ifPresent(o -> resolved.put(p.pid(), o));
            }
        }
        cgroups.retainOnly(live);
        owners = Map.copyOf(resolved);
        resolvedFor = snapshot.get();
    }

    private Optional<ProcessOwner> owner(long pid) {
        Placement placement = cgroups.place(pid);
        if (placement.pod().isPresent()) {
            return names.apply(placement.pod().get());
        }
        return placement.onHost() ? Optional.of(ProcessOwner.HOST) : Optional.empty();
    }

    /** The owners of the last update (a new map object per update: usable as a cache key). */
    public Map<Long, ProcessOwner> current() {
        return owners;
    }
}
