package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuResourceNamesTest {

    private static AgentConfig load(Map<String, String> env, String... args) throws ConfigException {
        return ((LoadResult.Run) ConfigLoader.load(args, env)).config();
    }

    @Test
    void commaSeparatedFromFlagOrEnvironment() throws ConfigException {
        assertThat(load(Map.of("NODE_NAME", "n"), "--gpu-resource-names=example.com/gpu, acme.io/a100").gpuResourceNames())
                .containsExactlyInAnyOrder("example.com/gpu", "acme.io/a100");
        assertThat(load(Map.of("NODE_NAME", "n", "GPU_AGENT_GPU_RESOURCE_NAMES", "example.com/gpu")).gpuResourceNames())
                .containsExactly("example.com/gpu");
        assertThat(load(Map.of("NODE_NAME", "n")).gpuResourceNames()).isEmpty();
    }

    @Test
    void processMetricsIsAnOptInSwitch() throws ConfigException {
        assertThat(load(Map.of("NODE_NAME", "n")).processMetrics()).isFalse();
        assertThat(load(Map.of("NODE_NAME", "n"), "--process-metrics").processMetrics()).isTrue();
        assertThat(load(Map.of("NODE_NAME", "n", "GPU_AGENT_PROCESS_METRICS", "true")).processMetrics()).isTrue();
        assertThat(load(Map.of("NODE_NAME", "n", "GPU_AGENT_PROCESS_METRICS", "true"), "--process-metrics=false")
                .processMetrics()).isFalse();
        assertThatThrownBy(() -> load(Map.of("NODE_NAME", "n"), "--process-metrics=maybe"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--process-metrics:");
    }

    @Test
    void aNameWithoutDomainIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> load(Map.of("NODE_NAME", "n"), "--gpu-resource-names=gpu"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--gpu-resource-names:");
    }
}
