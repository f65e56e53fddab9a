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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
        Names names = new Names(namedBy(index::byContainerId, index::podOfUid));
        index.onChange(names::changed);
        return names;
    }

    static Function<PodContainer, Optional<ProcessOwner>> namedBy(Function<String, Optional<ContainerRef>> byContainerId,
            Function<String, Optional<ContainerRef>> podOfUid) {
        return pc -> pc.containerId().flatMap(byContainerId)
                .map(ref -> new ProcessOwner(ref.namespace(), ref.pod(), ref.container()))
                .or(() -> podOfUid.apply(pc.podUid()).map(p -> new ProcessOwner(p.namespace(), p.pod(), "")));
    }

    /**
     * Names remembered until the pods change: each process on each GPU is named every collection, and naming one
     * through the informer's index (a list copy, the pod's container-id map rebuilt) cost more than the rest of its
     * lookup once its cgroup was cached. {@link #changed} forgets them all; the pod index calls it when a pod is
     * added or deleted, or its containers or phase change, which is all a name depends on (a pod's namespace, name
     * and uid never change). fabric8 updates its store before it tells the handlers, so a name worked out after a
     * change was told sees the change; one worked out while a change came in is kept only by the generation it began
     * in, which the change ended.
     */
    static final class Names implements Function<PodContainer, Optional<ProcessOwner>> {
        /** Far above the containers of a node; past it the names start over rather than grow. */
        static final int MAX_NAMES = 4096;

        private record Generation(long number, Map<PodContainer, Optional<ProcessOwner>> names) {
        }

        private final Function<PodContainer, Optional<ProcessOwner>> names;
        private final AtomicLong changes = new AtomicLong();
        private volatile Generation current = new Generation(0, new ConcurrentHashMap<>());

        Names(Function<PodContainer, Optional<ProcessOwner>> names) {
            this.names = names;
        }

        /** The pods changed: names worked out before are forgotten. */
        void changed() {
            changes.incrementAndGet();
        }

        @Override
        public Optional<ProcessOwner> apply(PodContainer pc) {
            long now = changes.get();
            Generation g = current;
            if (g.number() != now || g.names().size() >= MAX_NAMES) {
                g = new Generation(now, new ConcurrentHashMap<>());
                current = g;
            }
            Optional<ProcessOwner> known = g.names().get(pc);
            if (known != null) {
                return known;
            }
            Optional<ProcessOwner> named = names.apply(pc);
            g.names().put(pc, named);
            return named;
        }
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
