package io.gpuagent.serving;

import io.gpuagent.pods.PodIndex;
import io.gpuagent.source.SourceRunner;
import io.gpuagent.source.Supervisor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The serving part of the agent: the inference servers on this node, found through the pod informer, read every
 * {@link #INTERVAL} by one HTTP reader and normalized into the {@code inference_*} signals.
 */
public final class ServingAssembly implements AutoCloseable {

    /** How often inference servers' queue metrics are read (queue depth moves fast). */
    static final Duration INTERVAL = Duration.ofSeconds(2);

    private final TargetReader reader;
    private final SourceRunner<List<ServingSource.TargetReading>> runner;

    private ServingAssembly(TargetReader reader, SourceRunner<List<ServingSource.TargetReading>> runner) {
        this.reader = reader;
        this.runner = runner;
    }

    /** @param holdsGpu whether a pod (namespace, name) holds a GPU, from the kubelet's allocations */
    public static ServingAssembly start(PodIndex pods, BiPredicate<String, String> holdsGpu, Supervisor supervisor) {
        TargetReader reader = new TargetReader();
        ServingSource source = new ServingSource(() -> TargetDiscovery.discover(pods.pods(), holdsGpu), reader);
        return new ServingAssembly(reader, supervisor.run(source, INTERVAL));
    }

    /** The last read of every target, if any. */
    public Optional<List<ServingSource.TargetReading>> latest() {
        return runner.state().latest();
    }

    @Override
    public void close() {
        reader.close();
    }
}
