package io.gpuagent.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Resolves the agent's settings from the command line, the environment and an optional YAML
 * file: a flag beats its environment variable, which beats the {@code --config} file, which
 * beats the default. An empty value (environment variable, {@code --flag=}, or a YAML key with
 * nothing after it) counts as unset.
 *
 * <p>All settings are resolved and checked before anything starts, so the agent either runs
 * fully configured or exits with one line naming the bad setting. Apart from reading the YAML
 * file, checking that named files exist, and looking up the host name when no node name is
 * given, {@link #load} is a function of its arguments: the environment is passed in, never read.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * @param args the command line, without the program name
     * @param env the environment, e.g. {@code System.getenv()}
     * @return {@link LoadResult.Run} with the configuration, or {@link LoadResult.Help} /
     *     {@link LoadResult.Version} whose text is printed to stdout before exiting 0
     * @throws ConfigException on any bad setting: print {@code gpu-agent: <message>} to stderr
     *     and exit 2
     */
    public static LoadResult load(String[] args, Map<String, String> env) throws ConfigException {
        return load(args, env, ConfigLoader::localHostName);
    }

    /** As {@link #load(String[], Map)}, with the host name lookup replaced (tests). */
    static LoadResult load(String[] args, Map<String, String> env, Supplier<Optional<String>> hostName)
            throws ConfigException {
        CommandLineFlags.Parsed flags = CommandLineFlags.parse(args);
        // Help wins over version, as picocli's own runner does; neither reads env or files.
        if (flags.help()) {
            return new LoadResult.Help(CommandLineFlags.usage());
        }
        if (flags.version()) {
            return new LoadResult.Version("gpu-agent " + version() + "\n");
        }
        return new LoadResult.Run(resolve(merge(flags.values(), env), env, hostName));
    }

    /** {@code gpu-agent}'s version from the jar manifest, or {@code dev} when run from classes. */
    public static String version() {
        String v = ConfigLoader.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    /** The winning raw value of each setting that is set anywhere, with its origin. */
    private static Map<Setting, SettingValue> merge(Map<Setting, String> flags, Map<String, String> env)
            throws ConfigException {
        Map<Setting, SettingValue> merged = new EnumMap<>(Setting.class);
        flags.forEach((setting, text) -> {
            if (!text.isEmpty()) {
                merged.put(setting, SettingValue.fromFlag(setting, text));
            }
        });
        for (Setting setting : Setting.values()) {
            String text = env.get(setting.env());
            if (text != null && !text.isEmpty()) {
                merged.putIfAbsent(setting, SettingValue.fromEnv(setting, text));
            }
        }
        SettingValue config = merged.get(Setting.CONFIG);
        if (config != null) {
            Path file = SettingParsers.readableFile(config);
            YamlConfigFile.read(file).forEach(merged::putIfAbsent);
        }
        return merged;
    }

    private static AgentConfig resolve(Map<Setting, SettingValue> values, Map<String, String> env,
            Supplier<Optional<String>> hostName) throws ConfigException {
        ListenAddress listen = values.containsKey(Setting.LISTEN)
                ? SettingParsers.convert(values.get(Setting.LISTEN), ListenAddress::parse)
                : new ListenAddress("", AgentConfig.DEFAULT_LISTEN_PORT);
        Duration interval = values.containsKey(Setting.COLLECT_INTERVAL)
                ? SettingParsers.collectInterval(values.get(Setting.COLLECT_INTERVAL))
                : AgentConfig.DEFAULT_COLLECT_INTERVAL;
        String nvmlLibrary = values.containsKey(Setting.NVML_LIBRARY)
                ? values.get(Setting.NVML_LIBRARY).text()
                : AgentConfig.DEFAULT_NVML_LIBRARY;
        Optional<String> simulate = values.containsKey(Setting.SIMULATE)
                ? SettingParsers.simulate(values.get(Setting.SIMULATE))
                : Optional.empty();
        Path socket = values.containsKey(Setting.POD_RESOURCES_SOCKET)
                ? SettingParsers.path(values.get(Setting.POD_RESOURCES_SOCKET))
                : AgentConfig.DEFAULT_POD_RESOURCES_SOCKET;
        KubernetesMode kubernetes = values.containsKey(Setting.KUBERNETES)
                ? SettingParsers.convert(values.get(Setting.KUBERNETES), KubernetesMode::parse)
                : KubernetesMode.AUTO;
        String nodeName = values.containsKey(Setting.NODE_NAME)
                ? SettingParsers.nodeName(values.get(Setting.NODE_NAME))
                : defaultNodeName(env, hostName);
        Path procRoot = values.containsKey(Setting.PROC_ROOT)
                ? SettingParsers.path(values.get(Setting.PROC_ROOT))
                : AgentConfig.DEFAULT_PROC_ROOT;
        Optional<Pattern> allowlist = values.containsKey(Setting.POD_LABEL_ALLOWLIST)
                ? Optional.of(SettingParsers.regex(values.get(Setting.POD_LABEL_ALLOWLIST)))
                : Optional.empty();
        Naming naming = values.containsKey(Setting.NAMING)
                ? SettingParsers.convert(values.get(Setting.NAMING), Naming::parse)
                : Naming.NATIVE;
        DcgmSettings dcgm = dcgm(values, naming);
        java.util.List<String> excluded = values.containsKey(Setting.EXCLUDE_FAMILIES)
                ? SettingParsers.globs(values.get(Setting.EXCLUDE_FAMILIES))
                : java.util.List.of();
        java.util.Set<String> gpuResources = values.containsKey(Setting.GPU_RESOURCE_NAMES)
                ? SettingParsers.resourceNames(values.get(Setting.GPU_RESOURCE_NAMES))
                : java.util.Set.of();
        boolean processMetrics = values.containsKey(Setting.PROCESS_METRICS)
                && SettingParsers.bool(values.get(Setting.PROCESS_METRICS));
        boolean xidEvents = !values.containsKey(Setting.XID_EVENTS) || SettingParsers.bool(values.get(Setting.XID_EVENTS));
        Optional<Path> webConfig = values.containsKey(Setting.WEB_CONFIG_FILE)
                ? Optional.of(SettingParsers.readableFile(values.get(Setting.WEB_CONFIG_FILE)))
                : Optional.empty();
        HttpLimits httpLimits = SettingParsers.httpLimits(values);
        // Already checked readable by merge(); here it is only recorded.
        Optional<Path> configFile = values.containsKey(Setting.CONFIG)
                ? Optional.of(SettingParsers.path(values.get(Setting.CONFIG)))
                : Optional.empty();
        return new AgentConfig(listen.host(), listen.port(), interval, nvmlLibrary, simulate, socket,
                kubernetes, nodeName, procRoot, allowlist, naming, dcgm, excluded, gpuResources, processMetrics, xidEvents,
                webConfig, httpLimits, configFile);
    }

    /**
     * The dcgm naming settings. Set with another naming they would do nothing, which is never what was meant (a
     * dashboard would then miss its labels without a word): that is an error naming the setting.
     */
    private static DcgmSettings dcgm(Map<Setting, SettingValue> values, Naming naming) throws ConfigException {
        if (naming != Naming.DCGM) {
            for (Setting s : java.util.List.of(Setting.DCGM_HOSTNAME_LABEL, Setting.DCGM_COUNTERS, Setting.DCGM_POD_UID,
                    Setting.DCGM_POD_LABELS)) {
                if (values.containsKey(s)) {
                    throw values.get(s).error("applies only with --naming=dcgm (naming is " + naming.text() + ")");
                }
            }
            return DcgmSettings.DEFAULTS;
        }
        DcgmSettings.HostnameLabel hostname = values.containsKey(Setting.DCGM_HOSTNAME_LABEL)
                ? SettingParsers.convert(values.get(Setting.DCGM_HOSTNAME_LABEL), DcgmSettings.HostnameLabel::parse)
                : DcgmSettings.HostnameLabel.LOWER_CASE;
        Optional<Path> counters = values.containsKey(Setting.DCGM_COUNTERS)
                ? Optional.of(SettingParsers.readableFile(values.get(Setting.DCGM_COUNTERS)))
                : Optional.empty();
        boolean podUid = values.containsKey(Setting.DCGM_POD_UID) && SettingParsers.bool(values.get(Setting.DCGM_POD_UID));
        boolean podLabels = values.containsKey(Setting.DCGM_POD_LABELS)
                && SettingParsers.bool(values.get(Setting.DCGM_POD_LABELS));
        return new DcgmSettings(hostname, counters, podUid, podLabels);
    }

    // In a pod the host name is the pod's name, hence NODE_NAME from the downward API in the
    // manifests; the host name is the right default only when running directly on the node.
    private static String defaultNodeName(Map<String, String> env, Supplier<Optional<String>> hostName)
            throws ConfigException {
        Optional<String> name = hostName.get().filter(n -> !n.isBlank());
        if (name.isEmpty()) {
            name = Optional.ofNullable(env.get("HOSTNAME")).map(String::strip).filter(n -> !n.isEmpty());
        }
        return name.orElseThrow(() -> new ConfigException(Setting.NODE_NAME.flag(),
                "cannot determine the host name; set --node-name or NODE_NAME"));
    }

    private static Optional<String> localHostName() {
        try {
            return Optional.ofNullable(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }
}
