package io.gpuagent;

import io.gpuagent.accounting.Ledger;
import io.gpuagent.cgroup.ProcessCgroups;
import io.gpuagent.config.AgentConfig;
import io.gpuagent.config.ConfigException;
import io.gpuagent.config.ConfigLoader;
import io.gpuagent.config.LoadResult;
import io.gpuagent.export.AgentCollector;
import io.gpuagent.export.FamilyFilter;
import io.gpuagent.export.Footprint;
import io.gpuagent.export.Naming;
import io.gpuagent.gpu.NvmlAssembly;
import io.gpuagent.http.Health;
import io.gpuagent.http.HttpAssembly;
import io.gpuagent.join.ProcessOwners;
import io.gpuagent.jvm.TenuredTrim;
import io.gpuagent.kubelet.KubeletAssembly;
import io.gpuagent.kubernetes.KubernetesAssembly;
import io.gpuagent.serving.ServingAssembly;
import io.gpuagent.source.InjectedFaults;
import io.gpuagent.source.Supervisor;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The wiring diagram: configuration; the sources, each on its own watched loop (NVML, the kubelet, the Kubernetes
 * API, the inference servers); the collector that renders their latest readings; the HTTP endpoints. Only a bad
 * start-up configuration ends the process. What each part does lives in its package's assembly.
 */
public final class Main {

    private static final Logger LOG = System.getLogger("io.gpuagent");
    /** Garbage the old generation may hold above its live set before it is collected (see {@link TenuredTrim}). */
    private static final long TRIM_SLACK = 8L << 20;
    private static final java.time.Duration TRIM_EVERY = java.time.Duration.ofSeconds(30);

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        try {
            AgentConfig config;
            switch (ConfigLoader.load(args, System.getenv())) {
                case LoadResult.Help(String text) -> {
                    System.out.print(text);
                    return;
                }
                case LoadResult.Version(String text) -> {
                    System.out.print(text);
                    return;
                }
                case LoadResult.Run(AgentConfig c) -> config = c;
            }
            Agent agent = start(config);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(agent::stop));
            System.out.println("gpu-agent " + version() + " serving " + (agent.server().hasTls() ? "https" : "http")
                    + "://" + displayHost(config) + ":" + agent.port()
                    + "/metrics (also /healthz, /readyz) with " + agent.nvmlDescription());
        } catch (ConfigException e) {
            System.err.println("gpu-agent: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Starts everything; the caller stops it. */
    public static Agent start(AgentConfig config) throws ConfigException {
        HttpAssembly http = HttpAssembly.load(config); // a bad web config stops the agent before anything starts
        DeviceNamings namings = DeviceNamings.load(config); // and so do a bad counters file or family glob
        FamilyFilter excluded = namings.excluded();
        LOG.log(Level.INFO, "starting: " + config.describe());
        Clock clock = Clock.systemUTC();
        Supervisor loops = Supervisor.start(faults(config), clock);
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            Optional<KubernetesAssembly> kubernetes = KubernetesAssembly.start(config, System.getenv(), loops);
            kubernetes.ifPresent(parts::add);
            ProcessOwners owners = new ProcessOwners(new ProcessCgroups(config.procRoot()),
                    kubernetes.map(k -> ProcessOwners.namedBy(k.pods())).orElse(pc -> Optional.empty()));
            KubeletAssembly kubelet = KubeletAssembly.start(config, loops, clock, KubernetesAssembly.claims(kubernetes));
            parts.add(kubelet);
            Naming naming = namings.naming(kubernetes);
            Optional<Ledger> ledger = excluded.accountingOff() ? Optional.empty() : Optional.of(new Ledger());
            NvmlAssembly nvml = NvmlAssembly.start(config, loops, clock, naming.reads(), s -> {
                owners.update(Optional.of(s));
                // per-interval energy: needs the previous collection, so it runs on every one
                ledger.ifPresent(l -> l.update(s, kubelet.current(), owners.current()));
            });
            parts.add(nvml);
            kubernetes.ifPresent(k -> k.pods().onChange(kubelet::refreshSoon)); // a pod came or went: re-read
            Optional<ServingAssembly> serving = kubernetes.filter(k -> !excluded.servingOff())
                    .map(k -> ServingAssembly.start(k.pods(), kubelet::holdsGpu, loops));
            serving.ifPresent(parts::add);

            PrometheusRegistry registry = new PrometheusRegistry();
            AgentCollector.Builder collector = AgentCollector.builder(version())
                    .gpus(nvml::state)
                    .allocations(kubelet::current)
                    .owners(owners::current)
                    .sources(loops.states())
                    .processMetrics(config.processMetrics())
                    .naming(naming)
                    .exclude(excluded);
            kubernetes.ifPresent(k -> collector.podLabels(k::podLabels));
            ledger.ifPresent(l -> collector.accounts(l::current));
            serving.ifPresent(s -> collector.serving(s::latest));
            AgentCollector built = collector.build();
            registry.register(built);
            Footprint.register(registry); // the agent's own process_* and jvm_* families
            kubernetes.flatMap(k -> k.postXidEvents(nvml, kubelet, clock)).ifPresent(registry::register);
            http.watchWebConfig(loops, registry);
            // promoted garbage is collected before it grows the serial collector's old generation (and the RSS)
            TenuredTrim.forThisJvm(TRIM_SLACK).ifPresent(trim -> loops.task("tenured-trim", TRIM_EVERY, trim));

            WebServer server = http.serve(loops, registry, new Health() {
                @Override
                public Optional<String> notLiveBecause() {
                    return loops.notLiveBecause();
                }

                @Override
                public Optional<String> notReadyBecause() {
                    return nvml.notReadyBecause();
                }
            }, built::generation);
            return new Agent(server, loops, parts, nvml.description());
        } catch (ConfigException | RuntimeException e) {
            new Agent(null, loops, parts, "").stop();
            throw e;
        }
    }

    /** Faults a whole-process test injects (simulated GPUs only; see {@link InjectedFaults}). */
    private static InjectedFaults faults(AgentConfig config) throws ConfigException {
        try {
            return InjectedFaults.fromEnvironment(System.getenv(), config.simulate().isPresent());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(InjectedFaults.ENVIRONMENT, e.getMessage());
        }
    }

    private static String displayHost(AgentConfig config) {
        String h = config.listenHost();
        if (h.isEmpty() || h.equals("0.0.0.0") || h.equals("::")) {
            return "localhost";
        }
        return h.contains(":") ? "[" + h + "]" : h;
    }

    static String version() {
        return ConfigLoader.version();
    }

    /** A running agent: its server, its loops, and what they read from (closed last, in reverse order of start). */
    public record Agent(WebServer server, Supervisor loops, List<AutoCloseable> parts, String nvmlDescription) {

        public int port() {
            return server.port();
        }

        public void stop() {
            if (server != null) {
                server.stop();
            }
            loops.close();
            for (AutoCloseable part : parts.reversed()) {
                try {
                    part.close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "closing " + part + " failed: " + e.getMessage());
                }
            }
        }
    }
}
