package io.gpuagent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The agent's resolved settings, typed and validated; built by {@link ConfigLoader}, which also
 * documents where each value may come from. Immutable, so every component can share one.
 *
 * @param listenHost where to serve HTTP; empty = all interfaces; an IPv6 address has no brackets
 * @param listenPort 0 to 65535; 0 lets the system pick (tests)
 * @param collectInterval how often GPUs are read, {@link #MIN_COLLECT_INTERVAL} to
 *     {@link #MAX_COLLECT_INTERVAL}
 * @param nvmlLibrary a path, or a bare name for the system loader ({@code libnvidia-ml.so.1});
 *     not checked at start: the driver may be installed later
 * @param simulate empty = the real driver; else the scenario: {@link #SIMULATE_DEFAULT} for the
 *     bundled default, a file path (checked to exist when it contains a '/'), or a bundled
 *     scenario name, kept as given for the simulator to resolve
 * @param podResourcesSocket the kubelet's pod-resources socket; not checked at start (the
 *     kubelet may restart)
 * @param kubernetes whether to use the API server; {@link KubernetesMode#AUTO} is decided by the
 *     component that talks to it
 * @param nodeName this node, to watch only its pods
 * @param procRoot the host's {@code /proc}
 * @param podLabelAllowlist pod label names to copy onto series; use {@code matcher(name).matches()}
 *     (whole name, as Prometheus anchors its regexes). Note that {@link Pattern} has identity
 *     equality, so two configs with equal regexes are not {@code equals}.
 * @param naming which metric names the exporter renders
 * @param dcgm how dcgm naming labels and selects its series (its settings apply only with {@link Naming#DCGM})
 * @param excludeFamilies globs over family names to turn off ({@code *}, {@code ?}); checked against the families
 *     of the naming at start
 * @param gpuResourceNames extended resources that hold GPUs besides NVIDIA's own names
 * @param processMetrics whether per-process series (with pid) are exported too
 * @param xidEvents whether XIDs are posted as Kubernetes Events (when the API is used)
 * @param webConfigFile an exporter-toolkit web-config file (TLS, basic auth); checked readable
 * @param httpLimits the HTTP server's bounds against slow, broken or hostile clients
 * @param configFile the YAML file the settings were read from, if any
 */
public record AgentConfig(
        String listenHost,
        int listenPort,
        Duration collectInterval,
        String nvmlLibrary,
        Optional<String> simulate,
        Path podResourcesSocket,
        KubernetesMode kubernetes,
        String nodeName,
        Path procRoot,
        Optional<Pattern> podLabelAllowlist,
        Naming naming,
        DcgmSettings dcgm,
        java.util.List<String> excludeFamilies,
        java.util.Set<String> gpuResourceNames,
        boolean processMetrics,
        boolean xidEvents,
        Optional<Path> webConfigFile,
        HttpLimits httpLimits,
        Optional<Path> configFile) {

    /** {@code simulate} value meaning the bundled default scenario ({@code --simulate} alone). */
    public static final String SIMULATE_DEFAULT = CommandLineFlags.SIMULATE_FALLBACK;

    public static final int DEFAULT_LISTEN_PORT = 9400;
    public static final Duration DEFAULT_COLLECT_INTERVAL = Duration.ofSeconds(1);
    /** Below this NVML's utilization counters (averaged over 1/6 s to 1 s) do not change between reads. */
    public static final Duration MIN_COLLECT_INTERVAL = Duration.ofMillis(100);
    /** Above this a fault (GPU lost, thermal slowdown) shows up too late to alert on. */
    public static final Duration MAX_COLLECT_INTERVAL = Duration.ofMinutes(10);
    public static final String DEFAULT_NVML_LIBRARY = "libnvidia-ml.so.1";
    public static final Path DEFAULT_POD_RESOURCES_SOCKET = Path.of("/var/lib/kubelet/pod-resources/kubelet.sock");
    public static final Path DEFAULT_PROC_ROOT = Path.of("/proc");

    public AgentConfig {
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(collectInterval, "collectInterval");
        Objects.requireNonNull(nvmlLibrary, "nvmlLibrary");
        Objects.requireNonNull(simulate, "simulate");
        Objects.requireNonNull(podResourcesSocket, "podResourcesSocket");
        Objects.requireNonNull(kubernetes, "kubernetes");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(procRoot, "procRoot");
        Objects.requireNonNull(podLabelAllowlist, "podLabelAllowlist");
        Objects.requireNonNull(naming, "naming");
        Objects.requireNonNull(dcgm, "dcgm");
        excludeFamilies = java.util.List.copyOf(excludeFamilies);
        Objects.requireNonNull(webConfigFile, "webConfigFile");
        Objects.requireNonNull(httpLimits, "httpLimits");
        Objects.requireNonNull(configFile, "configFile");
        gpuResourceNames = java.util.Set.copyOf(gpuResourceNames);
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listenPort out of range: " + listenPort);
        }
        if (collectInterval.compareTo(MIN_COLLECT_INTERVAL) < 0
                || collectInterval.compareTo(MAX_COLLECT_INTERVAL) > 0) {
            throw new IllegalArgumentException("collectInterval out of range: " + collectInterval);
        }
    }

    /**
     * Every default, with the given node name: a starting point for other packages' tests.
     * Production code goes through {@link ConfigLoader#load}.
     */
    public static AgentConfig defaults(String nodeName) {
        return new AgentConfig("", DEFAULT_LISTEN_PORT, DEFAULT_COLLECT_INTERVAL, DEFAULT_NVML_LIBRARY,
                Optional.empty(), DEFAULT_POD_RESOURCES_SOCKET, KubernetesMode.AUTO, nodeName,
                DEFAULT_PROC_ROOT, Optional.empty(), Naming.NATIVE, DcgmSettings.DEFAULTS, java.util.List.of(),
                java.util.Set.of(), false, true, Optional.empty(), HttpLimits.DEFAULTS, Optional.empty());
    }

    /** The listen address as a flag would take it: {@code :9400}, {@code [::1]:9400}. */
    public String listenAddress() {
        return ListenAddress.format(listenHost, listenPort);
    }

    /** One line for the start-up log, in flag names and flag syntax, so it can be pasted back. */
    public String describe() {
        return "listen=" + listenAddress()
                + " collect-interval=" + Durations.format(collectInterval)
                + " nvml-library=" + nvmlLibrary
                + " simulate=" + simulate.orElse("off")
                + " pod-resources-socket=" + podResourcesSocket
                + " kubernetes=" + kubernetes.text()
                + " node-name=" + nodeName
                + " proc-root=" + procRoot
                + " pod-label-allowlist=" + podLabelAllowlist.map(Pattern::pattern).orElse("none")
                + " naming=" + naming.text()
                + (naming == Naming.DCGM ? " dcgm-hostname-label=" + dcgm.hostnameLabel().text()
                        + " dcgm-counters=" + dcgm.counters().map(Path::toString).orElse("none")
                        + " dcgm-pod-uid=" + dcgm.podUid() + " dcgm-pod-labels=" + dcgm.podLabels() : "")
                + " exclude-families=" + (excludeFamilies.isEmpty() ? "none" : String.join(",", excludeFamilies))
                + " gpu-resource-names=" + (gpuResourceNames.isEmpty() ? "none" : String.join(",", new java.util.TreeSet<>(gpuResourceNames)))
                + " process-metrics=" + processMetrics
                + " xid-events=" + xidEvents
                + " web-config-file=" + webConfigFile.map(Path::toString).orElse("none")
                + " " + httpLimits.describe()
                + " config=" + configFile.map(Path::toString).orElse("none");
    }
}
