package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GPM profiling metrics through the packaged agent: on the simulator's gpm-node scenario (an H100, an
 * H100 in MIG mode with two GPU instances, a pre-Hopper A100) the GPM families carry the scenario's
 * values per GPU and MIG instance and nothing for the A100; on the old-driver simulator (no nvmlGpm*
 * symbols) the same scenario gives no GPM series and no errors.
 */
class GpmIT {

    static final List<String> FAMILIES = List.of("gpu_graphics_active_ratio", "gpu_sm_active_ratio",
            "gpu_sm_occupancy_ratio", "gpu_tensor_active_ratio", "gpu_dram_active_ratio",
            "gpu_gpm_pcie_bytes_per_second", "gpu_nvlink_bytes_per_second");
    static final double MIB = 1024 * 1024;
    static final Path SCENARIO = Path.of("../bindings/src/main/resources/io/gpuagent/nvml/sim/scenarios/gpm-node.conf")
            .toAbsolutePath().normalize();

    @Test
    void hopperGpusAndTheirMigInstancesHaveGpmSeriesThePreHopperGpuHasNone() throws Exception {
        try (AgentProcess agent = AgentProcess.start("--simulate=gpm-node", "--kubernetes=false",
                "--collect-interval=200ms")) {
            assertThat(agent.awaitStatus("/readyz", 200, Duration.ofSeconds(15)).statusCode()).isEqualTo(200);
            Exposition m = await(agent, e -> !e.find("gpu_sm_active_ratio").isEmpty(), Duration.ofSeconds(10));
            // the whole H100 (GPU 0): percent → ratio; MiB/s → bytes/s
            assertThat(m.value("gpu_graphics_active_ratio", "gpu", "0")).isCloseTo(0.915, within(1e-12));
            assertThat(m.value("gpu_sm_active_ratio", "gpu", "0")).isCloseTo(0.8225, within(1e-12));
            assertThat(m.value("gpu_sm_occupancy_ratio", "gpu", "0")).isCloseTo(0.475, within(1e-12));
            assertThat(m.value("gpu_tensor_active_ratio", "gpu", "0")).isCloseTo(0.6175, within(1e-12));
            assertThat(m.value("gpu_dram_active_ratio", "gpu", "0")).isCloseTo(0.38, within(1e-12));
            assertThat(m.value("gpu_gpm_pcie_bytes_per_second", "gpu", "0", "direction", "tx")).isEqualTo(1024 * MIB);
            assertThat(m.value("gpu_gpm_pcie_bytes_per_second", "gpu", "0", "direction", "rx")).isEqualTo(2048 * MIB);
            assertThat(m.value("gpu_nvlink_bytes_per_second", "gpu", "0", "direction", "tx")).isEqualTo(40960 * MIB);
            assertThat(m.value("gpu_nvlink_bytes_per_second", "gpu", "0", "direction", "rx")).isEqualTo(36864 * MIB);
            // the H100 in MIG mode: the whole GPU and each GPU instance with its own values and MIG labels
            assertThat(m.find("gpu_sm_active_ratio", "gpu", "1")).hasSize(3);
            assertThat(m.value("gpu_sm_active_ratio", "gpu", "1", "mig_uuid", "MIG-e5e5e5e5-0000-0000-0000-000000000001",
                    "gpu_instance_id", "3", "compute_instance_id", "0", "mig_profile", "3g.40gb"))
                    .isCloseTo(0.705, within(1e-12));
            assertThat(m.value("gpu_tensor_active_ratio", "gpu", "1", "gpu_instance_id", "5", "mig_profile", "1g.10gb"))
                    .isCloseTo(0.025, within(1e-12));
            assertThat(m.find("gpu_sm_active_ratio", "gpu", "1")).filteredOn(s -> !s.labels().containsKey("mig_uuid"))
                    .singleElement().extracting(Exposition.Sample::value).isEqualTo(0.44);
            // the A100: no GPM series at all, its other series as usual
            for (String f : FAMILIES) {
                assertThat(m.find(f, "gpu", "2")).as(f).isEmpty();
            }
            assertThat(m.find("gpu_utilization_ratio", "gpu", "2")).hasSize(1);
            assertThat(m.value("gpu_agent_collection_errors_total", "source", "nvml")).isZero();
            String log = agent.stderr();
            assertThat(lines(log, "GPU 2 \\(.*\\): not available, series left out: .*GPM profiling metrics.*")).isEqualTo(1);
            assertThat(lines(log, "GPU 0 \\(.*\\): not available, .*GPM.*")).isZero();
            assertThat(log).doesNotContain("GPM of GPU instance");
        }
    }

    @Test
    void dcgmNamingServesThemAsDcgmProfilingFields() throws Exception {
        try (AgentProcess agent = AgentProcess.start("--simulate=gpm-node", "--kubernetes=false", "--naming=dcgm",
                "--collect-interval=200ms", "--node-name=h100-node")) {
            Exposition m = await(agent, e -> !e.find("DCGM_FI_PROF_SM_ACTIVE").isEmpty(), Duration.ofSeconds(15));
            assertThat(m.value("DCGM_FI_PROF_SM_ACTIVE", "gpu", "0")).isCloseTo(0.8225, within(1e-12));
            assertThat(m.value("DCGM_FI_PROF_GR_ENGINE_ACTIVE", "gpu", "0")).isCloseTo(0.915, within(1e-12));
            assertThat(m.value("DCGM_FI_PROF_SM_OCCUPANCY", "gpu", "0")).isCloseTo(0.475, within(1e-12));
            assertThat(m.value("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "gpu", "0")).isCloseTo(0.6175, within(1e-12));
            assertThat(m.value("DCGM_FI_PROF_DRAM_ACTIVE", "gpu", "0")).isCloseTo(0.38, within(1e-12));
            assertThat(m.value("DCGM_FI_PROF_PCIE_TX_BYTES", "gpu", "0")).isEqualTo(1024 * MIB);
            assertThat(m.value("DCGM_FI_PROF_NVLINK_RX_BYTES", "gpu", "0")).isEqualTo(36864 * MIB);
            assertThat(m.value("DCGM_FI_PROF_SM_ACTIVE", "gpu", "1", "GPU_I_ID", "3", "GPU_I_PROFILE", "3g.40gb"))
                    .isCloseTo(0.705, within(1e-12));
            assertThat(m.find("DCGM_FI_PROF_SM_ACTIVE", "gpu", "2")).as("pre-Hopper").isEmpty();
            assertThat(m.find("gpu_sm_active_ratio")).isEmpty();
        }
    }

    @Test
    void anOldDriverWithoutGpmGivesNoGpmSeriesAndNoErrors() throws Exception {
        Path oldDriver = Path.of("../bindings/target/classes/io/gpuagent/nvml/sim/linux-x86_64/libnvidia-ml-sim-old.so")
                .toAbsolutePath().normalize();
        try (AgentProcess agent = AgentProcess.start(Map.of("GPU_AGENT_SIM_SCENARIO", SCENARIO.toString()),
                "--nvml-library=" + oldDriver, "--kubernetes=false", "--collect-interval=100ms")) {
            assertThat(agent.awaitStatus("/readyz", 200, Duration.ofSeconds(15)).statusCode()).isEqualTo(200);
            Thread.sleep(1000); // ten collections: the new driver would have GPM series by now
            Exposition m = Exposition.parse(agent.get("/metrics").body());
            for (String f : FAMILIES) {
                assertThat(m.find(f)).as(f).isEmpty();
            }
            assertThat(m.find("gpu_up")).hasSize(3).extracting(Exposition.Sample::value).containsOnly(1.0);
            assertThat(m.find("gpu_memory_used_bytes", "gpu", "1")).hasSize(3); // the GPU and its two instances
            assertThat(m.value("gpu_agent_collection_errors_total", "source", "nvml")).isZero();
            String log = agent.stderr();
            assertThat(lines(log, "GPU 0 \\(.*\\): not available, series left out: .*GPM profiling metrics.*")).isEqualTo(1);
            assertThat(log).doesNotContain("UnsatisfiedLinkError").doesNotContain("GPM of GPU instance")
                    .doesNotContain("failed");
        }
    }

    /** Lines of the log that match {@code regex} (after the logger's prefix). */
    private static long lines(String log, String regex) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        return log.lines().filter(l -> p.matcher(l).find()).count();
    }

    private static Exposition await(AgentProcess agent, java.util.function.Predicate<Exposition> until, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Exposition m = Exposition.parse(agent.get("/metrics").body());
        while (!until.test(m) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            m = Exposition.parse(agent.get("/metrics").body());
        }
        return m;
    }
}
