package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The agent on Debian's real libnvidia-ml.so.1 on a machine without a GPU driver: it serves anyway,
 * alive but not ready, with NVML's own reason, and keeps retrying.
 */
class DriverNotLoadedIT {

    @Test
    void servesWithoutADriverAliveButNotReady() throws Exception {
        if (Files.exists(Path.of("/proc/driver/nvidia/version"))) {
            throw new org.opentest4j.TestAbortedException("a GPU driver is loaded on this machine; this case needs none");
        }
        try (AgentProcess agent = AgentProcess.start("--nvml-library=libnvidia-ml.so.1", "--collect-interval=200ms")) {
            assertThat(agent.get("/healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = agent.awaitStatus("/readyz", 503, Duration.ofSeconds(10));
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body().strip()).isEqualTo("NVML: Driver Not Loaded");

            // Give it time to retry at least twice (backoff 1 s, 2 s), then check it is still serving.
            Thread.sleep(3500);
            Exposition m = Exposition.parse(agent.get("/metrics").body());
            assertThat(m.value("gpu_agent_nvml_up")).isZero();
            assertThat(m.value("gpu_agent_collection_errors_total", "source", "nvml")).isGreaterThanOrEqualTo(2);
            assertThat(m.find("gpu_up")).isEmpty();
            assertThat(agent.get("/readyz").statusCode()).isEqualTo(503);
            assertThat(agent.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(agent.stderr()).contains("Driver Not Loaded");
        }
    }
}
