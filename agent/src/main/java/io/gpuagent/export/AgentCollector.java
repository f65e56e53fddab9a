package io.gpuagent.export;

import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.join.Attribution;
import io.gpuagent.join.ContainerUsage;
import io.gpuagent.join.ProcessOwner;
import io.gpuagent.kubelet.Allocation;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.source.SourceState;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one collector behind {@code /metrics}: renders the sources' latest readings, never calls NVML
 * or anything else that does I/O, and never throws (a failure costs the families it touched, logged).
 * Device families are rebuilt only when the GPU reading changed, so concurrent scrapes share the work.
 */
public final class AgentCollector implements MultiCollector {

    private static final Logger LOG = System.getLogger("io.gpuagent.export");

    /** The {@code gpu_agent_<name>_up} gauge of each source that has one. */
    private static final Map<String, String> UP_GAUGES = Map.of(
            "nvml", "gpu_agent_nvml_up",
            "pod-resources", "gpu_agent_pod_resources_up",
            "kubernetes", "gpu_agent_kubernetes_up");

    private final String version;
    private final Supplier<SourceState<GpuSnapshot>> gpus;
    private final Supplier<Optional<Allocations>> allocations;
    private final List<Supplier<? extends SourceState<?>>> others;
    private final Function<Allocation.Holder, Map<String, String>> podLabels;
    private final Supplier<Map<Long, ProcessOwner>> owners;
    private volatile Cached cached;
    private volatile boolean processMetrics;
    private volatile Naming naming = Naming.nativeNaming();
    private volatile Supplier<Optional<List<io.gpuagent.serving.ServingSource.TargetReading>>> serving = Optional::empty;

    private record Cached(SourceState<GpuSnapshot> from, Optional<Allocations> allocations,
            Map<Long, ProcessOwner> owners, List<MetricSnapshot> families) {
    }

    public AgentCollector(String version, Supplier<SourceState<GpuSnapshot>> gpus) {
        this(version, gpus, Optional::empty, List.of(), h -> Map.of(), Map::of);
    }

    /**
     * @param allocations the kubelet's allocations to attribute devices with, if any
     * @param others the states of the other sources, for the agent's own metrics
     * @param podLabels a holder's allowlisted pod labels (from the pod informer's cache; never blocks)
     * @param owners the owners of GPU processes, resolved by the collection thread (a new map per update)
     */
    public AgentCollector(String version, Supplier<SourceState<GpuSnapshot>> gpus,
            Supplier<Optional<Allocations>> allocations, List<Supplier<? extends SourceState<?>>> others,
            Function<Allocation.Holder, Map<String, String>> podLabels,
            Supplier<Map<Long, ProcessOwner>> owners) {
        this.podLabels = podLabels;
        this.owners = owners;
        this.version = version;
        this.gpus = gpus;
        this.allocations = allocations;
        this.others = List.copyOf(others);
    }

    /** Adds the serving signals ({@code inference_*}) of the serving source's latest read. */
    public AgentCollector withServing(Supplier<Optional<List<io.gpuagent.serving.ServingSource.TargetReading>>> readings) {
        this.serving = readings;
        return this;
    }

    /**
     * Device families under dcgm-exporter's names, units and labels ({@code --naming=dcgm}) instead of the
     * native ones; {@code hostname} is their {@code Hostname} label (the node name).
     */
    public AgentCollector withDcgmNaming(String hostname) {
        this.naming = Naming.dcgm(hostname);
        this.cached = null;
        return this;
    }

    /** Adds the per-process series (with pid) — a debugging aid, off by default for cardinality. */
    public AgentCollector withProcessMetrics(boolean on) {
        this.processMetrics = on;
        this.cached = null;
        return this;
    }

    /**
     * What the next {@link #collect()} would be made of: the current object of every input (sources'
     * states, allocations, process owners, serving readings; each is replaced, never changed, when its
     * source reads again). Two equal generations ({@link #sameGeneration}) render the same page, apart
     * from pod labels changed since, which the next collection picks up.
     */
    public List<Object> generation() {
        List<Object> g = new ArrayList<>(4 + others.size());
        g.add(gpus.get());
        g.add(allocations.get().orElse(null));
        g.add(owners.get());
        g.add(serving.get().orElse(null));
        for (Supplier<? extends SourceState<?>> s : others) {
            g.add(s.get());
        }
        return g;
    }

    /** Element-wise identity: the same input objects. */
    public static boolean sameGeneration(List<Object> a, List<Object> b) {
        if (a == null || b == null || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        SourceState<GpuSnapshot> nvml = gpus.get();
        try {
            out.addAll(deviceFamilies(nvml, allocations.get()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "rendering GPU families failed; serving the agent's own metrics only", e);
        }
        try {
            serving.get().ifPresent(r -> out.addAll(ServingFamilies.render(r)));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "rendering serving signals failed", e);
        }
        List<SourceState<?>> sources = new ArrayList<>();
        sources.add(nvml);
        others.forEach(o -> sources.add(o.get()));
        out.addAll(agentFamilies(sources));
        return new MetricSnapshots(out);
    }

    /**
     * {@code name[]} filtering by the names the families expose: an info family {@code gpu} must be asked
     * for as {@code gpu_info} (the default tests the bare name, which prefix matching lets through).
     */
    @Override
    public MetricSnapshots collect(Predicate<String> includedNames) {
        if (includedNames == null) {
            return collect();
        }
        List<MetricSnapshot> kept = new ArrayList<>();
        for (MetricSnapshot m : collect()) {
            String name = m.getMetadata().getPrometheusName();
            String exposed = switch (m) {
                case InfoSnapshot i -> name + "_info";
                case CounterSnapshot c -> name + "_total";
                default -> name;
            };
            if (includedNames.test(exposed) || (!(m instanceof InfoSnapshot) && includedNames.test(name))) {
                kept.add(m);
            }
        }
        return new MetricSnapshots(kept);
    }

    @Override
    public MetricSnapshots collect(Predicate<String> includedNames, PrometheusScrapeRequest request) {
        return collect(includedNames);
    }

    private List<MetricSnapshot> deviceFamilies(SourceState<GpuSnapshot> nvml, Optional<Allocations> allocated) {
        Cached c = cached;
        Map<Long, ProcessOwner> processOwners = owners.get();
        if (c != null && c.from() == nvml && c.allocations().orElse(null) == allocated.orElse(null)
                && c.owners() == processOwners) {
            return c.families();
        }
        // A source that failed shows no device series (its values would be stale). A stalled one (a hung NVML
        // call) keeps serving its last reading: staleness is visible in
        // gpu_agent_last_collection_timestamp_seconds, gpu_agent_nvml_up 0 and /readyz.
        List<MetricSnapshot> families = List.of();
        if (nvml.serving()) {
            GpuSnapshot snapshot = nvml.latest().get();
            Attribution attribution = allocated.map(a -> Attribution.resolve(snapshot, a)).orElse(Attribution.NONE);
            LongFunction<Optional<ProcessOwner>> ownerOf =
                    pid -> Optional.ofNullable(processOwners.get(pid));
            List<ContainerUsage.Row> usage = ContainerUsage.of(snapshot, attribution, ownerOf);
            List<ContainerUsage.ProcessRow> perProcess = processMetrics
                    ? ContainerUsage.processes(snapshot, attribution, ownerOf) : List.of();
            families = naming.render(new DeviceView(snapshot, attribution, podLabels, usage, perProcess));
        }
        cached = new Cached(nvml, allocated, processOwners, families);
        return families;
    }

    private List<MetricSnapshot> agentFamilies(List<SourceState<?>> sources) {
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(InfoSnapshot.builder().name("gpu_agent_build").help("The agent's version and the Java runtime it runs on.")
                .dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("version", version,
                        "java_version", Runtime.version().toString())).build()).build());
        for (SourceState<?> s : sources) {
            String up = UP_GAUGES.get(s.source());
            if (up != null) {
                out.add(gauge(up, "1 while the " + s.source() + " source answers.", null, Labels.EMPTY,
                        s.up() && s.latest().isPresent() ? 1 : 0));
            }
        }
        GaugeSnapshot.Builder duration = GaugeSnapshot.builder().name("gpu_agent_collection_duration_seconds")
                .help("How long the last collection of each source took.").unit(Unit.SECONDS);
        CounterSnapshot.Builder errors = CounterSnapshot.builder().name("gpu_agent_collection_errors")
                .help("Failed collections, and failed parts of collections, of each source.");
        GaugeSnapshot.Builder last = GaugeSnapshot.builder().name("gpu_agent_last_collection_timestamp_seconds")
                .help("When each source last collected successfully (Unix time).").unit(Unit.SECONDS);
        for (SourceState<?> s : sources) {
            Labels l = Labels.of("source", s.source());
            duration.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(s.lastDuration().toNanos() / 1e9).build());
            errors.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(s.errors()).build());
            s.lastSuccess().ifPresent(t -> last.dataPoint(GaugeDataPointSnapshot.builder().labels(l)
                    .value(t.toEpochMilli() / 1000.0).build()));
        }
        out.add(duration.build());
        out.add(errors.build());
        out.add(last.build());
        return out;
    }

    private static GaugeSnapshot gauge(String name, String help, Unit unit, Labels labels, double value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            b.unit(unit);
        }
        return b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build()).build();
    }
}
