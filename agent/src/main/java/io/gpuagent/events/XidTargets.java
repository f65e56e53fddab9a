package io.gpuagent.events;

import io.gpuagent.events.XidEventPoster.Target;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.XidReport;
import io.gpuagent.join.Attribution;
import io.gpuagent.kubelet.Allocations;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who an XID concerns: the pods holding the GPU (for an XID naming a MIG GPU instance, the holders of that
 * instance and of the whole GPU); empty means the node. Answered from the latest readings, never blocking.
 */
public final class XidTargets {

    private XidTargets() {
    }

    /** The {@link XidEventPoster}'s resolver over the latest GPU snapshot and kubelet allocations. */
    public static Function<XidReport, List<Target>> from(Supplier<Optional<GpuSnapshot>> gpus,
            Supplier<Optional<Allocations>> allocations) {
        return r -> of(r, gpus.get(), allocations.get());
    }

    static List<Target> of(XidReport r, Optional<GpuSnapshot> snapshot, Optional<Allocations> allocated) {
        if (snapshot.isEmpty() || allocated.isEmpty()) {
            return List.of();
        }
        Set<Target> out = new LinkedHashSet<>();
        for (Attribution.Holding h : Attribution.resolve(snapshot.get(), allocated.get()).holdings()) {
            // a driver that gave no UUID is matched by index
            boolean sameGpu = r.gpuUuid().isEmpty() ? h.gpu().index() == r.gpu() : h.gpu().uuid().equals(r.gpuUuid());
            boolean instance = r.gpuInstanceId().isEmpty() || h.mig().isEmpty()
                    || h.mig().get().gpuInstanceId() == r.gpuInstanceId().getAsInt();
            if (sameGpu && instance) {
                out.add(Target.pod(h.holder().namespace(), h.holder().pod()));
            }
        }
        return List.copyOf(out);
    }
}
