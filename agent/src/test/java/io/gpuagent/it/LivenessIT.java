package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.source.InjectedFaults;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liveness that can fail: a collection loop that throws, dies or wedges, each injected into the packaged agent
 * (on simulated GPUs only, through {@link InjectedFaults#ENVIRONMENT}), and a hung NVML call, which must not fail
 * liveness.
 */
class LivenessIT {

    private static final String ERRORS = "gpu_agent_collection_errors_total";

    @TempDir
    Path dir;

    @Test
    void anErrorThrownByACollectionIsLoggedOnceCountedAndTheNextRunComesOnTime() throws Exception {
        try (AgentProcess agent = AgentProcess.start(Map.of(InjectedFaults.ENVIRONMENT, "nvml:error@20"),
                "--simulate", "--collect-interval=100ms", "--kubernetes=false")) {
            assertThat(agent.awaitStatus("/readyz", 200, Duration.ofSeconds(15)).statusCode()).isEqualTo(200);
            HttpResponse<String> failing = agent.awaitStatus("/readyz", 503, Duration.ofSeconds(15));
            assertThat(failing.body()).startsWith("NVML: refresh failed: AssertionError: injected fault");
            double first = Exposition.parse(agent.get("/metrics").body()).value(ERRORS, "source", "nvml");
            Thread.sleep(2_000); // 20 more periods
            Exposition m = Exposition.parse(agent.get("/metrics").body());
            assertThat(m.value(ERRORS, "source", "nvml")).as("every refresh still runs, and counts")
                    .isGreaterThanOrEqualTo(first + 10);
            assertThat(m.value("gpu_agent_nvml_up")).isZero();
            assertThat(m.value("gpu_agent_source_state", "source", "nvml", "gpu_agent_source_state", "down")).isEqualTo(1);
            assertThat(agent.get("/healthz").statusCode()).as("a loop that keeps running is alive").isEqualTo(200);
            String log = agent.stderr();
            assertThat(log.split("NVML: refresh failed: AssertionError: injected fault", -1)).as(log).hasSize(2);
            assertThat(log).contains("\tat io.gpuagent.source"); // its stack trace, once, for whoever debugs it
            assertThat(log).contains("injecting faults for a test: nvml:error@20");
        }
    }

    @Test
    void aLoopWhoseThreadDiesFailsLivenessNamingItWhileTheRestGoesOn() throws Exception {
        try (AgentProcess agent = AgentProcess.start(Map.of(InjectedFaults.ENVIRONMENT, "pod-resources:die@1"),
                "--simulate", "--collect-interval=200ms", "--kubernetes=false")) {
            HttpResponse<String> dead = agent.awaitStatus("/healthz", 503, Duration.ofSeconds(15));
            assertThat(dead.statusCode()).isEqualTo(503);
            assertThat(dead.body().strip()).isEqualTo("collection loop pod-resources has stopped: OutOfMemoryError:"
                    + " injected fault: pod-resources loop thread dies");
            assertThat(agent.get("/readyz").statusCode()).as("NVML is fine: ready").isEqualTo(200);
            assertThat(Exposition.parse(agent.get("/metrics").body()).value("gpu_up", "gpu", "0")).isEqualTo(1);
            assertThat(agent.process.isAlive()).isTrue();
        }
    }

    @Test
    void aWedgedLoopFailsLivenessAfterItsLimitButAHungNvmlCallDoesNot() throws Exception {
        // NVML hangs for 75 s from the start of the 3rd collection; pod-resources' second refresh never returns
        Path scenario = Files.writeString(dir.resolve("hang.conf"), """
                [gpu]
                name = NVIDIA L4
                temperature = 40
                hang = nvmlDeviceGetTemperature
                hang_after_calls = 40
                hang_times = 1
                hang_seconds = 75
                """);
        try (AgentProcess agent = AgentProcess.start(Map.of(InjectedFaults.ENVIRONMENT, "pod-resources:hang@1"),
                "--simulate=" + scenario, "--collect-interval=1s", "--kubernetes=false")) {
            HttpResponse<String> stalled = agent.awaitStatus("/readyz", 503, Duration.ofSeconds(30));
            assertThat(stalled.body()).startsWith("NVML: no answer for").contains("(in GPU 0/temperature)");
            long hungSince = System.nanoTime();
            assertThat(agent.get("/healthz").statusCode()).as("a hung driver call is not cured by a restart")
                    .isEqualTo(200);

            // pod-resources started its hung refresh ~5 s after start: past max(60 s, 10 x 5 s) it is wedged
            HttpResponse<String> wedged = agent.awaitStatus("/healthz", 503, Duration.ofSeconds(70));
            assertThat(wedged.statusCode()).isEqualTo(503);
            assertThat(wedged.body().strip()).startsWith("collection loop pod-resources is stuck in one refresh for 6")
                    .doesNotContain("nvml");
            assertThat(Duration.ofNanos(System.nanoTime() - hungSince)).as("NVML still hung: it was not the reason")
                    .isLessThan(Duration.ofSeconds(70));
            assertThat(agent.get("/readyz").body()).startsWith("NVML: no answer for");
            Exposition m = Exposition.parse(agent.get("/metrics").body());
            assertThat(m.value("gpu_agent_source_state", "source", "nvml", "gpu_agent_source_state", "stalled"))
                    .isEqualTo(1);
            assertThat(m.value("gpu_agent_source_state", "source", "pod-resources", "gpu_agent_source_state", "stalled"))
                    .isEqualTo(1);
        }
    }

    @Test
    void faultsAreIgnoredOutsideSimulation() throws Exception {
        Path scenario = Files.writeString(dir.resolve("one.conf"), "[gpu]\nname = NVIDIA L4\n");
        Path sim = Path.of("../bindings/target/classes/io/gpuagent/nvml/sim/linux-x86_64/libnvidia-ml-sim.so")
                .toAbsolutePath().normalize();
        try (AgentProcess agent = AgentProcess.start(Map.of(InjectedFaults.ENVIRONMENT, "nvml:die",
                "GPU_AGENT_SIM_SCENARIO", scenario.toString()), "--nvml-library=" + sim, "--kubernetes=false",
                "--collect-interval=100ms")) {
            assertThat(agent.awaitStatus("/readyz", 200, Duration.ofSeconds(15)).statusCode()).isEqualTo(200);
            Thread.sleep(500);
            assertThat(agent.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(agent.stderr()).contains(InjectedFaults.ENVIRONMENT + " is set but ignored");
        }
    }
}
