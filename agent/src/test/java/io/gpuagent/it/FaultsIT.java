package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    void aLostGpuIsDownWithoutItsSeriesWhileTheOthersGoOnAndComesBackWhenItAnswers() throws Exception {
        Path scenario = Files.writeString(dir.resolve("lost.conf"), """
                [gpu]
                name = NVIDIA H100 80GB HBM3
                temperature = 40
                [gpu]
                name = NVIDIA H100 80GB HBM3
                temperature = 41
                lost_after_calls = 60      # a few collections, then it falls off the bus
                recover_after_calls = 30   # ... and answers again after 30 lost answers (one per collection)
                [event]
                gpu = 1
                xid = 79                   # what the driver reports when a GPU falls off the bus
                at = 1
                """);
        try (AgentProcess agent = AgentProcess.start("--simulate=" + scenario, "--collect-interval=100ms")) {
            assertThat(agent.awaitStatus("/readyz", 200, Duration.ofSeconds(15)).statusCode()).isEqualTo(200);
            Exposition m = awaitMetrics(agent, x -> x.value("gpu_up", "gpu", "1") == 0, Duration.ofSeconds(15));
            assertThat(m.value("gpu_up", "gpu", "1")).isZero();
            assertThat(m.find("gpu_temperature_celsius", "gpu", "1")).isEmpty();
            assertThat(m.find("gpu_info", "gpu", "1")).hasSize(1);
            assertThat(m.value("gpu_up", "gpu", "0")).isEqualTo(1);
            assertThat(m.value("gpu_temperature_celsius", "gpu", "0")).isEqualTo(40);
            assertThat(agent.get("/readyz").statusCode()).isEqualTo(200);
            assertThat(agent.stderr()).contains("GPU 1 does not answer").contains("GPU is lost");

            // the driver answers again: its series come back in the same process, the XID stays counted
            m = awaitMetrics(agent, x -> x.value("gpu_up", "gpu", "1") == 1
                    && !x.find("gpu_xid_errors_total", "gpu", "1", "xid", "79").isEmpty(), Duration.ofSeconds(15));
            assertThat(m.value("gpu_up", "gpu", "1")).isEqualTo(1);
            assertThat(m.value("gpu_temperature_celsius", "gpu", "1")).isEqualTo(41);
            assertThat(m.value("gpu_xid_errors_total", "gpu", "1", "xid", "79")).isEqualTo(1);
            assertThat(m.find("gpu_xid_errors_total", "gpu", "0")).isEmpty();
            assertThat(agent.stderr()).contains("recovered: gpu/1/lost");
        }
    }

    @Test
    void aHungNvmlCallFailsReadinessWhileTheLastReadingIsServedAndRecoversWhenItReturns() throws Exception {
        Path scenario = Files.writeString(dir.resolve("hang.conf"), """
                [gpu]
                name = NVIDIA H100 80GB HBM3
                temperature = 40
                [gpu]
                name = NVIDIA H100 80GB HBM3
                temperature = 41
                hang = nvmlDeviceGetPowerUsage
                hang_after_calls = 100     # a few collections first
                hang_times = 1             # one call hangs ...
                hang_seconds = 14          # ... longer than the 10 s stall threshold
                """);
        try (AgentProcess agent = AgentProcess.start("--simulate=" + scenario, "--collect-interval=200ms")) {
            assertThat(agent.awaitStatus("/readyz", 200, Duration.ofSeconds(15)).statusCode()).isEqualTo(200);

            // the watchdog notices: not ready, with the hung read named
            HttpResponse<String> stalled = agent.awaitStatus("/readyz", 503, Duration.ofSeconds(20));
            assertThat(stalled.statusCode()).isEqualTo(503);
            assertThat(stalled.body()).startsWith("NVML: no answer for 1").contains("(in GPU 1/power)");
            assertThat(agent.get("/healthz").statusCode()).as("a hung driver call is not cured by a restart")
                    .isEqualTo(200);

            // /metrics still answers, at once, from the last good reading, with its age visible
            long t0 = System.nanoTime();
            Exposition m = Exposition.parse(agent.get("/metrics").body());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(m.value("gpu_agent_nvml_up")).isZero();
            assertThat(m.value("gpu_temperature_celsius", "gpu", "0")).isEqualTo(40);
            assertThat(m.value("gpu_temperature_celsius", "gpu", "1")).isEqualTo(41);
            double age = System.currentTimeMillis() / 1000.0
                    - m.value("gpu_agent_last_collection_timestamp_seconds", "source", "nvml");
            assertThat(age).isGreaterThanOrEqualTo(9.5);
            assertThat(m.value("gpu_agent_collection_errors_total", "source", "nvml")).isGreaterThanOrEqualTo(1);

            // the call returns: ready again, fresh readings, the stall logged once and its end once
            assertThat(agent.awaitStatus("/readyz", 200, Duration.ofSeconds(15)).statusCode()).isEqualTo(200);
            m = Exposition.parse(agent.get("/metrics").body());
            assertThat(m.value("gpu_agent_nvml_up")).isEqualTo(1);
            assertThat(System.currentTimeMillis() / 1000.0
                    - m.value("gpu_agent_last_collection_timestamp_seconds", "source", "nvml")).isLessThan(2);
            String log = agent.stderr();
            assertThat(log.split("no answer for", -1)).as("the stall is logged once: %s", log).hasSize(2);
            assertThat(log).contains("NVML answered again after 1");
        }
    }

    @Test
    void unsupportedValuesAndFunctionsMissingFromAnOlderDriverAreAbsentAndLoggedOnce() throws Exception {
        Path scenario = Files.writeString(dir.resolve("unsupported.conf"), """
                [gpu]
                name = NVIDIA A10
                temperature = 50
                [gpu]
                name = NVIDIA A10
                unsupported = nvmlDeviceGetPowerUsage, nvmlDeviceGetEncoderUtilization
                """);
        // the simulator built as an older driver: no nvmlDeviceGetTotalEnergyConsumption, no _v2 memory query
        Path oldDriver = Path.of("../bindings/target/classes/io/gpuagent/nvml/sim/linux-x86_64/libnvidia-ml-sim-old.so")
                .toAbsolutePath().normalize();
        try (AgentProcess agent = AgentProcess.start(java.util.Map.of("GPU_AGENT_SIM_SCENARIO", scenario.toString()),
                "--nvml-library=" + oldDriver, "--kubernetes=false", "--collect-interval=100ms")) {
            assertThat(agent.awaitStatus("/readyz", 200, Duration.ofSeconds(15)).statusCode()).isEqualTo(200);
            Thread.sleep(1500); // a dozen collections
            Exposition m = Exposition.parse(agent.get("/metrics").body());
            assertThat(m.value("gpu_power_watts", "gpu", "0")).isEqualTo(50);
            assertThat(m.find("gpu_power_watts", "gpu", "1")).isEmpty();
            assertThat(m.find("gpu_encoder_utilization_ratio", "gpu", "1")).isEmpty();
            assertThat(m.find("gpu_encoder_utilization_ratio", "gpu", "0")).hasSize(1);
            assertThat(m.find("gpu_energy_joules_total")).isEmpty();
            assertThat(m.find("gpu_memory_reserved_bytes")).isEmpty();
            assertThat(m.find("gpu_memory_used_bytes")).hasSize(2);
            assertThat(m.value("gpu_up", "gpu", "1")).isEqualTo(1);
            assertThat(m.value("gpu_agent_collection_errors_total", "source", "nvml")).isZero();
            // one line per GPU saying what it lacks, not one per value and collection
            String log = agent.stderr();
            List<String> gpu1 = lacking(log, "GPU 1 (NVIDIA A10)");
            assertThat(gpu1).as(log).contains("power", "encoder utilization", "energy").doesNotHaveDuplicates();
            assertThat(lacking(log, "GPU 0 (NVIDIA A10)")).as(log).contains("energy").doesNotContain("power");
            assertThat(log.split("GPU 1 \\(NVIDIA A10\\): not available", -1)).as(log).hasSize(2);
        }
    }

    /** What the log's "not available" lines list for a GPU ({@code GPU 1 (NVIDIA A10)}), over all its lines. */
    private static List<String> lacking(String log, String gpu) {
        String prefix = gpu + ": not available, series left out: ";
        List<String> out = new java.util.ArrayList<>();
        log.lines().filter(l -> l.contains(prefix)).forEach(l -> out.addAll(
                List.of(l.substring(l.indexOf(prefix) + prefix.length()).split(", "))));
        return out;
    }

    private static Exposition awaitMetrics(AgentProcess agent, java.util.function.Predicate<Exposition> until,
            Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Exposition m = Exposition.parse(agent.get("/metrics").body());
        while (!matches(until, m) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            m = Exposition.parse(agent.get("/metrics").body());
        }
        return m;
    }

    private static boolean matches(java.util.function.Predicate<Exposition> until, Exposition m) {
        try {
            return until.test(m);
        } catch (AssertionError e) { // a series not there yet
            return false;
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
