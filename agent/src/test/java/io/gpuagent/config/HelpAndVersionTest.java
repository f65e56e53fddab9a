package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HelpAndVersionTest {

    private static String help() throws ConfigException {
        LoadResult result = ConfigLoader.load(new String[] {"--help"}, Map.of());
        assertThat(result).isInstanceOf(LoadResult.Help.class);
        return ((LoadResult.Help) result).text();
    }

    /** The contract's table: every flag, its variable and its default must appear in --help. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "--listen,                GPU_AGENT_LISTEN,                :9400",
        "--collect-interval,      GPU_AGENT_COLLECT_INTERVAL,      1s",
        "--nvml-library,          GPU_AGENT_NVML_LIBRARY,          libnvidia-ml.so.1",
        "--simulate,              GPU_AGENT_SIMULATE,              off",
        "--pod-resources-socket,  GPU_AGENT_POD_RESOURCES_SOCKET,  /var/lib/kubelet/pod-resources/kubelet.sock",
        "--kubernetes,            GPU_AGENT_KUBERNETES,            auto",
        "--node-name,             NODE_NAME,                       the host name",
        "--proc-root,             GPU_AGENT_PROC_ROOT,             /proc",
        "--pod-label-allowlist,   GPU_AGENT_POD_LABEL_ALLOWLIST,   none",
        "--naming,                GPU_AGENT_NAMING,                native",
        "--dcgm-hostname-label,   GPU_AGENT_DCGM_HOSTNAME_LABEL,   hostname",
        "--dcgm-counters,         GPU_AGENT_DCGM_COUNTERS,         none",
        "--dcgm-pod-uid,          GPU_AGENT_DCGM_POD_UID,          false",
        "--dcgm-pod-labels,       GPU_AGENT_DCGM_POD_LABELS,       false",
        "--exclude-families,      GPU_AGENT_EXCLUDE_FAMILIES,      none",
        "--web-config-file,       GPU_AGENT_WEB_CONFIG_FILE,       none",
        "--http-header-timeout,   GPU_AGENT_HTTP_HEADER_TIMEOUT,   5s",
        "--http-idle-timeout,     GPU_AGENT_HTTP_IDLE_TIMEOUT,     2m",
        "--http-write-timeout,    GPU_AGENT_HTTP_WRITE_TIMEOUT,    30s",
        "--http-max-connections,  GPU_AGENT_HTTP_MAX_CONNECTIONS,  64",
        "--config,                GPU_AGENT_CONFIG,                none",
    })
    void helpListsEverySettingWithItsVariableAndDefault(String flag, String env, String defaultValue)
            throws ConfigException {
        String help = help();
        assertThat(help).contains(flag).contains("Env: " + env + "\n");
        // The default sits in the same option block, between the flag and its variable.
        String block = help.substring(help.indexOf("  " + flag), help.indexOf("Env: " + env));
        assertThat(block).contains("Default: " + defaultValue);
    }

    @Test
    void helpStatesThePrecedenceAndTheForms() throws ConfigException {
        String help = help();
        assertThat(help).startsWith("Usage: gpu-agent").endsWith("\n");
        // Picocli wraps at 100 columns; compare the words, not the line breaks.
        assertThat(help.replaceAll("\\s+", " "))
                .contains("a flag beats its environment variable, which beats the --config YAML file,"
                        + " which beats the default")
                .contains("--simulate[=SCENARIO]")
                .contains("--help").contains("--version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help"})
    void helpIgnoresTheEnvironment(String flag) throws ConfigException {
        // Asking for help must work even when the configuration around it is broken.
        LoadResult result = ConfigLoader.load(new String[] {"--collect-interval=1s", flag},
                Map.of("GPU_AGENT_COLLECT_INTERVAL", "abc", "GPU_AGENT_CONFIG", "/nonexistent"));
        assertThat(result).isInstanceOf(LoadResult.Help.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-V", "--version"})
    void version(String flag) throws ConfigException {
        LoadResult result = ConfigLoader.load(new String[] {flag}, Map.of());
        assertThat(result).isInstanceOf(LoadResult.Version.class);
        // Run from classes there is no manifest, hence "dev"; from the jar, the project version.
        assertThat(((LoadResult.Version) result).text())
                .isEqualTo("gpu-agent " + ConfigLoader.version() + "\n")
                .matches("gpu-agent \\S+\n");
    }
}
