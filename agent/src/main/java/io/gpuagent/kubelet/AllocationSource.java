package io.gpuagent.kubelet;

import io.gpuagent.source.SourceState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kubelet source: which containers hold which GPUs, refreshed on its own schedule (and early on pod
 * changes), never per scrape. While the kubelet is away the last map is kept for {@link #KEEP_STALE}
 * (a restarting kubelet does not blank attribution), then dropped.
 */
public final class AllocationSource {

    public static final String SOURCE = "pod-resources";
    public static final Duration KEEP_STALE = Duration.ofSeconds(60);
    private static final Logger LOG = System.getLogger("io.gpuagent.kubelet");

    private final AllocationLister client;
    private final GpuResources resources;
    private final java.util.function.Function<ContainerAllocation.ClaimDevice, java.util.Optional<DeviceRef>> claims;
    private final Clock clock;
    private final AtomicReference<SourceState<Allocations>> state =
            new AtomicReference<>(SourceState.starting(SOURCE, "pod-resources: not read yet"));
    private volatile String lastProblem = "";

    public AllocationSource(AllocationLister client, GpuResources resources, Clock clock) {
        this(client, resources, claim -> java.util.Optional.empty(), clock);
    }

    /** @param claims resolves DRA claim devices (see {@link Allocations#from(List, GpuResources, java.util.function.Function)}) */
    public AllocationSource(AllocationLister client, GpuResources resources,
            java.util.function.Function<ContainerAllocation.ClaimDevice, java.util.Optional<DeviceRef>> claims, Clock clock) {
        this.claims = claims;
        this.client = client;
        this.resources = resources;
        this.clock = clock;
    }

    public SourceState<Allocations> state() {
        return state.get();
    }

    /** The allocations to attribute with now: the latest, unless the kubelet has been away too long. */
    public java.util.Optional<Allocations> current() {
        SourceState<Allocations> s = state.get();
        if (s.lastSuccess().isEmpty()) {
            return java.util.Optional.empty();
        }
        if (!s.up() && s.lastSuccess().get().plus(KEEP_STALE).isBefore(clock.instant())) {
            return java.util.Optional.empty();
        }
        return s.latest();
    }

    public void refresh() {
        long start = System.nanoTime();
        try {
            Allocations a = Allocations.from(client.list(), resources, claims);
            if (!a.unparsed().isEmpty()) {
                LOG.log(Level.DEBUG, "device ids in no known form: " + a.unparsed());
            }
            if (!lastProblem.isEmpty()) {
                LOG.log(Level.INFO, "pod-resources answers again");
                lastProblem = "";
            }
            state.updateAndGet(s -> s.succeeded(a, clock.instant(), since(start), a.unparsed().size()));
        } catch (PodResourcesException e) {
            String why = "pod-resources: " + e.getMessage();
            if (!why.equals(lastProblem)) {
                LOG.log(e.kind() == PodResourcesException.Kind.SOCKET_MISSING ? Level.INFO : Level.WARNING,
                        why + (e.isTransient() ? " (transient, retrying)" : ""));
                lastProblem = why;
            }
            state.updateAndGet(s -> s.failed(why, since(start)));
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
