package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --exclude-families} through the packaged agent, set in its YAML file: the families turned off are gone. */
class ExcludeFamiliesIT {

    @TempDir
    Path dir;

    @Test
    void familiesTurnedOffInTheConfigFileAreNotServed() throws Exception {
        Path yaml = Files.writeString(dir.resolve("agent.yaml"), """
                exclude-families: "gpu_clock_*, gpu_info, gpu_pcie_*, inference_*"
                """);
        try (AgentProcess agent = AgentProcess.start("--simulate=test-node", "--kubernetes=false",
                "--collect-interval=200ms", "--config=" + yaml)) {
            Exposition m = AttributionIT.awaitMetrics(agent, e -> !e.find("gpu_temperature_celsius").isEmpty(),
                    Duration.ofSeconds(20));
            assertThat(m.find("gpu_temperature_celsius")).as("stderr: %s", agent.stderr()).hasSize(3);
            assertThat(m.find("gpu_up")).hasSize(3);
            for (String off : new String[] {"gpu_clock_hertz", "gpu_clock_event_active", "gpu_clock_event_seconds_total",
                    "gpu_info", "gpu_pcie_throughput_bytes_per_second", "gpu_pcie_link_width"}) {
                assertThat(m.find(off)).as(off).isEmpty();
            }
            assertThat(m.find("gpu_agent_nvml_up")).as("the agent's own stay").hasSize(1);
            assertThat(agent.stderr()).contains("exclude-families=gpu_clock_*,gpu_info,gpu_pcie_*,inference_*");
        }
    }
}
