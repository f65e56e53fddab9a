package io.gpuagent.accounting;

import io.gpuagent.accounting.Device.AccountKey;
import io.gpuagent.catalog.DeviceField;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.join.Attribution;
import io.gpuagent.join.ContainerUsage.ProcessRow;
import io.gpuagent.join.ProcessOwner;
import io.gpuagent.kubelet.Allocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How one GPU's energy and time in one interval are shared out, as weights (the amounts are the {@link Ledger}'s):
 *
 * <ul>
 * <li><b>allocation</b> ({@link #idle}, {@link #held}): each holding is its part of its device
 * ({@link Attribution#share}: 1 for a whole GPU, one replica's share of a time-sliced one), and a MIG instance is its
 * compute slices' part of its GPU; what nobody holds is the unattributed remainder;
 * <li><b>activity</b> ({@link #active}): on a whole GPU each process's SM utilization from NVML's samples, for its
 * container (processes outside any pod: unattributed); in MIG mode, where NVML has no per-process samples, each
 * instance's GPM SM activity times its slices (or, without GPM, the slices of each instance running a process),
 * shared by its processes equally. With no activity at all, activity is split like allocation.
 * </ul>
 * In every list the last part is the unattributed remainder.
 */
final class GpuPlan {

    /** A weight for one account, or for the unattributed remainder ({@code key} null). */
    record Part(AccountKey key, double weight) {
    }

    final List<Part> idle;
    final List<Part> active;
    /** Device-seconds per second of each holder (the idle weights without the remainder). */
    final List<Part> held;
    /** SM-busy seconds per second of each container, from the process samples. */
    final List<Part> sm;
    final SplitMethod method;
    /** Whether the GPU gives per-process SM samples, so its accounts have SM seconds (0 while idle). */
    final boolean sampled;
    /** Every account taking part in this interval: the holders and the named owners of processes. */
    final Map<AccountKey, Device> present;

    private GpuPlan(Builder b, List<Part> active, SplitMethod method, boolean sampled) {
        this.idle = b.idle;
        this.held = b.idle.subList(0, b.idle.size() - 1);
        this.active = active;
        this.sm = b.sm;
        this.method = method;
        this.sampled = sampled;
        this.present = b.present;
    }

    /**
     * @param instances the GPU's MIG instances (none outside MIG mode)
     * @param holdings the holdings of the GPU and its instances
     * @param processes the processes on the GPU and its instances, with their owners
     */
    static GpuPlan of(GpuReading gpu, List<MigReading> instances, List<Attribution.Holding> holdings,
            Attribution attribution, List<ProcessRow> processes) {
        Builder b = new Builder(instances);
        for (Attribution.Holding h : holdings) {
            Device d = new Device(h.gpu(), h.mig());
            b.hold(d, owner(h.holder()), attribution.share(h) * b.sliceShare(h.mig()));
        }
        b.closeAllocation();
        for (ProcessRow p : processes) {
            if (p.owner().named()) {
                b.present.put(new Device(p.gpu(), p.mig()).account(p.owner()), new Device(p.gpu(), p.mig()));
            }
        }
        boolean migMode = gpu.value(DeviceField.MIG_MODE).orElse(0) == 1 || !instances.isEmpty();
        return migMode ? b.mig(processes, holdings, attribution) : b.whole(gpu, processes);
    }

    static ProcessOwner owner(Allocation.Holder h) {
        return new ProcessOwner(h.namespace(), h.pod(), h.container());
    }

    private static final class Builder {
        final List<MigReading> instances;
        /** per MIG UUID: its compute slices (parsed from its profile once per plan) */
        final Map<String, Integer> slices = new HashMap<>();
        final Map<String, Double> sliceShares = new HashMap<>();
        final Map<AccountKey, Double> allocation = new LinkedHashMap<>();
        final Map<AccountKey, Device> present = new LinkedHashMap<>();
        List<Part> idle;
        List<Part> sm = List.of();

        Builder(List<MigReading> instances) {
            this.instances = instances;
            int used = 0;
            int gpuSlices = 0;
            for (MigReading m : instances) {
                // an instance whose profile names no slice count counts as one slice
                int n = m.identity().slices().orElse(1);
                slices.put(m.identity().migUuid(), n);
                used += n;
                gpuSlices = Math.max(gpuSlices, m.identity().gpuSlices());
            }
            // slices no instance uses are the remainder; where NVML did not say how many there are, there is none
            int total = Math.max(used, gpuSlices);
            slices.forEach((uuid, n) -> sliceShares.put(uuid, (double) n / total));
        }

        double sliceShare(Optional<MigIdentity> mig) {
            return mig.map(m -> sliceShares.getOrDefault(m.migUuid(), 0.0)).orElse(1.0);
        }

        void hold(Device d, ProcessOwner owner, double weight) {
            AccountKey key = d.account(owner);
            allocation.merge(key, weight, Double::sum);
            present.put(key, d);
        }

        /** The allocation weights, scaled down if they exceed the whole device, and the unallocated remainder. */
        void closeAllocation() {
            double total = allocation.values().stream().mapToDouble(Double::doubleValue).sum();
            double scale = total > 1 ? 1 / total : 1;
            idle = new ArrayList<>(allocation.size() + 1);
            allocation.forEach((k, w) -> idle.add(new Part(k, w * scale)));
            idle.add(new Part(null, Math.max(0, 1 - total * scale)));
        }

        GpuPlan whole(GpuReading gpu, List<ProcessRow> processes) {
            boolean anySample = processes.stream().anyMatch(p -> p.smRatio().isPresent());
            boolean sampled = anySample || (processes.isEmpty() && gpu.value(DeviceField.UTILIZATION_GPU).isPresent());
            if (!anySample) {
                return new GpuPlan(this, idle, sampled ? SplitMethod.PROCESS_SAMPLES : SplitMethod.ALLOCATION, sampled);
            }
            List<Part> active = new ArrayList<>();
            List<Part> used = new ArrayList<>();
            double unattributed = 0;
            for (ProcessRow p : processes) {
                double ratio = p.smRatio().orElse(0.0);
                if (p.owner().named()) {
                    AccountKey key = new Device(p.gpu(), p.mig()).account(p.owner());
                    active.add(new Part(key, ratio));
                    used.add(new Part(key, ratio));
                } else {
                    unattributed += ratio;
                }
            }
            active.add(new Part(null, unattributed));
            sm = used;
            return new GpuPlan(this, orIdle(active), SplitMethod.PROCESS_SAMPLES, true);
        }

        GpuPlan mig(List<ProcessRow> processes, List<Attribution.Holding> holdings, Attribution attribution) {
            boolean gpm = !instances.isEmpty()
                    && instances.stream().allMatch(m -> m.values().fraction(DeviceField.GPM_SM_ACTIVITY).isPresent());
            Map<String, List<ProcessRow>> byInstance = new HashMap<>();
            for (ProcessRow p : processes) {
                p.mig().ifPresent(m -> byInstance.computeIfAbsent(m.migUuid(), k -> new ArrayList<>()).add(p));
            }
            List<Part> active = new ArrayList<>();
            double unattributed = 0;
            for (MigReading m : instances) {
                String uuid = m.identity().migUuid();
                List<ProcessRow> running = byInstance.getOrDefault(uuid, List.of());
                double weight;
                if (gpm) {
                    OptionalDouble percent = m.values().fraction(DeviceField.GPM_SM_ACTIVITY);
                    weight = Math.max(0, percent.getAsDouble()) / 100 * slices.get(uuid);
                } else {
                    weight = running.isEmpty() ? 0 : slices.get(uuid);
                }
                if (weight == 0) {
                    continue;
                }
                if (!running.isEmpty()) {
                    for (ProcessRow p : running) {
                        if (p.owner().named()) {
                            active.add(new Part(new Device(p.gpu(), p.mig()).account(p.owner()), weight / running.size()));
                        } else {
                            unattributed += weight / running.size();
                        }
                    }
                } else {
                    unattributed += byHolders(uuid, weight, holdings, attribution, active);
                }
            }
            active.add(new Part(null, unattributed));
            return new GpuPlan(this, orIdle(active), gpm ? SplitMethod.GPM_SM_ACTIVITY : SplitMethod.MIG_SLICES, false);
        }

        /** Activity of an instance without a visible process goes to its holders by their shares; returns the rest. */
        private static double byHolders(String migUuid, double weight, List<Attribution.Holding> holdings,
                Attribution attribution, List<Part> into) {
            double given = 0;
            for (Attribution.Holding h : holdings) {
                if (h.mig().isPresent() && h.mig().get().migUuid().equals(migUuid)) {
                    double w = weight * attribution.share(h);
                    into.add(new Part(new Device(h.gpu(), h.mig()).account(owner(h.holder())), w));
                    given += w;
                }
            }
            return Math.max(0, weight - given);
        }

        /** With no activity at all, activity is shared like allocation. */
        private List<Part> orIdle(List<Part> active) {
            return active.stream().mapToDouble(Part::weight).sum() > 0 ? active : idle;
        }
    }
}
