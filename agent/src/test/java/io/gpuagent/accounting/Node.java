package io.gpuagent.accounting;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.gpu.ProcessReading;
import io.gpuagent.join.ProcessOwner;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.kubelet.ContainerAllocation;
import io.gpuagent.kubelet.GpuResources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A node built by hand for the ledger's tests: GPUs with power and energy readings, MIG instances, processes with
 * owners and SM samples, and the kubelet's allocations. Mutable: a test changes a reading, then takes the next
 * snapshot.
 */
final class Node {

    static final long SECOND = 1_000_000_000L;

    /** One GPU's readings in the next snapshot; null power or energy = not reported. */
    static final class Gpu {
        final GpuIdentity id;
        Long powerMw;
        Long energyMj;
        boolean up = true;
        boolean mig;
        boolean utilization = true;

        Gpu(GpuIdentity id) {
            this.id = id;
        }

        GpuReading reading() {
            if (!up) {
                return GpuReading.down(id);
            }
            FieldValues.Builder v = FieldValues.builder();
            if (powerMw != null) {
                v.put(DeviceField.POWER_USAGE, powerMw);
            }
            if (energyMj != null) {
                v.put(DeviceField.ENERGY, energyMj);
            }
            v.put(DeviceField.MIG_MODE, mig ? 1L : 0L);
            if (utilization && !mig) {
                v.put(DeviceField.UTILIZATION_GPU, 50L);
            }
            return new GpuReading(id, true, v.build());
        }
    }

    final List<Gpu> gpus = new ArrayList<>();
    final List<MigReading> migs = new ArrayList<>();
    final List<ProcessReading> processes = new ArrayList<>();
    final Map<Long, ProcessOwner> owners = new HashMap<>();
    final List<ContainerAllocation> holders = new ArrayList<>();
    final List<ContainerAllocation.DeviceGroup> advertised = new ArrayList<>();

    Gpu gpu(String uuid, String model, long powerMw, Long energyMj) {
        int index = gpus.size();
        Gpu g = new Gpu(new GpuIdentity(index, uuid, model, String.format("00000000:%02X:00.0", index + 1),
                OptionalLong.of(index)));
        g.powerMw = powerMw;
        g.energyMj = energyMj;
        gpus.add(g);
        return g;
    }

    MigIdentity mig(Gpu parent, String uuid, int gi, String profile, int gpuSlices) {
        parent.mig = true;
        MigIdentity m = new MigIdentity(parent.id, uuid, gi, 0, profile, gpuSlices);
        migs.add(new MigReading(m, FieldValues.EMPTY));
        return m;
    }

    /** Sets an instance's GPM SM activity (percent). */
    void gpm(MigIdentity m, double smPercent) {
        migs.replaceAll(r -> r.identity().equals(m)
                ? new MigReading(m, FieldValues.builder().put(DeviceField.GPM_SM_ACTIVITY, smPercent).build()) : r);
    }

    /** A process on a whole GPU; {@code smPercent} null for a GPU without samples. */
    void process(Gpu g, long pid, ProcessOwner owner, Integer smPercent) {
        processes.add(new ProcessReading(g.id.index(), OptionalInt.empty(), OptionalInt.empty(), pid, OptionalLong.of(1),
                smPercent == null ? OptionalInt.empty() : OptionalInt.of(smPercent)));
        if (owner != null) {
            owners.put(pid, owner);
        }
    }

    /** A process on a MIG instance (no samples in MIG mode). */
    void process(MigIdentity m, long pid, ProcessOwner owner) {
        processes.add(new ProcessReading(m.parent().index(), OptionalInt.of(m.gpuInstanceId()),
                OptionalInt.of(m.computeInstanceId()), pid, OptionalLong.of(1), OptionalInt.empty()));
        if (owner != null) {
            owners.put(pid, owner);
        }
    }

    void hold(ProcessOwner who, String resource, String... ids) {
        holders.add(new ContainerAllocation(who.namespace(), who.pod(), who.container(),
                List.of(new ContainerAllocation.DeviceGroup(resource, List.of(ids))), List.of()));
    }

    void release(ProcessOwner who) {
        holders.removeIf(c -> c.pod().equals(who.pod()) && c.container().equals(who.container()));
    }

    void advertise(String resource, String... ids) {
        advertised.add(new ContainerAllocation.DeviceGroup(resource, List.of(ids)));
    }

    /** Moves every energy counter on by its power for {@code nanos} (as a real counter does). */
    void run(long nanos) {
        for (Gpu g : gpus) {
            if (g.energyMj != null && g.powerMw != null) {
                g.energyMj += Math.round(g.powerMw * (nanos / 1e9));
            }
        }
    }

    GpuSnapshot snapshot() {
        List<GpuReading> readings = gpus.stream().map(Gpu::reading).toList();
        return new GpuSnapshot("535", "12.2", readings, List.copyOf(migs), Map.of(), List.copyOf(processes));
    }

    Allocations allocations() {
        return Allocations.from(holders, GpuResources.defaults()).advertising(advertised, GpuResources.defaults());
    }

    /** Ledger.update with this node as it is now, at {@code now}. */
    void account(Ledger ledger, long now) {
        ledger.update(snapshot(), java.util.Optional.of(allocations()), Map.copyOf(owners), now);
    }
}
