package io.gpuagent.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gpuagent.config.AgentConfig;
import io.gpuagent.config.ConfigException;
import io.gpuagent.dra.DraDevices;
import io.gpuagent.dra.ResourceSliceIndex;
import io.gpuagent.events.XidEventPoster;
import io.gpuagent.events.XidTargets;
import io.gpuagent.gpu.NvmlAssembly;
import io.gpuagent.kubelet.Allocation;
import io.gpuagent.kubelet.ContainerAllocation;
import io.gpuagent.kubelet.DeviceRef;
import io.gpuagent.kubelet.KubeletAssembly;
import io.gpuagent.pods.KubernetesClients;
import io.gpuagent.pods.ListRequests;
import io.gpuagent.pods.PodIndex;
import io.gpuagent.pods.Workload;
import io.gpuagent.source.Supervisor;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Kubernetes API part of the agent ({@code --kubernetes}): one client, the informer on this node's pods (labels,
 * owners, container ids, serving targets), the informer on this node's DRA ResourceSlices, and the XID Event poster
 * ({@code --xid-events}). Absent when the API is not to be used.
 */
public final class KubernetesAssembly implements AutoCloseable {

    private static final Logger LOG = System.getLogger("io.gpuagent");

    private final AgentConfig config;
    private final KubernetesClient client;
    private final PodIndex pods;
    private final ResourceSliceIndex slices;
    private final List<AutoCloseable> closeFirst = new ArrayList<>();

    private KubernetesAssembly(AgentConfig config, KubernetesClient client, PodIndex pods, ResourceSliceIndex slices) {
        this.config = config;
        this.client = client;
        this.pods = pods;
        this.slices = slices;
    }

    /**
     * Starts the informers when the API is to be used (in-cluster, or with {@code KUBECONFIG}, unless
     * {@code --kubernetes=false}); they list and watch in the background.
     *
     * @throws ConfigException when {@code --kubernetes=true} and no cluster configuration is found
     */
    public static Optional<KubernetesAssembly> start(AgentConfig config, Map<String, String> env, Supervisor supervisor)
            throws ConfigException {
        ListRequests lists = new ListRequests();
        Optional<KubernetesClient> client;
        try {
            client = KubernetesClients.create(config.kubernetes(), env, lists); // it logs why when it is not used
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--kubernetes", e.getMessage());
        }
        return client.map(c -> {
            PodIndex pods = PodIndex.start(c, lists, config.nodeName(), config.podLabelAllowlist());
            supervisor.run(pods, pods.refreshEvery());
            ResourceSliceIndex slices = ResourceSliceIndex.start(c, config.nodeName());
            supervisor.run(slices, slices.refreshEvery());
            return new KubernetesAssembly(config, c, pods, slices);
        });
    }

    /** The pods of this node. */
    public PodIndex pods() {
        return pods;
    }

    /** A DRA claim's device resolved through this node's ResourceSlices. */
    public Optional<DeviceRef> resolveClaim(ContainerAllocation.ClaimDevice device) {
        return slices.resolve(device);
    }

    /**
     * How DRA claims' devices resolve to GPUs: through this node's ResourceSlices where the API is used, else by
     * device name alone.
     */
    public static Function<ContainerAllocation.ClaimDevice, Optional<DeviceRef>> claims(
            Optional<KubernetesAssembly> kubernetes) {
        if (kubernetes.isPresent()) {
            return kubernetes.get()::resolveClaim;
        }
        return device -> DraDevices.resolve(device, slice -> Optional.empty());
    }

    /**
     * A holder's pod labels for {@code gpu_allocation_info}: its workload ({@code workload}, {@code workload_kind}:
     * what the cost recording rules roll energy and GPU time up by) and its allowlisted labels
     * ({@code --pod-label-allowlist}); never blocks.
     */
    public Map<String, String> podLabels(Allocation.Holder holder) {
        Map<String, String> labels = pods.allowlistedLabels(holder.namespace(), holder.pod());
        Optional<Workload> workload = pods.workloadNow(holder.namespace(), holder.pod());
        if (workload.isEmpty()) {
            return labels;
        }
        Map<String, String> all = new java.util.LinkedHashMap<>(labels);
        all.put("workload", workload.get().name());
        all.put("workload_kind", workload.get().kind());
        return all;
    }

    /**
     * Posts each XID the driver reports as an Event on the pod holding the GPU, or on the node
     * ({@code --xid-events}, on by default).
     *
     * @return the poster's own metrics, to register; empty when XID Events are off
     */
    public Optional<MultiCollector> postXidEvents(NvmlAssembly nvml, KubeletAssembly kubelet, Clock clock) {
        if (!config.xidEvents()) {
            LOG.log(Level.INFO, "XID events: off (--xid-events=false)");
            return Optional.empty();
        }
        XidEventPoster poster = new XidEventPoster(client, config.nodeName(),
                XidTargets.from(() -> nvml.state().latest(), kubelet::current),
                () -> kubelet.current().isPresent() && nvml.state().latest().isPresent(), clock);
        nvml.onXid(poster::offer);
        closeFirst.add(poster);
        return Optional.of(poster);
    }

    /** Stops the poster and the informers, then the client. */
    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(closeFirst);
        all.add(slices);
        all.add(pods);
        all.add(client);
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + c + " failed: " + e.getMessage());
            }
        }
    }
}
