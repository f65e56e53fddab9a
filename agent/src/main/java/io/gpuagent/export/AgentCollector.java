package io.gpuagent.export;

import io.gpuagent.accounting.Accounts;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.join.Attribution;
import io.gpuagent.join.ContainerUsage;
import io.gpuagent.join.ProcessOwner;
import io.gpuagent.kubelet.Allocation;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.serving.ServingSource;
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
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one collector behind {@code /metrics}: renders the sources' latest readings, never calls NVML
 * or anything else that does I/O, and never throws (a failure costs the families it touched, logged).
 * Device families are rebuilt only when the GPU reading changed, so concurrent scrapes share the work.
 * For every source it is handed it derives the agent's own series ({@code gpu_agent_<source>_up},
 * {@code gpu_agent_source_state}, {@code gpu_agent_collection_*}): a new source cannot forget them.
 */
public final class AgentCollector implements MultiCollector {

    private static final Logger LOG = System.getLogger("io.gpuagent.export");

    private final String version;
    private final Supplier<SourceState<GpuSnapshot>> gpus;
    private final Supplier<Optional<Allocations>> allocations;
    private final List<Supplier<? extends SourceState<?>>> sources;
    private final Function<Allocation.Holder, Map<String, String>> podLabels;
    private final Supplier<Map<Long, ProcessOwner>> owners;
    private final Supplier<Optional<List<ServingSource.TargetReading>>> serving;
    private final Supplier<Accounts> accounts;
    private final boolean processMetrics;
    private final Naming naming;
    private final FamilyFilter excluded;
    private volatile Cached cached;

    private record Cached(SourceState<GpuSnapshot> from, Optional<Allocations> allocations,
            Map<Long, ProcessOwner> owners, Accounts accounts, List<MetricSnapshot> families) {
    }

    private AgentCollector(Builder b) {
        this.version = b.version;
        this.gpus = Objects.requireNonNull(b.gpus, "gpus");
        this.allocations = b.allocations;
        this.sources = List.copyOf(b.sources);
        this.podLabels = b.podLabels;
        this.owners = b.owners;
        this.serving = b.serving;
        this.accounts = b.accounts;
        this.processMetrics = b.processMetrics;
        this.naming = b.naming;
        this.excluded = b.excluded;
    }

    public static Builder builder(String version) {
        return new Builder(version);
    }

    /** What a collector renders; only {@code gpus} is required. */
    public static final class Builder {
        private final String version;
        private Supplier<SourceState<GpuSnapshot>> gpus;
        private Supplier<Optional<Allocations>> allocations = Optional::empty;
        private List<Supplier<? extends SourceState<?>>> sources = List.of();
        private Function<Allocation.Holder, Map<String, String>> podLabels = h -> Map.of();
        private Supplier<Map<Long, ProcessOwner>> owners = Map::of;
        private Supplier<Optional<List<ServingSource.TargetReading>>> serving = Optional::empty;
        private Supplier<Accounts> accounts = () -> Accounts.NONE;
        private boolean processMetrics;
        private Naming naming = Naming.nativeNaming();
        private FamilyFilter excluded = FamilyFilter.NONE;

        private Builder(String version) {
            this.version = Objects.requireNonNull(version);
        }

        /** The NVML source's state: the device families. */
        public Builder gpus(Supplier<SourceState<GpuSnapshot>> gpus) {
            this.gpus = gpus;
            return this;
        }

        /** The kubelet's allocations to attribute devices with, if any. */
        public Builder allocations(Supplier<Optional<Allocations>> allocations) {
            this.allocations = allocations;
            return this;
        }

        /** Every source's state, NVML's included: the agent's own series for each. */
        public Builder sources(List<? extends Supplier<? extends SourceState<?>>> sources) {
            this.sources = List.copyOf(sources);
            return this;
        }

        /** A holder's allowlisted pod labels (from the pod informer's cache; never blocks). */
        public Builder podLabels(Function<Allocation.Holder, Map<String, String>> podLabels) {
            this.podLabels = podLabels;
            return this;
        }

        /** The owners of GPU processes, resolved by the collection thread (a new map per update). */
        public Builder owners(Supplier<Map<Long, ProcessOwner>> owners) {
            this.owners = owners;
            return this;
        }

        /** The serving signals ({@code inference_*}) of the serving source's latest read. */
        public Builder serving(Supplier<Optional<List<ServingSource.TargetReading>>> serving) {
            this.serving = serving;
            return this;
        }

        /** Per-container energy and GPU time, accumulated by the collection thread (a new object per collection). */
        public Builder accounts(Supplier<Accounts> accounts) {
            this.accounts = accounts;
            return this;
        }

        /** Adds the per-process series (with pid): a debugging aid, off by default for cardinality. */
        public Builder processMetrics(boolean on) {
            this.processMetrics = on;
            return this;
        }

        /**
         * How the device families are named: the contract's native names (the default), or dcgm-exporter's names,
         * units and labels ({@code --naming=dcgm}, {@link Naming#dcgm}).
         */
        public Builder naming(Naming naming) {
            this.naming = Objects.requireNonNull(naming);
            return this;
        }

        /**
         * Families turned off ({@code --exclude-families}): the serving signals among them are left out here; the
         * device families the naming leaves out itself ({@link Naming#nativeNaming(FamilyFilter)}).
         */
        public Builder exclude(FamilyFilter excluded) {
            this.excluded = Objects.requireNonNull(excluded);
            return this;
        }

        public AgentCollector build() {
            return new AgentCollector(this);
        }
    }

    /**
     * What a page is made of: the current object of every input (each is replaced, never changed, when its source
     * reads again). Two generations that are {@link #sameAs} render the same page, apart from pod labels changed
     * since, which the next collection picks up.
     */
    public record Generation(SourceState<GpuSnapshot> gpus, Optional<Allocations> allocations,
            Map<Long, ProcessOwner> owners, Accounts accounts, Optional<List<ServingSource.TargetReading>> serving,
            List<SourceState<?>> sources) {

        /** The same input objects (identity, not equality: comparing the readings would cost a render). */
        public boolean sameAs(Generation o) {
            if (o == null || gpus != o.gpus || allocations.orElse(null) != o.allocations.orElse(null)
                    || owners != o.owners || accounts != o.accounts || serving.orElse(null) != o.serving.orElse(null)
                    || sources.size() != o.sources.size()) {
                return false;
            }
            for (int i = 0; i < sources.size(); i++) {
                if (sources.get(i) != o.sources.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What the next {@link #collect()} would be made of. */
    public Generation generation() {
        List<SourceState<?>> states = new ArrayList<>(sources.size());
        sources.forEach(s -> states.add(s.get()));
        return new Generation(gpus.get(), allocations.get(), owners.get(), accounts.get(), serving.get(), states);
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
            serving.get().ifPresent(r -> out.addAll(excluded.apply(ServingFamilies.render(r))));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "rendering serving signals failed", e);
        }
        List<SourceState<?>> states = new ArrayList<>(sources.size());
        sources.forEach(s -> states.add(s.get()));
        out.addAll(agentFamilies(states));
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
            String exposed = FamilyFilter.exposedName(m);
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
        Accounts accounted = accounts.get();
        if (c != null && c.from() == nvml && c.allocations().orElse(null) == allocated.orElse(null)
                && c.owners() == processOwners && c.accounts() == accounted) {
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
            families = naming.render(new DeviceView(snapshot, attribution, podLabels, usage, perProcess, accounted));
        }
        cached = new Cached(nvml, allocated, processOwners, accounted, families);
        return families;
    }

    private List<MetricSnapshot> agentFamilies(List<SourceState<?>> sources) {
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(InfoSnapshot.builder().name("gpu_agent_build").help("The agent's version and the Java runtime it runs on.")
                .dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("version", version,
                        "java_version", Runtime.version().toString())).build()).build());
        StateSetSnapshot.Builder states = StateSetSnapshot.builder().name("gpu_agent_source_state")
                .help("Where each source stands: starting, up, down, stalled (a call that does not return; the last"
                        + " reading is served), or unsupported here (e.g. a cluster without the DRA API).");
        for (SourceState<?> s : sources) {
            if (s.status() != SourceState.Status.UNSUPPORTED) { // absent, not 0: there is nothing to be up
                out.add(gauge(upGauge(s.source()), "1 while the " + s.source() + " source answers.", null, Labels.EMPTY,
                        s.up() && s.latest().isPresent() ? 1 : 0));
            }
            StateSetSnapshot.StateSetDataPointSnapshot.Builder point = StateSetSnapshot.StateSetDataPointSnapshot.builder()
                    .labels(Labels.of("source", s.source()));
            for (SourceState.Status status : SourceState.Status.values()) {
                point.state(status.name().toLowerCase(Locale.ROOT), status == s.status());
            }
            states.dataPoint(point.build());
        }
        out.add(states.build());
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

    /** {@code gpu_agent_<source>_up}: the contract's names ({@code pod-resources} → {@code pod_resources}). */
    static String upGauge(String source) {
        return "gpu_agent_" + source.replace('-', '_') + "_up";
    }

    private static GaugeSnapshot gauge(String name, String help, Unit unit, Labels labels, double value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            b.unit(unit);
        }
        return b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build()).build();
    }
}
