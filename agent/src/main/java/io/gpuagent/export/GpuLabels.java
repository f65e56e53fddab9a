package io.gpuagent.export;

import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.join.Attribution;
import io.gpuagent.kubelet.Allocation;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Optional;

/**
 * The identity labels of the contract, added in this one place: a device's own labels, plus
 * namespace/pod/container when exactly one container holds it.
 */
final class GpuLabels {

    private final Attribution attribution;

    GpuLabels(Attribution attribution) {
        this.attribution = attribution;
    }

    /** A GPU's series. */
    Labels of(GpuIdentity gpu) {
        return withHolder(device(gpu), attribution.exclusiveHolder(gpu.uuid()));
    }

    /** A MIG instance's series: its parent's identity, its own, and its holder. */
    Labels of(MigIdentity mig) {
        return withHolder(device(mig), attribution.exclusiveHolder(mig.migUuid()));
    }

    /** Identity only, no holder (gpu_allocation_info names its holder itself). */
    static Labels device(GpuIdentity gpu) {
        return Labels.of("gpu", Integer.toString(gpu.index()), "uuid", gpu.uuid(), "model", gpu.model(),
                "pci_bus_id", gpu.pciBusId());
    }

    static Labels device(MigIdentity mig) {
        return device(mig.parent()).merge(Labels.of("mig_uuid", mig.migUuid(),
                "gpu_instance_id", Integer.toString(mig.gpuInstanceId()),
                "compute_instance_id", Integer.toString(mig.computeInstanceId()),
                "mig_profile", mig.profile()));
    }

    static Labels holder(Allocation.Holder h) {
        return Labels.of("namespace", h.namespace(), "pod", h.pod(), "container", h.container());
    }

    private static Labels withHolder(Labels device, Optional<Allocation.Holder> holder) {
        return holder.map(h -> device.merge(holder(h))).orElse(device);
    }
}
