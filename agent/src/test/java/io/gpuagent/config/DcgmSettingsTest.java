package io.gpuagent.config;

import static io.gpuagent.config.LoaderSupport.error;
import static io.gpuagent.config.LoaderSupport.load;
import static io.gpuagent.config.LoaderSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dcgm naming settings and {@code --exclude-families}, through the flag, the environment and the YAML file. */
class DcgmSettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreDcgmExporter483s() throws ConfigException {
        AgentConfig c = load("--naming=dcgm");
        assertThat(c.dcgm()).isEqualTo(DcgmSettings.DEFAULTS);
        assertThat(c.dcgm().hostnameLabel().label()).contains("hostname");
        assertThat(c.dcgm().counters()).isEmpty();
        assertThat(c.dcgm().podUid()).isFalse();
        assertThat(c.dcgm().podLabels()).isFalse();
        assertThat(c.excludeFamilies()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"hostname, hostname", "Hostname, Hostname", "none, ''"})
    void hostnameLabelFromEachSource(String value, String label) throws ConfigException {
        Optional<String> expected = label.isEmpty() ? Optional.empty() : Optional.of(label);
        assertThat(load("--naming=dcgm", "--dcgm-hostname-label=" + value).dcgm().hostnameLabel().label())
                .isEqualTo(expected);
        assertThat(load(Map.of("GPU_AGENT_DCGM_HOSTNAME_LABEL", value), List.of("--naming=dcgm")).dcgm()
                .hostnameLabel().label()).isEqualTo(expected);
        Path yaml = write(dir, "agent.yaml", "naming: dcgm\ndcgm-hostname-label: " + value + "\n");
        assertThat(load("--config=" + yaml).dcgm().hostnameLabel().label()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HOSTNAME", "host_name", "true"})
    void hostnameLabelIsSpelledExactly(String value) {
        ConfigException e = error("--naming=dcgm", "--dcgm-hostname-label=" + value);
        assertThat(e.setting()).isEqualTo("--dcgm-hostname-label");
        assertThat(e.getMessage()).contains("is not one of hostname, Hostname, none");
    }

    @Test
    void countersPodUidAndPodLabelsFromEachSource() throws ConfigException {
        Path csv = write(dir, "counters.csv", "DCGM_FI_DEV_GPU_UTIL, gauge, GPU utilization (in %).\n");
        DcgmSettings expected = new DcgmSettings(DcgmSettings.HostnameLabel.LOWER_CASE, Optional.of(csv), true, true);
        assertThat(load("--naming=dcgm", "--dcgm-counters=" + csv, "--dcgm-pod-uid", "--dcgm-pod-labels").dcgm())
                .isEqualTo(expected);
        assertThat(load(Map.of("GPU_AGENT_DCGM_COUNTERS", csv.toString(), "GPU_AGENT_DCGM_POD_UID", "true",
                "GPU_AGENT_DCGM_POD_LABELS", "yes"), List.of("--naming=dcgm")).dcgm()).isEqualTo(expected);
        Path yaml = write(dir, "agent.yaml", "naming: dcgm\ndcgm-counters: " + csv
                + "\ndcgm-pod-uid: true\ndcgm-pod-labels: true\n");
        assertThat(load("--config=" + yaml).dcgm()).isEqualTo(expected);
        assertThat(load("--naming=dcgm", "--dcgm-pod-uid=false").dcgm().podUid()).isFalse();
    }

    @Test
    void aMissingCountersFileIsAnErrorNamingIt() {
        ConfigException e = error("--naming=dcgm", "--dcgm-counters=/nonexistent/counters.csv");
        assertThat(e.getMessage()).isEqualTo("--dcgm-counters: /nonexistent/counters.csv: no such file");
    }

    /** A dcgm setting that would do nothing (another naming) is refused: the user expected its labels or fields. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--dcgm-hostname-label=Hostname | --dcgm-hostname-label",
        "--dcgm-pod-uid                 | --dcgm-pod-uid",
        "--dcgm-pod-labels=true         | --dcgm-pod-labels",
    })
    void dcgmSettingsNeedDcgmNaming(String flag, String setting) {
        ConfigException e = error(flag);
        assertThat(e.setting()).isEqualTo(setting);
        assertThat(e.getMessage()).contains("applies only with --naming=dcgm (naming is native)");
        ConfigException fromEnv = error(Map.of("GPU_AGENT_DCGM_POD_UID", "true"), List.of("--naming=native"));
        assertThat(fromEnv.getMessage()).endsWith("(from GPU_AGENT_DCGM_POD_UID)");
    }

    @Test
    void countersWithoutDcgmNamingIsAnError() {
        Path csv = write(dir, "counters.csv", "");
        assertThat(error("--dcgm-counters=" + csv).getMessage())
                .startsWith("--dcgm-counters: applies only with --naming=dcgm");
    }

    @Test
    void excludedFamiliesFromEachSource() throws ConfigException {
        List<String> expected = List.of("gpu_nvlink_*", "gpu_clock_event_active", "gpu_?ower_watts");
        String text = " gpu_nvlink_*, gpu_clock_event_active,,gpu_?ower_watts,gpu_nvlink_* ";
        assertThat(load("--exclude-families=" + text).excludeFamilies()).isEqualTo(expected);
        assertThat(load(Map.of("GPU_AGENT_EXCLUDE_FAMILIES", text), List.of()).excludeFamilies()).isEqualTo(expected);
        Path yaml = write(dir, "agent.yaml", "exclude-families: \"" + text + "\"\n");
        assertThat(load("--config=" + yaml).excludeFamilies()).isEqualTo(expected);
        assertThat(load("--naming=dcgm", "--exclude-families=DCGM_FI_PROF_*").excludeFamilies())
                .containsExactly("DCGM_FI_PROF_*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpu_nvlink_.*", "gpu nvlink", "gpu_[a-z]+", "gpu-power"})
    void aGlobIsMadeOfMetricNameCharactersStarsAndQuestionMarks(String glob) {
        ConfigException e = error("--exclude-families=" + glob);
        assertThat(e.setting()).isEqualTo("--exclude-families");
        assertThat(e.getMessage()).contains("is not a glob over metric names");
    }
}
