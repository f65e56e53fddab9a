package io.gpuagent;

import io.gpuagent.config.AgentConfig;
import io.gpuagent.config.ConfigException;
import io.gpuagent.config.ConfigLoader;
import io.gpuagent.config.LoadResult;
import io.gpuagent.config.Naming;
import io.gpuagent.events.XidEventPoster;
import io.gpuagent.events.XidTargets;
import io.gpuagent.export.AgentCollector;
import io.gpuagent.gpu.GpuSource;
import io.gpuagent.gpu.NvmlOpener;
import io.gpuagent.http.AgentRoutes;
import io.gpuagent.http.Health;
import io.gpuagent.kubelet.Allocation;
import io.gpuagent.kubelet.AllocationSource;
import io.gpuagent.kubelet.ContainerAllocation;
import io.gpuagent.kubelet.DeviceRef;
import io.gpuagent.dra.DraDevices;
import io.gpuagent.dra.ResourceSliceIndex;
import io.gpuagent.kubelet.GpuResources;
import io.gpuagent.kubelet.PodResourcesClient;
import io.gpuagent.cgroup.PodContainer;
import io.gpuagent.cgroup.ProcessCgroups;
import io.gpuagent.join.ProcessOwner;
import io.gpuagent.join.ProcessOwners;
import io.gpuagent.pods.KubernetesClients;
import io.gpuagent.pods.ListRequests;
import io.gpuagent.pods.PodIndex;
import io.gpuagent.serving.ServingSource;
import io.gpuagent.serving.TargetDiscovery;
import io.gpuagent.serving.TargetReader;
import io.gpuagent.source.Loop;
import io.gpuagent.source.SourceState;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.gpuagent.web.TlsFactory;
import io.gpuagent.web.WebConfig;
import io.gpuagent.web.WebConfigException;
import io.gpuagent.web.WebConfigMetrics;
import io.gpuagent.web.WebConfigWatcher;
import io.gpuagent.web.WebSecurity;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.Optional;

/**
 * The wiring diagram: configuration, then each source on its own loop, then the collector that renders
 * their latest readings, then the HTTP endpoints. Only a bad start-up configuration ends the process.
 */
public final class Main {

    private static final Logger LOG = System.getLogger("io.gpuagent");
    /** How often the kubelet's allocations are re-read (and sooner on pod changes): never per scrape. */
    private static final Duration ALLOCATION_REFRESH = Duration.ofSeconds(5);
    private static final Duration KUBELET_CALL_TIMEOUT = Duration.ofSeconds(5);
    /** How often inference servers' queue metrics are read (queue depth moves fast). */
    private static final Duration SERVING_INTERVAL = Duration.ofSeconds(2);
    private static final Duration WATCHDOG_INTERVAL = Duration.ofSeconds(1);
    /** How often the web-config file and the files it names are checked for changes. */
    private static final Duration WEB_CONFIG_CHECK = Duration.ofSeconds(3);
    private static final int MAX_REQUEST_LINE = 4096;
    private static final int MAX_HEADERS = 16384;
    private static final Duration MIN_STALL_THRESHOLD = Duration.ofSeconds(10);

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        AgentConfig config;
        try {
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
        refuseUnbuilt(config);
        Optional<WebConfig> web = webConfig(config);
        Optional<TlsFactory.ServerTls> tls = web.flatMap(WebConfig::tls).isEmpty() ? Optional.empty()
                : Optional.of(tls(web.get().tls().get()));
        NvmlOpener opener = nvml(config);
        LOG.log(Level.INFO, "starting: " + config.describe());

        Clock clock = Clock.systemUTC();
        ListRequests lists = new ListRequests();
        Optional<KubernetesClient> client = kubernetes(config, lists);
        Optional<PodIndex> pods = client.map(c -> PodIndex.start(c, lists, config.nodeName(), config.podLabelAllowlist()));

        GpuSource gpus = new GpuSource(opener, clock);
        ProcessOwners owners = new ProcessOwners(new ProcessCgroups(config.procRoot()),
                pods.<Function<PodContainer, Optional<ProcessOwner>>>map(ProcessOwners::namedBy)
                        .orElse(pc -> Optional.empty()));
        Loop nvmlLoop = Loop.start(GpuSource.SOURCE, config.collectInterval(), () -> {
            gpus.collect();
            owners.update(gpus.state().latest()); // reads /proc: here, never on the scrape path
        });

        // A hung NVML call cannot be interrupted: a watchdog on its own thread notices, fails readiness and
        // names the call, while /metrics serves the last reading and the other sources go on.
        Duration stallThreshold = stallThreshold(config.collectInterval());
        Loop watchdog = Loop.start("watchdog", WATCHDOG_INTERVAL, () -> gpus.checkStall(stallThreshold));

        // DRA claims resolve to GPUs through the node's ResourceSlices; without the API, by device name only
        Optional<ResourceSliceIndex> slices = client.map(c -> ResourceSliceIndex.start(c, config.nodeName()));
        Function<ContainerAllocation.ClaimDevice, Optional<DeviceRef>> claims = slices
                .<Function<ContainerAllocation.ClaimDevice, Optional<DeviceRef>>>map(s -> s::resolve)
                .orElse(d -> DraDevices.resolve(d, pd -> Optional.empty()));
        PodResourcesClient kubelet = new PodResourcesClient(config.podResourcesSocket(), KUBELET_CALL_TIMEOUT);
        AllocationSource allocations = new AllocationSource(kubelet, new GpuResources(config.gpuResourceNames()),
                claims, clock);
        Loop allocationLoop = Loop.start(AllocationSource.SOURCE, ALLOCATION_REFRESH, allocations::refresh);

        List<AutoCloseable> resources = new ArrayList<>(List.of(gpus, kubelet));
        List<Loop> loops = new ArrayList<>(List.of(nvmlLoop, watchdog, allocationLoop));
        List<Supplier<? extends SourceState<?>>> states = new ArrayList<>(List.of(allocations::state));
        Function<Allocation.Holder, Map<String, String>> podLabels = h -> Map.of();
        Optional<ServingSource> serving = Optional.empty();
        if (pods.isPresent()) {
            PodIndex index = pods.get();
            index.onChange(allocationLoop::runSoon); // a pod came or went: re-read allocations now
            resources.add(0, client.get());
            resources.add(0, index);
            resources.add(0, slices.orElseThrow());
            states.add(index::state);
            podLabels = h -> index.allowlistedLabels(h.namespace(), h.pod());

            // inference servers on this node, found through the pod informer, read on their own schedule
            TargetReader reader = new TargetReader();
            ServingSource source = new ServingSource(
                    () -> TargetDiscovery.discover(index.pods(),
                            (ns, pod) -> allocations.current().map(a -> a.holdsGpu(ns, pod)).orElse(false)),
                    reader, clock);
            loops.add(Loop.start(ServingSource.SOURCE, SERVING_INTERVAL, source::refresh));
            resources.add(0, reader);
            states.add(source::state);
            serving = Optional.of(source);
        }

        PrometheusRegistry registry = new PrometheusRegistry();
        Optional<ServingSource> servingSource = serving;
        AgentCollector collector = new AgentCollector(version(), gpus::state, allocations::current, states, podLabels,
                owners::current).withProcessMetrics(config.processMetrics())
                .withServing(() -> servingSource.flatMap(s -> s.state().latest()));
        if (config.naming() == Naming.DCGM) {
            collector.withDcgmNaming(config.nodeName());
        }
        registry.register(collector);
        Optional<WebSecurity> security = web.map(WebSecurity::new);
        Optional<WebConfigWatcher> watcher = security.map(sec ->
                new WebConfigWatcher(config.webConfigFile().orElseThrow(), sec, tls));
        watcher.ifPresent(w -> {
            registry.register(new WebConfigMetrics(w));
            loops.add(Loop.start("web-config", WEB_CONFIG_CHECK, w::check));
        });

        if (client.isPresent() && config.xidEvents()) {
            XidEventPoster poster = new XidEventPoster(client.get(), config.nodeName(),
                    XidTargets.from(() -> gpus.state().latest(), allocations::current), clock);
            gpus.onXid(poster::offer);
            registry.register(poster);
            resources.add(0, poster);
        }

        Health health = new Health() {
            @Override
            public boolean live() {
                return loops.stream().allMatch(Loop::running);
            }

            @Override
            public Optional<String> notReadyBecause() {
                if (gpus.ready()) {
                    return Optional.empty();
                }
                return Optional.of(gpus.state().problem().orElse("NVML: first collection not done yet"));
            }
        };
        WebServer server;
        try {
            WebServerConfig.Builder builder = WebServer.builder()
                    .host(config.listenHost().isEmpty() ? "0.0.0.0" : config.listenHost())
                    .port(config.listenPort())
                    .featuresDiscoverServices(false)
                    // A response goes out in several writes (headers, gzip header, body chunks): with
                    // Nagle's algorithm a keep-alive scraper's delayed ACK holds each scrape ~40 ms.
                    .connectionOptions(o -> o.tcpNoDelay(true))
                    // Nothing here takes a body; request lines and headers are small (a long query string
                    // is 414, big headers 431).
                    .maxPayloadSize(0)
                    .addProtocol(Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE)
                            .maxHeadersSize(MAX_HEADERS).build())
                    .routing(r -> {
                        security.ifPresent(r::addFilter);
                        AgentRoutes.routing(r, registry, health, Optional.of(collector::generation));
                    });
            tls.ifPresent(t -> builder.tls(t.tls()));
            server = builder.build().start();
            if (!server.isRunning()) {
                throw new IllegalStateException("the listener did not start (address in use?)");
            }
        } catch (RuntimeException e) {
            // e.g. the port is taken: a start-up configuration error like any other
            new Agent(null, loops, resources, opener.describe()).stop();
            throw new ConfigException("--listen", "cannot listen on " + config.listenAddress() + ": " + rootMessage(e));
        }
        return new Agent(server, loops, resources, opener.describe());
    }

    /**
     * How long one NVML collection may run before it counts as stalled: well above a real collection (a few
     * milliseconds per GPU; a first nvmlInit without persistence mode can take seconds), and at least three
     * intervals so a slow interval is not called a hang.
     */
    static Duration stallThreshold(Duration collectInterval) {
        Duration three = collectInterval.multipliedBy(3);
        return three.compareTo(MIN_STALL_THRESHOLD) > 0 ? three : MIN_STALL_THRESHOLD;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** A client of the Kubernetes API, when it is to be used (--kubernetes). */
    private static Optional<KubernetesClient> kubernetes(AgentConfig config, ListRequests lists) throws ConfigException {
        Optional<KubernetesClient> client;
        try {
            client = KubernetesClients.create(config.kubernetes(), System.getenv(), lists);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--kubernetes", e.getMessage());
        }
        return client; // KubernetesClients logs why when it is not used
    }

    private static Optional<WebConfig> webConfig(AgentConfig config) throws ConfigException {
        if (config.webConfigFile().isEmpty()) {
            return Optional.empty();
        }
        try {
            WebConfig web = WebConfig.load(config.webConfigFile().get());
            LOG.log(Level.INFO, "web config: " + web);
            return Optional.of(web);
        } catch (WebConfigException e) {
            throw new ConfigException("--web-config-file", e.getMessage());
        }
    }

    private static TlsFactory.ServerTls tls(WebConfig.TlsSettings settings) throws ConfigException {
        try {
            return TlsFactory.create(settings);
        } catch (WebConfigException e) {
            throw new ConfigException("--web-config-file", e.getMessage());
        }
    }

    private static NvmlOpener nvml(AgentConfig config) throws ConfigException {
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

    /** Settings of the contract whose capability is not in this build yet: refuse rather than half-serve. */
    private static void refuseUnbuilt(AgentConfig config) throws ConfigException {
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

    /** A running agent: its server, its loops, and what they read from (closed last). */
    public record Agent(WebServer server, List<Loop> loops, List<AutoCloseable> resources, String nvmlDescription) {

        public int port() {
            return server.port();
        }

        public void stop() {
            if (server != null) {
                server.stop();
            }
            loops.forEach(Loop::close);
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "closing " + r + " failed: " + e.getMessage());
                }
            }
        }
    }
}
