package io.gpuagent.gpu;

import io.gpuagent.source.SourceRunner;
import io.gpuagent.source.SourceState;
import java.time.Clock;

/** The NVML source under a manual runner: each {@link #collect} is one refresh on the test's thread. */
public final class TestGpus implements AutoCloseable {

    private final GpuSource source;
    private final SourceRunner<GpuSnapshot> runner;

    public TestGpus(NvmlOpener opener) {
        this(opener, Clock.systemUTC());
    }

    public TestGpus(NvmlOpener opener, Clock clock) {
        this.source = new GpuSource(opener, clock);
        this.runner = SourceRunner.manual(source, clock);
    }

    /** One collection; the state it leaves. */
    public SourceState<GpuSnapshot> collect() {
        return runner.refreshNow();
    }

    public SourceState<GpuSnapshot> state() {
        return runner.state();
    }

    public GpuSource source() {
        return source;
    }

    @Override
    public void close() {
        source.close();
    }
}
