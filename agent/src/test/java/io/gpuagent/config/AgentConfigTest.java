package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    @Test
    void describeIsOneLineInFlagSyntax() {
        assertThat(AgentConfig.defaults("node-1").describe()).isEqualTo(
                "listen=:9400 collect-interval=1s nvml-library=libnvidia-ml.so.1 simulate=off"
                        + " pod-resources-socket=/var/lib/kubelet/pod-resources/kubelet.sock kubernetes=auto"
                        + " node-name=node-1 proc-root=/proc pod-label-allowlist=none naming=native exclude-families=none"
                        + " gpu-resource-names=none process-metrics=false"
                        + " xid-events=true web-config-file=none http-header-timeout=5s http-idle-timeout=2m"
                        + " http-write-timeout=30s http-max-connections=64 config=none");
    }

    @Test
    void describeShowsSetValues() {
        AgentConfig c = new AgentConfig("::1", 0, Duration.ofMillis(1500), "/x/libnvidia-ml.so.1",
                Optional.of("default"), Path.of("/s.sock"), KubernetesMode.OFF, "n", Path.of("/host/proc"),
                Optional.of(Pattern.compile("app|team")), Naming.DCGM,
                new DcgmSettings(DcgmSettings.HostnameLabel.CAPITALISED, Optional.of(Path.of("/d.csv")), true, false),
                java.util.List.of("gpu_nvlink_*", "DCGM_FI_PROF_*"), java.util.Set.of("b.com/gpu", "a.com/gpu"), true, false,
                Optional.of(Path.of("/w.yml")),
                new HttpLimits(Duration.ofMillis(1500), Duration.ofSeconds(90), Duration.ofSeconds(10), 16),
                Optional.of(Path.of("/c.yaml")));
        assertThat(c.describe()).isEqualTo("listen=[::1]:0 collect-interval=1.5s nvml-library=/x/libnvidia-ml.so.1"
                + " simulate=default pod-resources-socket=/s.sock kubernetes=off node-name=n proc-root=/host/proc"
                + " pod-label-allowlist=app|team naming=dcgm dcgm-hostname-label=Hostname dcgm-counters=/d.csv"
                + " dcgm-pod-uid=true dcgm-pod-labels=false exclude-families=gpu_nvlink_*,DCGM_FI_PROF_*"
                + " gpu-resource-names=a.com/gpu,b.com/gpu process-metrics=true xid-events=false web-config-file=/w.yml"
                + " http-header-timeout=1.5s http-idle-timeout=1m30s http-write-timeout=10s http-max-connections=16"
                + " config=/c.yaml");
        assertThat(c.simulate()).isPresent();
        assertThat(c.listenAddress()).isEqualTo("[::1]:0");
    }

    @Test
    void constructorRejectsValuesTheLoaderWouldHaveRejected() {
        AgentConfig d = AgentConfig.defaults("n");
        assertThatThrownBy(() -> new AgentConfig("", 65536, d.collectInterval(), d.nvmlLibrary(), d.simulate(),
                d.podResourcesSocket(), d.kubernetes(), d.nodeName(), d.procRoot(), d.podLabelAllowlist(),
                d.naming(), d.dcgm(), d.excludeFamilies(), d.gpuResourceNames(), d.processMetrics(), d.xidEvents(),
                d.webConfigFile(), d.httpLimits(), d.configFile()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listenPort");
        assertThatThrownBy(() -> new AgentConfig("", 1, Duration.ofMillis(99), d.nvmlLibrary(), d.simulate(),
                d.podResourcesSocket(), d.kubernetes(), d.nodeName(), d.procRoot(), d.podLabelAllowlist(),
                d.naming(), d.dcgm(), d.excludeFamilies(), d.gpuResourceNames(), d.processMetrics(), d.xidEvents(),
                d.webConfigFile(), d.httpLimits(), d.configFile()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collectInterval");
        assertThatThrownBy(() -> new HttpLimits(Duration.ofMillis(99), Duration.ofMinutes(2), Duration.ofSeconds(30), 128))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("headerTimeout");
        assertThatThrownBy(() -> new HttpLimits(Duration.ofSeconds(5), Duration.ofHours(2), Duration.ofSeconds(30), 128))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> new HttpLimits(Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ZERO, 128))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeTimeout");
        assertThatThrownBy(() -> new HttpLimits(Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofSeconds(30), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnections");
    }
}
