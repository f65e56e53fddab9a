package io.gpuagent.export;

import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.MigIdentity;
import io.prometheus.metrics.model.snapshots.Labels;

/** The identity labels of the contract, added in this one place. */
final class GpuLabels {

    private GpuLabels() {
    }

    static Labels of(GpuIdentity gpu) {
        return Labels.of("gpu", Integer.toString(gpu.index()), "uuid", gpu.uuid(), "model", gpu.model(),
                "pci_bus_id", gpu.pciBusId());
    }

    /** A MIG instance: its parent's labels plus its own. */
    static Labels of(MigIdentity mig) {
        return of(mig.parent()).merge(Labels.of("mig_uuid", mig.migUuid(),
                "gpu_instance_id", Integer.toString(mig.gpuInstanceId()),
                "compute_instance_id", Integer.toString(mig.computeInstanceId()),
                "mig_profile", mig.profile()));
    }
}
