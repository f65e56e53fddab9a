package io.gpuagent.join;

import io.gpuagent.cgroup.PodContainer;
import io.gpuagent.cgroup.ProcessCgroups;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.ProcessReading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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

    private final Path procRoot;
    private final ProcessCgroups cgroups;
    private final Function<PodContainer, Optional<ProcessOwner>> names;
    private volatile Map<Long, ProcessOwner> owners = Map.of();
    private GpuSnapshot resolvedFor;

    /**
     * @param names names a pod UID and container id (the pod informer's indexes); empty when unknown
     */
    public ProcessOwners(Path procRoot, ProcessCgroups cgroups, Function<PodContainer, Optional<ProcessOwner>> names) {
        this.procRoot = procRoot;
        this.cgroups = cgroups;
        this.names = names;
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
        Optional<PodContainer> pc = cgroups.lookup(pid);
        if (pc.isPresent()) {
            return names.apply(pc.get());
        }
        return outsideAnyPod(procRoot.resolve(Long.toString(pid)).resolve("cgroup"))
                ? Optional.of(ProcessOwner.HOST) : Optional.empty();
    }

    /**
     * A well-formed cgroup file ({@code hierarchy:controllers:/path} lines) naming no kubepods path: a
     * process on the host. Anything unreadable or malformed is not claimed for the host.
     */
    static boolean outsideAnyPod(Path cgroupFile) {
        try {
            if (Files.size(cgroupFile) > 64 * 1024) {
                return false;
            }
            List<String> lines = Files.readAllLines(cgroupFile);
            return !lines.isEmpty() && lines.stream().allMatch(l -> l.isEmpty() || CGROUP_LINE.matcher(l).matches())
                    && lines.stream().noneMatch(l -> l.contains("kubepods"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static final java.util.regex.Pattern CGROUP_LINE = java.util.regex.Pattern.compile("\\d+:[^:]*:/.*");

    /** The owners of the last update (a new map object per update: usable as a cache key). */
    public Map<Long, ProcessOwner> current() {
        return owners;
    }
}
