package io.gpuagent.events;

import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.join.Attribution;
import io.gpuagent.kubelet.Allocations;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Who an XID concerns, from the latest GPU reading and the kubelet's allocations. */
public final class XidTargets {

    private XidTargets() {
    }

    /**
     * The pods holding the GPU the XID names (for an XID naming a MIG GPU instance, the holders of that instance and
     * of the whole GPU); empty means the node.
     */
    public static List<XidEventPoster.Target> of(XidReport r, Optional<GpuSnapshot> snapshot,
            Optional<Allocations> allocated) {
        if (snapshot.isEmpty() || allocated.isEmpty()) {
            return List.of();
        }
        Set<XidEventPoster.Target> out = new LinkedHashSet<>();
        for (Attribution.Holding h : Attribution.resolve(snapshot.get(), allocated.get()).holdings()) {
            boolean sameGpu = r.gpuUuid().isEmpty() ? h.gpu().index() == r.gpu() : h.gpu().uuid().equals(r.gpuUuid());
            boolean instance = r.gpuInstanceId().isEmpty() || h.mig().isEmpty()
                    || h.mig().get().gpuInstanceId() == r.gpuInstanceId().getAsInt();
            if (sameGpu && instance) {
                out.add(XidEventPoster.Target.pod(h.holder().namespace(), h.holder().pod()));
            }
        }
        return List.copyOf(out);
    }
}
