package io.gpuagent.config;

import static io.gpuagent.config.LoaderSupport.load;
import static io.gpuagent.config.LoaderSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every setting, set through each of its four ways in: --flag=value, --flag value, env, YAML. */
class SettingSourcesTest {

    /** key (flag without dashes and YAML key), environment variable, a value, what it becomes. */
    static Stream<Arguments> settings() {
        return Stream.of(
                row("listen", "GPU_AGENT_LISTEN", "127.0.0.1:9401", AgentConfig::listenAddress, "127.0.0.1:9401"),
                row("listen", "GPU_AGENT_LISTEN", "[::1]:0", c -> List.of(c.listenHost(), c.listenPort()), List.of("::1", 0)),
                row("collect-interval", "GPU_AGENT_COLLECT_INTERVAL", "500ms", AgentConfig::collectInterval, Duration.ofMillis(500)),
                row("collect-interval", "GPU_AGENT_COLLECT_INTERVAL", "1m30s", AgentConfig::collectInterval, Duration.ofSeconds(90)),
                row("nvml-library", "GPU_AGENT_NVML_LIBRARY", "/opt/nvidia/libnvidia-ml.so.1", AgentConfig::nvmlLibrary, "/opt/nvidia/libnvidia-ml.so.1"),
                row("simulate", "GPU_AGENT_SIMULATE", "h100-8.conf", AgentConfig::simulate, Optional.of("h100-8.conf")),
                row("pod-resources-socket", "GPU_AGENT_POD_RESOURCES_SOCKET", "/run/pr.sock", AgentConfig::podResourcesSocket, Path.of("/run/pr.sock")),
                row("kubernetes", "GPU_AGENT_KUBERNETES", "off", AgentConfig::kubernetes, KubernetesMode.OFF),
                row("kubernetes", "GPU_AGENT_KUBERNETES", "on", AgentConfig::kubernetes, KubernetesMode.ON),
                row("node-name", "NODE_NAME", "gpu-node-7", AgentConfig::nodeName, "gpu-node-7"),
                row("proc-root", "GPU_AGENT_PROC_ROOT", "/host/proc", AgentConfig::procRoot, Path.of("/host/proc")),
                row("pod-label-allowlist", "GPU_AGENT_POD_LABEL_ALLOWLIST", "app|team-.*",
                        c -> c.podLabelAllowlist().map(Pattern::pattern), Optional.of("app|team-.*")),
                row("naming", "GPU_AGENT_NAMING", "dcgm", AgentConfig::naming, Naming.DCGM));
    }

    private static Arguments row(String key, String env, String value, Function<AgentConfig, Object> get, Object expected) {
        return Arguments.of(key, env, value, get, expected);
    }

    @ParameterizedTest(name = "--{0}={2}")
    @MethodSource("settings")
    void flagWithEquals(String key, String env, String value, Function<AgentConfig, Object> get, Object expected)
            throws ConfigException {
        assertThat(get.apply(load("--" + key + "=" + value))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "--{0} {2}")
    @MethodSource("settings")
    void flagThenValue(String key, String env, String value, Function<AgentConfig, Object> get, Object expected)
            throws ConfigException {
        assertThat(get.apply(load("--" + key, value))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}={2}")
    @MethodSource("settings")
    void environment(String key, String env, String value, Function<AgentConfig, Object> get, Object expected)
            throws ConfigException {
        assertThat(get.apply(load(Map.of(env, value), List.of()))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "yaml {0}: {2}")
    @MethodSource("settings")
    void yaml(String key, String env, String value, Function<AgentConfig, Object> get, Object expected,
            @TempDir Path dir) throws ConfigException {
        Path file = write(dir, "agent.yaml", "# set from a file\n" + key + ": \"" + value + "\"\n");
        AgentConfig config = load("--config", file.toString());
        assertThat(get.apply(config)).isEqualTo(expected);
        assertThat(config.configFile()).contains(file);
    }

    @Test
    void defaults() throws ConfigException {
        AgentConfig config = load();
        assertThat(config).isEqualTo(AgentConfig.defaults(LoaderSupport.HOST));
        assertThat(config.listenHost()).isEmpty();
        assertThat(config.listenPort()).isEqualTo(9400);
        assertThat(config.collectInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.nvmlLibrary()).isEqualTo("libnvidia-ml.so.1");
        assertThat(config.simulate()).isEmpty();
        assertThat(config.podResourcesSocket()).isEqualTo(Path.of("/var/lib/kubelet/pod-resources/kubelet.sock"));
        assertThat(config.kubernetes()).isEqualTo(KubernetesMode.AUTO);
        assertThat(config.nodeName()).isEqualTo(LoaderSupport.HOST);
        assertThat(config.procRoot()).isEqualTo(Path.of("/proc"));
        assertThat(config.podLabelAllowlist()).isEmpty();
        assertThat(config.naming()).isEqualTo(Naming.NATIVE);
        assertThat(config.webConfigFile()).isEmpty();
        assertThat(config.httpLimits()).isEqualTo(new HttpLimits(java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMinutes(2), java.time.Duration.ofSeconds(30), 64));
        assertThat(config.configFile()).isEmpty();
    }

    @Test
    void httpLimitsThroughEachSource(@TempDir Path dir) throws ConfigException {
        assertThat(load("--http-header-timeout=2s", "--http-idle-timeout=90s", "--http-write-timeout=1m",
                "--http-max-connections=32").httpLimits()).isEqualTo(new HttpLimits(java.time.Duration.ofSeconds(2),
                        java.time.Duration.ofSeconds(90), java.time.Duration.ofMinutes(1), 32));
        assertThat(load(Map.of("GPU_AGENT_HTTP_HEADER_TIMEOUT", "750ms", "GPU_AGENT_HTTP_MAX_CONNECTIONS", " 64 "),
                List.of()).httpLimits()).isEqualTo(new HttpLimits(java.time.Duration.ofMillis(750),
                        java.time.Duration.ofMinutes(2), java.time.Duration.ofSeconds(30), 64));
        Path yaml = write(dir, "agent.yaml", "http-idle-timeout: 5m\nhttp-write-timeout: 10s\n");
        assertThat(load("--config=" + yaml, "--http-write-timeout=20s").httpLimits()).isEqualTo(new HttpLimits(
                java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(20), 64));
    }

    @Test
    void webConfigFileThroughEachSource(@TempDir Path dir) throws ConfigException {
        Path web = write(dir, "web.yml", "tls_server_config: {}\n");
        assertThat(load("--web-config-file=" + web).webConfigFile()).contains(web);
        assertThat(load("--web-config-file", web.toString()).webConfigFile()).contains(web);
        assertThat(load(Map.of("GPU_AGENT_WEB_CONFIG_FILE", web.toString()), List.of()).webConfigFile()).contains(web);
        Path yaml = write(dir, "agent.yaml", "web-config-file: " + web + "\n");
        assertThat(load("--config=" + yaml).webConfigFile()).contains(web);
    }

    @Test
    void configFileFromEnvironment(@TempDir Path dir) throws ConfigException {
        Path yaml = write(dir, "agent.yaml", "naming: dcgm\n");
        AgentConfig config = load(Map.of("GPU_AGENT_CONFIG", yaml.toString()), List.of());
        assertThat(config.naming()).isEqualTo(Naming.DCGM);
        assertThat(config.configFile()).contains(yaml);
    }

    @Test
    void emptyEnvironmentVariablesCountAsUnset() throws ConfigException {
        Map<String, String> empty = Map.of("GPU_AGENT_LISTEN", "", "GPU_AGENT_COLLECT_INTERVAL", "",
                "GPU_AGENT_SIMULATE", "", "NODE_NAME", "", "GPU_AGENT_CONFIG", "", "GPU_AGENT_WEB_CONFIG_FILE", "");
        assertThat(load(empty, List.of())).isEqualTo(AgentConfig.defaults(LoaderSupport.HOST));
    }

    @Test
    void nodeNameFallsBackToHostnameVariableWhenTheLookupFails() throws ConfigException {
        LoadResult result = ConfigLoader.load(new String[0], Map.of("HOSTNAME", "from-env"), Optional::empty);
        assertThat(((LoadResult.Run) result).config().nodeName()).isEqualTo("from-env");
    }

    @Test
    void nodeNameDefaultsToTheRealHostName() throws ConfigException {
        // HOSTNAME covers a sandbox whose own name does not resolve.
        LoadResult result = ConfigLoader.load(new String[0], Map.of("HOSTNAME", "fallback"));
        assertThat(((LoadResult.Run) result).config().nodeName()).isNotBlank();
    }
}
