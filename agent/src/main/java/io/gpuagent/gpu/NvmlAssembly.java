package io.gpuagent.gpu;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.config.AgentConfig;
import io.gpuagent.config.ConfigException;
import io.gpuagent.source.SourceRunner;
import io.gpuagent.source.SourceState;
import io.gpuagent.source.Supervisor;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The NVML part of the agent: the library ({@code --nvml-library}) or the simulator ({@code --simulate}), the
 * source that reads every GPU each {@code --collect-interval}, and readiness.
 */
public final class NvmlAssembly implements AutoCloseable {

    private final NvmlOpener opener;
    private final GpuSource source;
    private final SourceRunner<GpuSnapshot> runner;

    private NvmlAssembly(NvmlOpener opener, GpuSource source, SourceRunner<GpuSnapshot> runner) {
        this.opener = opener;
        this.source = source;
        this.runner = runner;
    }

    /**
     * Starts reading the GPUs.
     *
     * @param afterRead given each new snapshot on the collection thread before it is published
     * @throws ConfigException for a simulator scenario that cannot be loaded
     */
    public static NvmlAssembly start(AgentConfig config, Supervisor supervisor, Clock clock,
            Consumer<GpuSnapshot> afterRead) throws ConfigException {
        return start(config, supervisor, clock, java.util.EnumSet.allOf(DeviceField.class), afterRead);
    }

    /**
     * As {@link #start(AgentConfig, Supervisor, Clock, Consumer)}, reading only {@code reads} of the catalog (what the
     * naming serves: a family turned off costs no NVML call).
     */
    public static NvmlAssembly start(AgentConfig config, Supervisor supervisor, Clock clock, Set<DeviceField> reads,
            Consumer<GpuSnapshot> afterRead) throws ConfigException {
        NvmlOpener opener = opener(config);
        GpuSource source = new GpuSource(opener, clock, reads);
        source.afterRead(afterRead);
        return new NvmlAssembly(opener, source, supervisor.run(source, config.collectInterval()));
    }

    private static NvmlOpener opener(AgentConfig config) throws ConfigException {
        if (config.simulate().isEmpty()) {
            return NvmlOpener.library(config.nvmlLibrary());
        }
        String scenario = config.simulate().get();
        try {
            return NvmlOpener.simulator(AgentConfig.SIMULATE_DEFAULT.equals(scenario) ? "default" : scenario);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--simulate", e.getMessage());
        }
    }

    /** The latest reading of every GPU; never blocks. */
    public SourceState<GpuSnapshot> state() {
        return runner.state();
    }

    /** Empty once NVML is initialised and a first collection is done; else why not (e.g. a hung call). */
    public Optional<String> notReadyBecause() {
        return GpuSource.notReadyBecause(runner.state());
    }

    /** Hands each XID the driver reports to {@code listener} (on the XID thread; it must not block). */
    public void onXid(Consumer<XidReport> listener) {
        source.onXid(listener);
    }

    /** What NVML is read from, e.g. {@code libnvidia-ml.so.1} or {@code simulated NVML (scenario default)}. */
    public String description() {
        return opener.describe();
    }

    @Override
    public void close() {
        source.close();
    }
}
