package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NVML faults the foundation must already survive, driven by simulator scenarios. */
class FaultsIT {

    @TempDir
    Path dir;

    @Test
    void driverLoadedAfterStartMakesTheAgentReadyWithoutARestart() throws Exception {
        Path scenario = Files.writeString(dir.resolve("late-driver.conf"), """
                [system]
                init_failures = 2          # the GPU operator installs the driver a little later
                [gpu]
                name = NVIDIA L4
                temperature = 51
                """);
        try (AgentProcess agent = AgentProcess.start("--simulate=" + scenario, "--collect-interval=200ms")) {
            HttpResponse<String> notReady = agent.get("/readyz");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body().strip()).isEqualTo("NVML: Driver Not Loaded");
            assertThat(Exposition.parse(agent.get("/metrics").body()).value("gpu_agent_nvml_up")).isZero();

            // backoff 1 s then 2 s: ready within a few seconds, same process
            HttpResponse<String> ready = agent.awaitStatus("/readyz", 200, Duration.ofSeconds(15));
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(agent.process.isAlive()).isTrue();
            Exposition m = Exposition.parse(agent.get("/metrics").body());
            assertThat(m.value("gpu_agent_nvml_up")).isEqualTo(1);
            assertThat(m.value("gpu_temperature_celsius", "gpu", "0")).isEqualTo(51);
        }
    }

    @Test
    void aLostGpuIsDownWithoutItsSeriesWhileTheOthersGoOn() throws Exception {
        Path scenario = Files.writeString(dir.resolve("lost.conf"), """
                [gpu]
                name = NVIDIA H100 80GB HBM3
                temperature = 40
                [gpu]
                name = NVIDIA H100 80GB HBM3
                temperature = 41
                lost_after_calls = 60      # a few collections, then it falls off the bus
                """);
        try (AgentProcess agent = AgentProcess.start("--simulate=" + scenario, "--collect-interval=100ms")) {
            assertThat(agent.awaitStatus("/readyz", 200, Duration.ofSeconds(15)).statusCode()).isEqualTo(200);
            Exposition m = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                m = Exposition.parse(agent.get("/metrics").body());
                if (m.value("gpu_up", "gpu", "1") == 0) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(m.value("gpu_up", "gpu", "1")).isZero();
            assertThat(m.find("gpu_temperature_celsius", "gpu", "1")).isEmpty();
            assertThat(m.find("gpu_info", "gpu", "1")).hasSize(1);
            assertThat(m.value("gpu_up", "gpu", "0")).isEqualTo(1);
            assertThat(m.value("gpu_temperature_celsius", "gpu", "0")).isEqualTo(40);
            assertThat(agent.get("/readyz").statusCode()).isEqualTo(200);
            assertThat(agent.stderr()).contains("GPU 1 does not answer").contains("GPU is lost");
        }
    }

    @Test
    void aScenarioThatDoesNotParseIsReportedWithItsLine() throws Exception {
        Path scenario = Files.writeString(dir.resolve("broken.conf"), "[gpu]\nname = X\nbogus_key = 1\n");
        try (AgentProcess agent = AgentProcess.start("--simulate=" + scenario, "--collect-interval=200ms")) {
            HttpResponse<String> r = agent.awaitStatus("/readyz", 503, Duration.ofSeconds(10));
            assertThat(r.body()).contains("bogus_key").contains(":3");
        }
    }
}
