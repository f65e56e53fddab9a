package io.gpuagent.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The agent's settings as data: one row gives a setting's flag, YAML key, environment variable,
 * default and help, so the command line, the environment, the YAML file and {@code --help}
 * cannot drift apart. The names are public: users set them as the README ("Running it"), {@code --help} and
 * the manifests in {@code daemonset/} show, so they must not change.
 */
enum Setting {
    LISTEN("listen", "GPU_AGENT_LISTEN", "ADDR", ":9400",
            "Address to serve /metrics on, [host]:port (e.g. :9400, 127.0.0.1:9400, [::1]:9400);"
                    + " port 0 picks a free port."),
    COLLECT_INTERVAL("collect-interval", "GPU_AGENT_COLLECT_INTERVAL", "DURATION", "1s",
            "How often to read the GPUs, from 100ms to 10m (e.g. 500ms, 2s, 1m)."),
    NVML_LIBRARY("nvml-library", "GPU_AGENT_NVML_LIBRARY", "PATH", "libnvidia-ml.so.1",
            "NVML shared library: a file path, or a name found by the system loader."),
    SIMULATE("simulate", "GPU_AGENT_SIMULATE", "SCENARIO", "off",
            "Use the bundled simulated NVML instead of the driver. SCENARIO is a bundled scenario"
                    + " name or a file path; without it, the default scenario. true/false also work."),
    POD_RESOURCES_SOCKET("pod-resources-socket", "GPU_AGENT_POD_RESOURCES_SOCKET", "PATH",
            "/var/lib/kubelet/pod-resources/kubelet.sock",
            "Kubelet pod-resources socket, to find the containers each GPU is allocated to."),
    KUBERNETES("kubernetes", "GPU_AGENT_KUBERNETES", "MODE", "auto",
            "Use the Kubernetes API for pod labels and owners: auto (when in a cluster or"
                    + " KUBECONFIG is set), true/on or false/off."),
    NODE_NAME("node-name", "NODE_NAME", "NAME", "the host name",
            "This node's name, to watch only the pods scheduled here."),
    PROC_ROOT("proc-root", "GPU_AGENT_PROC_ROOT", "DIR", "/proc",
            "The host's /proc, to map GPU processes to containers."),
    POD_LABEL_ALLOWLIST("pod-label-allowlist", "GPU_AGENT_POD_LABEL_ALLOWLIST", "REGEX", "none",
            "Pod labels to copy onto series: a regular expression matched against the whole"
                    + " label name."),
    NAMING("naming", "GPU_AGENT_NAMING", "SCHEME", "native",
            "Metric naming: native, or dcgm for dcgm-exporter names, units and labels."),
    DCGM_HOSTNAME_LABEL("dcgm-hostname-label", "GPU_AGENT_DCGM_HOSTNAME_LABEL", "LABEL", "hostname",
            "With --naming=dcgm: the label carrying the node name. hostname as dcgm-exporter 4.8.3 and newer,"
                    + " Hostname as before 4.8.3, or none (dcgm-exporter's --no-hostname)."),
    DCGM_COUNTERS("dcgm-counters", "GPU_AGENT_DCGM_COUNTERS", "FILE", "none",
            "With --naming=dcgm: a dcgm-exporter counters CSV (its -f file: field name, type, help); the"
                    + " agent serves the fields of it NVML has. Without it, the built-in set: dcgm-exporter's"
                    + " default counters NVML has, and more."),
    DCGM_POD_UID("dcgm-pod-uid", "GPU_AGENT_DCGM_POD_UID", "BOOL", "false",
            "With --naming=dcgm: add pod_uid to the series of a device one container holds (from the"
                    + " Kubernetes API), as dcgm-exporter's --kubernetes-enable-pod-uid. true/false."),
    DCGM_POD_LABELS("dcgm-pod-labels", "GPU_AGENT_DCGM_POD_LABELS", "BOOL", "false",
            "With --naming=dcgm: copy the holder pod's labels onto the series of a device one container"
                    + " holds, named as dcgm-exporter's --kubernetes-enable-pod-labels does; only those matching"
                    + " --pod-label-allowlist when it is set. true/false."),
    EXCLUDE_FAMILIES("exclude-families", "GPU_AGENT_EXCLUDE_FAMILIES", "GLOBS", "none",
            "Metric families to turn off, neither read nor served: comma-separated globs (* and ?) over the"
                    + " names /metrics shows, e.g. gpu_nvlink_*,gpu_clock_event_active. The agent's own"
                    + " gpu_agent_* families stay."),
    GPU_RESOURCE_NAMES("gpu-resource-names", "GPU_AGENT_GPU_RESOURCE_NAMES", "NAMES", "none",
            "More extended resources that hold NVIDIA GPUs (a renamed resource), comma-separated;"
                    + " nvidia.com/gpu, nvidia.com/gpu.shared and nvidia.com/mig-* always count."),
    PROCESS_METRICS("process-metrics", "GPU_AGENT_PROCESS_METRICS", "BOOL", "false",
            "Also export per-process series (with a pid label) for debugging; off by default for"
                    + " cardinality. true/false; the flag alone means true."),
    XID_EVENTS("xid-events", "GPU_AGENT_XID_EVENTS", "BOOL", "true",
            "Post each XID error as a Kubernetes Event (reason GpuXidError) on the pod holding the GPU, or on"
                    + " the Node; coalesced and rate-limited. Needs the Kubernetes API and RBAC events"
                    + " create/patch. true/false."),
    WEB_CONFIG_FILE("web-config-file", "GPU_AGENT_WEB_CONFIG_FILE", "FILE", "none",
            "TLS and basic auth: a Prometheus exporter-toolkit web-config YAML file."),
    // Bounds on the HTTP server against slow, broken or hostile clients (HttpLimits, docs/security.md).
    HTTP_HEADER_TIMEOUT("http-header-timeout", "GPU_AGENT_HTTP_HEADER_TIMEOUT", "DURATION", "5s",
            "Longest a client may take to send a request line and headers, counted on a new connection from"
                    + " the connection (TLS handshake included); then the connection is closed. 100ms to 5m."),
    HTTP_IDLE_TIMEOUT("http-idle-timeout", "GPU_AGENT_HTTP_IDLE_TIMEOUT", "DURATION", "2m",
            "A kept-alive connection waiting longer than this for its next request is closed; keep it above the"
                    + " scrape interval. 1s to 1h."),
    HTTP_WRITE_TIMEOUT("http-write-timeout", "GPU_AGENT_HTTP_WRITE_TIMEOUT", "DURATION", "30s",
            "Longest a response may take to reach a client that reads it slowly; then the connection is"
                    + " closed. 1s to 1h."),
    HTTP_MAX_CONNECTIONS("http-max-connections", "GPU_AGENT_HTTP_MAX_CONNECTIONS", "N", "64",
            "Most client connections served at once. At the limit a new connection replaces one waiting for a"
                    + " request, the one waiting longest (a scraper's kept-alive connection last); it is refused"
                    + " only while all are being answered or in a TLS handshake. 4 to 10000."),
    CONFIG("config", "GPU_AGENT_CONFIG", "FILE", "none",
            "Read settings from a YAML file whose keys are these flags without the dashes.");

    private final String key;
    private final String env;
    private final String paramLabel;
    private final String defaultText;
    private final String help;

    Setting(String key, String env, String paramLabel, String defaultText, String help) {
        this.key = key;
        this.env = env;
        this.paramLabel = paramLabel;
        this.defaultText = defaultText;
        this.help = help;
    }

    /** The YAML key, which is also the flag without its dashes: {@code collect-interval}. */
    String key() {
        return key;
    }

    /** {@code --collect-interval}: how every error message names the setting. */
    String flag() {
        return "--" + key;
    }

    String env() {
        return env;
    }

    String paramLabel() {
        return paramLabel;
    }

    /** The default as shown in {@code --help}; the typed defaults live in {@link ConfigLoader}. */
    String defaultText() {
        return defaultText;
    }

    String help() {
        return help;
    }

    /** {@code --config} names the file itself, so it cannot be set from inside that file. */
    boolean allowedInYaml() {
        return this != CONFIG;
    }

    static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key) && s.allowedInYaml()).findFirst();
    }
}
