package io.gpuagent.join;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.gpu.ProcessReading;
import io.gpuagent.kubelet.Allocation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Per-container GPU usage: each process measured by NVML, summed per device (GPU or MIG instance) and
 * the container that owns it. This is how a shared GPU is split fairly: each sharer gets what its own
 * processes use, not a copy of the whole GPU's numbers. Containers that hold a device but run nothing
 * on it appear with 0. Pure: owners were resolved (from /proc) by the collection thread.
 */
public final class ContainerUsage {

    /** The summed usage of one container on one device. */
    public record Row(GpuIdentity gpu, Optional<MigIdentity> mig, ProcessOwner owner, long memoryBytes,
            Optional<Double> smRatio, int processes) {
    }

    /** One process, placed on its device and attributed to its owner (the opt-in per-process series). */
    public record ProcessRow(GpuIdentity gpu, Optional<MigIdentity> mig, ProcessOwner owner, long pid,
            java.util.OptionalLong memoryBytes, Optional<Double> smRatio) {
    }

    private ContainerUsage() {
    }

    /**
     * @param owners pid → owner, as resolved for this snapshot's processes; a pid without an entry is
     *     attributed to the device's only holder if it has one, else to {@link ProcessOwner#UNKNOWN}
     */
    public static List<Row> of(GpuSnapshot s, Attribution attribution, LongFunction<Optional<ProcessOwner>> owners) {
        Map<Integer, GpuReading> gpus = byIndex(s);
        Map<String, Acc> rows = new LinkedHashMap<>();
        for (ProcessRow p : processes(s, attribution, owners)) {
            String device = p.mig().map(MigIdentity::migUuid).orElse(p.gpu().uuid());
            Acc acc = rows.computeIfAbsent(device + "|" + p.owner(), k -> new Acc(p.gpu(), p.mig(), p.owner()));
            acc.memory += p.memoryBytes().orElse(0);
            acc.processes++;
            if (p.smRatio().isPresent()) {
                acc.sm = Optional.of(acc.sm.orElse(0.0) + p.smRatio().get());
            }
        }
        // holders running nothing on their device show 0
        for (Attribution.Holding h : attribution.holdings()) {
            ProcessOwner owner = owner(h.holder());
            String device = h.mig().map(MigIdentity::migUuid).orElse(h.gpu().uuid());
            GpuReading g = gpus.get(h.gpu().index());
            boolean smSupported = h.mig().isEmpty() && g != null && g.value(DeviceField.UTILIZATION_GPU).isPresent();
            rows.computeIfAbsent(device + "|" + owner, k -> {
                Acc acc = new Acc(h.gpu(), h.mig(), owner);
                acc.sm = smSupported ? Optional.of(0.0) : Optional.empty();
                return acc;
            });
        }
        return rows.values().stream().map(Acc::row).toList();
    }

    /**
     * Every process of the snapshot on its device (GPU, or MIG instance by its GPU/compute instance
     * ids) with its owner: the resolved one, else its device's only holder, else {@link ProcessOwner#UNKNOWN}.
     */
    public static List<ProcessRow> processes(GpuSnapshot s, Attribution attribution,
            LongFunction<Optional<ProcessOwner>> owners) {
        Map<Integer, GpuReading> gpus = byIndex(s);
        Map<String, MigIdentity> migs = new HashMap<>();
        for (MigReading m : s.migs()) {
            MigIdentity id = m.identity();
            migs.put(id.parent().index() + "/" + id.gpuInstanceId() + "/" + id.computeInstanceId(), id);
        }
        List<ProcessRow> out = new java.util.ArrayList<>(s.processes().size());
        for (ProcessReading p : s.processes()) {
            GpuReading g = gpus.get(p.gpuIndex());
            if (g == null) {
                continue;
            }
            Optional<MigIdentity> mig = p.gpuInstanceId().isPresent() && p.computeInstanceId().isPresent()
                    ? Optional.ofNullable(migs.get(p.gpuIndex() + "/" + p.gpuInstanceId().getAsInt() + "/"
                            + p.computeInstanceId().getAsInt()))
                    : Optional.empty();
            String device = mig.map(MigIdentity::migUuid).orElse(g.identity().uuid());
            ProcessOwner owner = owners.apply(p.pid())
                    .or(() -> attribution.exclusiveHolder(device).map(ContainerUsage::owner))
                    .orElse(ProcessOwner.UNKNOWN);
            Optional<Double> sm = p.smPercent().isPresent() ? Optional.of(p.smPercent().getAsInt() / 100.0) : Optional.empty();
            out.add(new ProcessRow(g.identity(), mig, owner, p.pid(), p.usedMemoryBytes(), sm));
        }
        return out;
    }

    private static Map<Integer, GpuReading> byIndex(GpuSnapshot s) {
        Map<Integer, GpuReading> gpus = new HashMap<>();
        s.gpus().forEach(g -> gpus.put(g.identity().index(), g));
        return gpus;
    }

    private static ProcessOwner owner(Allocation.Holder h) {
        return new ProcessOwner(h.namespace(), h.pod(), h.container());
    }

    private static final class Acc {
        final GpuIdentity gpu;
        final Optional<MigIdentity> mig;
        final ProcessOwner owner;
        long memory;
        /** empty while no process of the row (nor its device) can report SM utilization */
        Optional<Double> sm = Optional.empty();
        int processes;

        Acc(GpuIdentity gpu, Optional<MigIdentity> mig, ProcessOwner owner) {
            this.gpu = gpu;
            this.mig = mig;
            this.owner = owner;
        }

        Row row() {
            return new Row(gpu, mig, owner, memory, sm, processes);
        }
    }
}
