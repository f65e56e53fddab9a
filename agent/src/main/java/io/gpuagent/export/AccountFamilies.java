package io.gpuagent.export;

import io.gpuagent.accounting.Accounts;
import io.gpuagent.catalog.DeviceField;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Per-container power, energy and GPU time ({@code gpu_container_power_watts}, {@code _energy_joules_total},
 * {@code _gpu_seconds_total}, {@code _sm_seconds_total}) and each GPU's unattributed energy, idle floor and split
 * signal, from the {@link io.gpuagent.accounting.Ledger}'s latest accounts. dcgm-exporter has no such fields, so both
 * namings serve them under these names. Container series carry the device's labels (a MIG instance's too) and the
 * container's, like the other {@code gpu_container_*} families; the per-GPU ones the device's alone: they are
 * nobody's.
 */
final class AccountFamilies {

    /** The families rendered here, by the names {@code /metrics} shows. */
    static final List<String> NAMES = List.of("gpu_container_power_watts", "gpu_container_energy_joules_total",
            "gpu_container_gpu_seconds_total", "gpu_container_sm_seconds_total", "gpu_unattributed_energy_joules_total",
            "gpu_idle_power_watts", "gpu_energy_split_info");
    /**
     * The catalog rows the {@link io.gpuagent.accounting.Ledger} splits by, read while any of these families is on
     * whatever the naming shows: the energy counter or power, MIG mode, the GPU's utilization (an idle GPU without
     * process samples) and each MIG instance's GPM SM activity.
     */
    static final Set<DeviceField> READS = EnumSet.of(DeviceField.ENERGY, DeviceField.POWER_USAGE,
            DeviceField.MIG_MODE, DeviceField.UTILIZATION_GPU, DeviceField.GPM_SM_ACTIVITY);

    private static final Unit WATTS = new Unit("watts");

    private AccountFamilies() {
    }

    /** The families {@code families} leaves on. */
    static void render(Accounts accounts, FamilyFilter families, List<MetricSnapshot> out) {
        Points power = new Points(Points.Kind.GAUGE, "gpu_container_power_watts", "A container's share of its GPU's power"
                + " over the last collection interval: the idle floor by allocation, the rest by activity.", WATTS);
        Points energy = new Points(Points.Kind.COUNTER, "gpu_container_energy_joules", "A container's share of its GPU's"
                + " energy since it was first seen: the idle floor by allocation, the rest by activity.", Unit.JOULES);
        Points held = new Points(Points.Kind.COUNTER, "gpu_container_gpu_seconds", "Device-seconds a container held: 1 a"
                + " second for a whole GPU, a MIG instance's or a time-slicing replica's share for those.", Unit.SECONDS);
        Points busy = new Points(Points.Kind.COUNTER, "gpu_container_sm_seconds", "SM-busy seconds of a container's"
                + " processes on a GPU, from NVML's per-process samples (none on MIG instances).", Unit.SECONDS);
        for (Accounts.Container c : accounts.containers()) {
            Labels l = (c.mig().isPresent() ? GpuLabels.device(c.mig().get()) : GpuLabels.device(c.gpu()))
                    .merge(Labels.of("namespace", c.owner().namespace(), "pod", c.owner().pod(),
                            "container", c.owner().container()));
            c.powerWatts().ifPresent(w -> power.add(l, w));
            c.energyJoules().ifPresent(j -> energy.add(l, j));
            held.add(l, c.gpuSeconds());
            c.smSeconds().ifPresent(s -> busy.add(l, s));
        }
        Points unattributed = new Points(Points.Kind.COUNTER, "gpu_unattributed_energy_joules", "Energy of a GPU no"
                + " container was charged (processes outside any pod, what nobody holds, a holder's first interval):"
                + " with the containers' energy it adds up to the GPU's.", Unit.JOULES);
        Points floor = new Points(Points.Kind.GAUGE, "gpu_idle_power_watts", "The idle floor the energy split uses:"
                + " the lowest power a GPU of this model drew on this node since the agent started.", WATTS);
        InfoSnapshot.Builder method = InfoSnapshot.builder().name("gpu_energy_split").help("What a GPU's energy above its"
                + " idle floor is split by (active_by: process_samples, gpm_sm_activity, mig_slices or allocation).");
        for (Accounts.Gpu g : accounts.gpus()) {
            Labels l = GpuLabels.device(g.gpu());
            g.unattributedEnergyJoules().ifPresent(j -> unattributed.add(l, j));
            g.idleFloorWatts().ifPresent(w -> floor.add(l, w));
            method.dataPoint(InfoDataPointSnapshot.builder().labels(l.add("active_by", g.method().label())).build());
        }
        for (Points p : List.of(power, energy, held, busy, unattributed, floor)) {
            if (families.on(p.exposedName())) {
                p.addTo(out);
            }
        }
        if (!accounts.gpus().isEmpty() && families.on("gpu_energy_split_info")) {
            out.add(method.build());
        }
    }
}
