package io.gpuagent.join;

import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.kubelet.Allocation;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.kubelet.ContainerAllocation;
import io.gpuagent.kubelet.DeviceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which containers hold which GPUs and MIG instances: the kubelet's allocations matched against the
 * devices NVML sees. A device held by exactly one container is that container's (its series get
 * namespace/pod/container); a device held by several (time-slicing, MPS) is nobody's alone, and every
 * holder shows in {@code gpu_allocation_info}. Pure and immutable.
 */
public final class Attribution {

    /**
     * One container's hold on one device (one row of gpu_allocation_info).
     *
     * @param claim the DRA claim's device it came from, if it came from one
     */
    public record Holding(GpuIdentity gpu, Optional<MigIdentity> mig, Allocation.Holder holder, String resource,
            OptionalInt replica, Optional<ContainerAllocation.ClaimDevice> claim) {

        /** A device plugin's device. */
        public Holding(GpuIdentity gpu, Optional<MigIdentity> mig, Allocation.Holder holder, String resource,
                OptionalInt replica) {
            this(gpu, mig, holder, resource, replica, Optional.empty());
        }

        String deviceKey() {
            return mig.map(MigIdentity::migUuid).orElse(gpu.uuid());
        }
    }

    public static final Attribution NONE = new Attribution(List.of(), List.of(), Map.of());

    private final List<Holding> holdings;
    private final Map<String, Allocation.Holder> exclusive;
    private final Map<String, ContainerAllocation.ClaimDevice> claims;
    private final List<String> unresolved;
    /** Per device: how many ids of it the node can allocate (a time-sliced GPU's replicas), or held, if more. */
    private final Map<String, Integer> parts;

    private Attribution(List<Holding> holdings, List<String> unresolved, Map<String, Integer> advertised) {
        this.holdings = List.copyOf(holdings);
        this.unresolved = List.copyOf(unresolved);
        Map<String, Set<Allocation.Holder>> holders = new LinkedHashMap<>();
        Map<String, Integer> parts = new HashMap<>(advertised);
        Map<String, Integer> held = new HashMap<>();
        for (Holding h : holdings) {
            holders.computeIfAbsent(h.deviceKey(), k -> new LinkedHashSet<>()).add(h.holder());
            held.merge(h.deviceKey(), 1, Integer::sum);
        }
        held.forEach((device, n) -> parts.merge(device, n, Math::max));
        this.parts = Map.copyOf(parts);
        Map<String, Allocation.Holder> only = new HashMap<>();
        holders.forEach((device, set) -> {
            if (set.size() == 1) {
                only.put(device, set.iterator().next());
            }
        });
        this.exclusive = Map.copyOf(only);
        // A claim can be shared by several containers (one claim, two containers of a pod): the device then has no
        // one holder, but it still has one claim. Devices held through a claim and otherwise as well have none.
        Map<String, Set<Optional<ContainerAllocation.ClaimDevice>>> claimsOf = new HashMap<>();
        for (Holding h : holdings) {
            claimsOf.computeIfAbsent(h.deviceKey(), k -> new LinkedHashSet<>()).add(h.claim());
        }
        Map<String, ContainerAllocation.ClaimDevice> oneClaim = new HashMap<>();
        claimsOf.forEach((device, set) -> {
            if (set.size() == 1 && set.iterator().next().isPresent()) {
                oneClaim.put(device, set.iterator().next().get());
            }
        });
        this.claims = Map.copyOf(oneClaim);
    }

    public static Attribution resolve(GpuSnapshot gpus, Allocations allocations) {
        Devices devices = new Devices(gpus);
        List<Holding> holdings = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (Allocation a : allocations.devices()) {
            Optional<Holding> h = devices.find(a);
            if (h.isPresent()) {
                holdings.add(h.get());
            } else {
                unresolved.add(a.resource() + "=" + a.deviceId());
            }
        }
        Map<String, Integer> advertised = new HashMap<>();
        for (DeviceRef ref : allocations.advertised()) {
            devices.key(ref).ifPresent(key -> advertised.merge(key, 1, Integer::sum));
        }
        return new Attribution(holdings, unresolved, advertised);
    }

    /**
     * The part of its device (GPU or MIG instance) one holding is: 1 for an exclusive id; one replica's share for a
     * time-sliced or MPS id: 1 / the replicas the node advertises for the device (pod-resources
     * GetAllocatableResources), or 1 / the replicas held where the kubelet did not say.
     */
    public double share(Holding h) {
        return 1.0 / parts.getOrDefault(h.deviceKey(), 1);
    }

    /** The one container holding this GPU (by UUID) or MIG instance (by MIG UUID), if exactly one does. */
    public Optional<Allocation.Holder> exclusiveHolder(String uuidOrMigUuid) {
        return Optional.ofNullable(exclusive.get(uuidOrMigUuid));
    }

    /** The DRA claim's device this GPU or MIG instance came from, if every hold on it came from that one. */
    public Optional<ContainerAllocation.ClaimDevice> claim(String uuidOrMigUuid) {
        return Optional.ofNullable(claims.get(uuidOrMigUuid));
    }

    public List<Holding> holdings() {
        return holdings;
    }

    /** Allocated ids that match no device NVML sees on this node. */
    public List<String> unresolved() {
        return unresolved;
    }

    /** Lookups of one GPU snapshot's devices by every key a device id can carry. */
    private static final class Devices {
        final Map<String, GpuIdentity> byUuid = new HashMap<>();
        final Map<Long, GpuIdentity> byMinor = new HashMap<>();
        final Map<String, MigIdentity> migByUuid = new HashMap<>();
        final Map<String, MigIdentity> migByInstance = new HashMap<>();

        Devices(GpuSnapshot s) {
            for (GpuReading g : s.gpus()) {
                byUuid.put(g.identity().uuid(), g.identity());
                g.identity().minorNumber().ifPresent(m -> byMinor.put(m, g.identity()));
            }
            for (MigReading m : s.migs()) {
                MigIdentity id = m.identity();
                migByUuid.put(id.migUuid(), id);
                migByInstance.put(id.parent().uuid() + "/" + id.gpuInstanceId() + "/" + id.computeInstanceId(), id);
                // GKE's nvidia<N>/gi<M> names the GPU instance only: its first compute instance stands for it
                migByInstance.putIfAbsent(id.parent().uuid() + "/" + id.gpuInstanceId(), id);
            }
        }

        Optional<Holding> find(Allocation a) {
            DeviceRef ref = a.ref();
            return mig(ref).map(m -> new Holding(m.parent(), Optional.of(m), a.holder(), a.resource(), ref.replica(),
                            a.claim()))
                    .or(() -> gpu(ref).map(g -> new Holding(g, Optional.empty(), a.holder(), a.resource(), ref.replica(),
                            a.claim())));
        }

        /** The UUID (or MIG UUID) of the device an id points at, if NVML sees it. */
        Optional<String> key(DeviceRef ref) {
            return mig(ref).map(MigIdentity::migUuid).or(() -> gpu(ref).map(GpuIdentity::uuid));
        }

        private Optional<MigIdentity> mig(DeviceRef ref) {
            return switch (ref) {
                case DeviceRef.MigUuid m -> Optional.ofNullable(migByUuid.get(m.migUuid()));
                case DeviceRef.MigByInstance m -> Optional.ofNullable(
                        migByInstance.get(m.gpuUuid() + "/" + m.gpuInstanceId() + "/" + m.computeInstanceId()));
                case DeviceRef.MigByMinor m -> Optional.ofNullable(byMinor.get((long) m.minor()))
                        .map(g -> migByInstance.get(g.uuid() + "/" + m.gpuInstanceId()));
                default -> Optional.empty();
            };
        }

        private Optional<GpuIdentity> gpu(DeviceRef ref) {
            return switch (ref) {
                case DeviceRef.GpuUuid g -> Optional.ofNullable(byUuid.get(g.uuid()));
                case DeviceRef.GpuMinor g -> Optional.ofNullable(byMinor.get((long) g.minor()));
                default -> Optional.empty();
            };
        }
    }
}
