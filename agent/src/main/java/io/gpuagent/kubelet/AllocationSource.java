package io.gpuagent.kubelet;

import io.gpuagent.source.Outcome;
import io.gpuagent.source.Source;
import io.gpuagent.source.SourceState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kubelet source: which containers hold which GPUs, refreshed on its own schedule (and early on pod
 * changes), never per scrape. While the kubelet is away the last map is kept for {@link #KEEP_STALE}
 * (a restarting kubelet does not blank attribution), then dropped ({@link #usable}).
 */
public final class AllocationSource implements Source<Allocations> {

    public static final String SOURCE = "pod-resources";
    public static final Duration KEEP_STALE = Duration.ofSeconds(60);
    private static final Logger LOG = System.getLogger("io.gpuagent.kubelet");

    private final AllocationLister client;
    private final GpuResources resources;
    private final Function<ContainerAllocation.ClaimDevice, Optional<DeviceRef>> claims;
    /** Whether the last GetAllocatableResources failed (said once per run of failures). */
    private boolean allocatableFailing;

    public AllocationSource(AllocationLister client, GpuResources resources) {
        this(client, resources, claim -> Optional.empty());
    }

    /** @param claims resolves DRA claim devices (see {@link Allocations#from(List, GpuResources, Function)}) */
    public AllocationSource(AllocationLister client, GpuResources resources,
            Function<ContainerAllocation.ClaimDevice, Optional<DeviceRef>> claims) {
        this.claims = claims;
        this.client = client;
        this.resources = resources;
    }

    @Override
    public String name() {
        return SOURCE;
    }

    /** The allocations to attribute with at {@code now}: the latest, unless the kubelet has been away too long. */
    public static Optional<Allocations> usable(SourceState<Allocations> s, Instant now) {
        if (s.lastSuccess().isEmpty()) {
            return Optional.empty();
        }
        if (!s.up() && s.lastSuccess().get().plus(KEEP_STALE).isBefore(now)) {
            return Optional.empty();
        }
        return s.latest();
    }

    @Override
    public Outcome<Allocations> refresh() {
        try {
            Allocations a = Allocations.from(client.list(), resources, claims).advertising(allocatable(), resources);
            if (!a.unparsed().isEmpty()) {
                LOG.log(Level.DEBUG, "device ids in no known form: " + a.unparsed());
            }
            return Outcome.up(a, a.unparsed().size()).recovering("pod-resources answers again");
        } catch (PodResourcesException e) {
            String why = "pod-resources: " + e.getMessage();
            return Outcome.down(why, e.kind() == PodResourcesException.Kind.SOCKET_MISSING ? Level.INFO : Level.WARNING,
                    why + (e.isTransient() ? " (transient, retrying)" : ""));
        }
    }

    /**
     * The node's allocatable devices, which give a time-sliced GPU's replica count. Optional: a kubelet without the
     * call (before 1.23, or its feature gate off) costs only that, so a failure leaves the list empty.
     */
    private java.util.List<ContainerAllocation.DeviceGroup> allocatable() {
        try {
            java.util.List<ContainerAllocation.DeviceGroup> groups = client.allocatable();
            if (allocatableFailing) {
                allocatableFailing = false;
                LOG.log(Level.INFO, "pod-resources GetAllocatableResources answers again");
            }
            return groups;
        } catch (PodResourcesException e) {
            if (!allocatableFailing) {
                allocatableFailing = true;
                LOG.log(Level.INFO, "pod-resources GetAllocatableResources failed (" + e.getMessage() + "): a time-sliced"
                        + " GPU's replicas are shared among the replicas held until it answers");
            }
            return java.util.List.of();
        }
    }
}
