package io.gpuagent.dra;

import io.gpuagent.pods.ApiProblems;
import io.gpuagent.pods.InformerHealth;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSliceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.gpuagent.kubelet.ContainerAllocation.ClaimDevice;
import io.gpuagent.kubelet.DeviceRef;
import io.gpuagent.source.Outcome;
import io.gpuagent.source.Source;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@value DraDevices#DRIVER} devices this node's ResourceSlices publish, kept current by one informer
 * on {@code resource.k8s.io/v1} ResourceSlices with {@code spec.nodeName=<node>} (so the cost does not grow
 * with the cluster). Lookups read an immutable snapshot and never call the API server.
 * <p>
 * Clusters without the DRA API answer 404: the state says so, the informer is stopped (fabric8 would
 * otherwise retry every few seconds forever) and the list is tried again only every
 * {@link Timing#notServedRetry()}, in case the control plane is upgraded. Needs {@code list}/{@code watch}
 * on {@code resource.k8s.io/resourceslices}.
 */
public final class ResourceSliceIndex implements Source<Integer>, AutoCloseable {

    private static final Logger LOG = System.getLogger("io.gpuagent.dra");
    /** The source's name in the agent's own metrics. */
    public static final String SOURCE = "dra";
    static final String NOT_SERVED = "resource.k8s.io/v1 not served: DRA attribution off";
    static final InformerHealth.Subject SLICES = new InformerHealth.Subject(SOURCE, "io.gpuagent.dra", "ResourceSlices",
            "Kubernetes API: ResourceSlice watch lost, reconnecting");

    /**
     * fabric8 logs each informer retry with a stack trace; {@link InformerHealth} logs each change once instead.
     * Held strongly because java.util.logging drops the level of a logger nobody references.
     */
    private static final List<java.util.logging.Logger> QUIETED = List.of(
            java.util.logging.Logger.getLogger("io.fabric8.kubernetes.client.informers.impl.cache.Reflector"),
            java.util.logging.Logger.getLogger("io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager"));

    /**
     * @param tick how often the watch is checked
     * @param downAfter how long the watch may be away before the index reports down
     * @param probeEvery how often a down index asks the API server why
     * @param notServedRetry how long to wait before listing again after a 404
     */
    record Timing(Duration tick, Duration downAfter, Duration probeEvery, Duration notServedRetry) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(10),
                Duration.ofMinutes(10));
    }

    private final KubernetesClient client;
    private final String nodeName;
    private final Timing timing;
    private final InformerHealth health;
    private final Object lifecycle = new Object();
    private volatile SharedIndexInformer<ResourceSlice> informer; // replaced under lifecycle
    /** An informer that got 404, set by its exception handler for the next refresh to stop (not from inside). */
    private volatile SharedIndexInformer<ResourceSlice> notServedBy;
    private volatile boolean closed; // set under lifecycle
    private long notServedAt; // guarded by lifecycle; 0 while served
    private volatile Map<PoolDevice, Map<String, String>> devices = Map.of();

    private ResourceSliceIndex(KubernetesClient client, String nodeName, Timing timing) {
        this.client = client;
        this.nodeName = nodeName;
        this.timing = timing;
        this.health = new InformerHealth(SLICES, nodeName, timing.downAfter(), timing.probeEvery());
    }

    /**
     * Starts watching the ResourceSlices of {@code nodeName} and returns at once: the first list, and any
     * retry, happen in the background (its {@link #refresh} tells).
     */
    public static ResourceSliceIndex start(KubernetesClient client, String nodeName) {
        return start(client, nodeName, Timing.DEFAULT);
    }

    static ResourceSliceIndex start(KubernetesClient client, String nodeName, Timing timing) {
        QUIETED.forEach(l -> l.setLevel(java.util.logging.Level.SEVERE));
        ResourceSliceIndex index = new ResourceSliceIndex(client, nodeName, timing);
        synchronized (index.lifecycle) {
            index.startInformer();
        }
        return index;
    }

    /** The attributes the driver published for that device of this node, names as published. */
    public Optional<Map<String, String>> attributes(PoolDevice device) {
        return Optional.ofNullable(devices.get(device));
    }

    /** {@link DraDevices#resolve} against this node's slices. */
    public Optional<DeviceRef> resolve(ClaimDevice device) {
        return DraDevices.resolve(device, this::attributes);
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public String title() {
        return "ResourceSlices";
    }

    /** How often {@link #refresh} should run. */
    public Duration refreshEvery() {
        return timing.tick();
    }

    public String nodeName() {
        return nodeName;
    }

    private void startInformer() {
        SharedIndexInformer<ResourceSlice> started = slices().runnableInformer(0);
        started.addEventHandler(new Events(started));
        // fabric8's default gives up when the first list fails; the API server may simply be late.
        started.exceptionHandler((wasStarted, failure) -> {
            if (ApiProblems.notServed(failure)) {
                // Stopping from inside fabric8's callback is not safe: the next refresh does it.
                notServedBy = started;
                return true;
            }
            health.failed(failure, devices.size());
            return true;
        });
        informer = started;
        started.start();
    }

    private void notServed(SharedIndexInformer<ResourceSlice> which) {
        synchronized (lifecycle) {
            if (closed || which != informer || notServedAt != 0) {
                return;
            }
            which.stop();
            notServedAt = Math.max(1, System.nanoTime());
            devices = Map.of();
            health.notServed(NOT_SERVED);
        }
    }

    /** ResourceSlices are cluster-scoped; the API server filters them by node. */
    private FilterWatchListDeletable<ResourceSlice, ResourceSliceList, Resource<ResourceSlice>> slices() {
        return client.resources(ResourceSlice.class, ResourceSliceList.class).withField("spec.nodeName", nodeName);
    }

    /**
     * One refresh: up while in sync (the count of NVIDIA devices known), down with the reason when not (a probe asks
     * the API server why), unsupported while the API is not served (listed again every
     * {@link Timing#notServedRetry()}, in case the control plane is upgraded).
     */
    @Override
    public Outcome<Integer> refresh() {
        SharedIndexInformer<ResourceSlice> pending = notServedBy;
        if (pending != null) {
            notServedBy = null;
            notServed(pending);
        }
        SharedIndexInformer<ResourceSlice> current;
        synchronized (lifecycle) {
            if (closed) {
                return Outcome.unchanged();
            }
            if (notServedAt != 0) {
                if (System.nanoTime() - notServedAt >= timing.notServedRetry().toNanos()) {
                    LOG.log(Level.DEBUG, "listing ResourceSlices again after 404");
                    notServedAt = 0;
                    informer.close();
                    startInformer();
                }
                return health.outcome(0);
            }
            current = informer;
        }
        if (health.observe(current.isWatching(), current.hasSynced(), devices.size())) {
            Optional<RuntimeException> failure = probe();
            if (failure.isPresent() && ApiProblems.notServed(failure.get())) {
                notServed(current);
            } else {
                health.probed(failure, devices.size(), health.problemIs(NOT_SERVED));
            }
        }
        return health.outcome(devices.size());
    }

    /** The informer's own list request, limited to one slice: how it fails is why the index is down. */
    private Optional<RuntimeException> probe() {
        try {
            slices().list(new ListOptionsBuilder().withLimit(1L).build());
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e);
        }
    }

    /** Rebuilds the snapshot from the informer's store on any change; ignores a replaced informer. */
    private final class Events implements ResourceEventHandler<ResourceSlice> {
        private final SharedIndexInformer<ResourceSlice> source;

        Events(SharedIndexInformer<ResourceSlice> source) {
            this.source = source;
        }

        /**
         * Lock-free on purpose: this runs on fabric8's event thread, which {@link #close()} may be stopping
         * while holding the lifecycle lock. A replaced informer is only ever one that got 404 (no slices).
         */
        private void rebuild() {
            if (source == informer && !closed) {
                devices = SliceDevices.index(source.getStore().list());
            }
        }

        @Override
        public void onAdd(ResourceSlice slice) {
            rebuild();
        }

        @Override
        public void onUpdate(ResourceSlice old, ResourceSlice slice) {
            rebuild();
        }

        @Override
        public void onDelete(ResourceSlice slice, boolean finalStateUnknown) {
            rebuild();
        }
    }

    /** Stops the informer; the client stays open for whoever created it to close. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            informer.close();
        }
    }
}
