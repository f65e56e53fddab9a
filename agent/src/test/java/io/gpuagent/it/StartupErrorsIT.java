package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad start-up configuration is the one thing that ends the process: exit 2, one line naming the setting. */
class StartupErrorsIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> names {1}")
    @CsvSource(delimiter = '|', value = {
        "--bogus-flag                          | --bogus-flag",
        "--collect-interval=abc                | --collect-interval",
        "--collect-interval=10ms               | --collect-interval",
        "--config=/nonexistent/gpu-agent.yaml  | --config",
        "--listen=localhost:99999              | --listen",
        "--naming=weird                        | --naming",
        "--simulate=/nonexistent/scenario.conf | --simulate",
        "--simulate=no-such-bundled-scenario   | --simulate",
    })
    void badValueExitsTwoNamingTheSetting(String arg, String setting) throws Exception {
        AgentProcess.Result r = AgentProcess.run(Duration.ofSeconds(30), arg);
        assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
        String firstLine = r.stderr().lines().filter(l -> l.startsWith("gpu-agent: ")).findFirst().orElse("");
        assertThat(firstLine).as("stderr:\n" + r.stderr()).contains(setting);
        assertThat(r.stdout()).doesNotContain("serving");
    }

    @Test
    void badDurationInTheConfigFileNamesTheSettingAndTheFile() throws Exception {
        Path yaml = Files.writeString(dir.resolve("agent.yaml"), "collect-interval: soon\n");
        AgentProcess.Result r = AgentProcess.run(Duration.ofSeconds(30), "--config=" + yaml);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("collect-interval").contains(yaml.toString());
    }

    /** dcgm-exporter's counters file: a line that is not a field stops the start, naming the file and the line. */
    @Test
    void aMalformedCountersLineExitsTwoNamingTheFileAndTheLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("counters.csv"), """
                # DCGM FIELD, Prometheus metric type, help message
                DCGM_FI_DEV_GPU_UTIL, gauge, GPU utilization (in %).
                DCGM_FI_DEV_FB_USED, gauge
                """);
        AgentProcess.Result r = AgentProcess.run(Duration.ofSeconds(30), "--simulate=test-node", "--naming=dcgm",
                "--dcgm-counters=" + csv);
        assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr().lines().filter(l -> l.startsWith("gpu-agent: "))).containsExactly("gpu-agent: --dcgm-counters: "
                + csv + " line 3: expected 3 comma-separated fields (field name, type, help), found 2");
        assertThat(r.stdout()).doesNotContain("serving");
    }

    @Test
    void aFamilyGlobThatMatchesNothingExitsTwo() throws Exception {
        AgentProcess.Result r = AgentProcess.run(Duration.ofSeconds(30), "--simulate=test-node",
                "--exclude-families=gpu_nvlnk_*");
        assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr().lines().filter(l -> l.startsWith("gpu-agent: "))).containsExactly("gpu-agent: "
                + "--exclude-families: gpu_nvlnk_* matches no family of native naming that can be turned off (see"
                + " docs/metrics.md; the agent's own gpu_agent_* families stay on)");
    }

    @Test
    void aTakenPortExitsTwoNamingListen() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            AgentProcess.Result r = AgentProcess.run(Duration.ofSeconds(30), "--simulate=test-node",
                    "--listen=127.0.0.1:" + taken.getLocalPort());
            assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
            assertThat(r.stderr()).contains("gpu-agent: --listen: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void helpListsEverySettingAndExitsZero() throws Exception {
        AgentProcess.Result r = AgentProcess.run(Duration.ofSeconds(30), "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).contains("--listen", "--collect-interval", "--nvml-library", "--simulate",
                "--pod-resources-socket", "--kubernetes", "--node-name", "--proc-root", "--pod-label-allowlist",
                "--naming", "--dcgm-hostname-label", "--dcgm-counters", "--dcgm-pod-uid", "--dcgm-pod-labels",
                "--exclude-families", "--web-config-file", "--config", "GPU_AGENT_COLLECT_INTERVAL", "NODE_NAME");
    }
}
