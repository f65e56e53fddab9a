package io.gpuagent.kubelet;

import io.gpuagent.config.AgentConfig;
import io.gpuagent.source.SourceRunner;
import io.gpuagent.source.SourceState;
import io.gpuagent.source.Supervisor;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kubelet part of the agent: the pod-resources client on {@code --pod-resources-socket} and the source
 * that re-reads which containers hold which GPUs every {@link #REFRESH} (and soon after a pod change).
 */
public final class KubeletAssembly implements AutoCloseable {

    /** How often the kubelet's allocations are re-read (and sooner on pod changes): never per scrape. */
    static final Duration REFRESH = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final PodResourcesClient client;
    private final SourceRunner<Allocations> runner;
    private final Clock clock;

    private KubeletAssembly(PodResourcesClient client, SourceRunner<Allocations> runner, Clock clock) {
        this.client = client;
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * @param claims resolves a DRA claim's device to a GPU (through the node's ResourceSlices where the Kubernetes
     *     API is used)
     */
    public static KubeletAssembly start(AgentConfig config, Supervisor supervisor, Clock clock,
            Function<ContainerAllocation.ClaimDevice, Optional<DeviceRef>> claims) {
        PodResourcesClient client = new PodResourcesClient(config.podResourcesSocket(), CALL_TIMEOUT);
        AllocationSource source = new AllocationSource(client, new GpuResources(config.gpuResourceNames()), claims);
        return new KubeletAssembly(client, supervisor.run(source, REFRESH), clock);
    }

    public SourceState<Allocations> state() {
        return runner.state();
    }

    /** The allocations to attribute with now ({@link AllocationSource#usable}). */
    public Optional<Allocations> current() {
        return AllocationSource.usable(runner.state(), clock.instant());
    }

    /** Whether a container of that pod holds a GPU device now. */
    public boolean holdsGpu(String namespace, String pod) {
        return current().map(a -> a.holdsGpu(namespace, pod)).orElse(false);
    }

    /** Re-reads the allocations soon (a pod came or went); cheap, callable from any thread. */
    public void refreshSoon() {
        runner.runSoon();
    }

    @Override
    public void close() {
        client.close();
    }
}
