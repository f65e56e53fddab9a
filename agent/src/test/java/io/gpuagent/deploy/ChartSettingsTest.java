package io.gpuagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuagent.config.AgentConfig;
import io.gpuagent.config.ConfigLoader;
import io.gpuagent.config.KubernetesMode;
import io.gpuagent.config.LoadResult;
import io.gpuagent.config.Naming;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart and the agent's settings stay in step: the arguments the chart renders are parsed by the agent's
 * own loader (a flag the agent does not know, or a value it refuses, fails here and not on a node), and every
 * setting {@code --help} lists is either a named value of the chart or set by the chart itself. A setting
 * added to the agent fails {@link #everySettingOfTheAgentHasItsPlaceInTheChart} until it gets its value (a
 * row in the chart's {@code gpu-agent.settings}, values.yaml, values.schema.json and ci/settings-values.yaml)
 * or is named below as one the chart sets or leaves to {@code agent.extraArgs}.
 */
class ChartSettingsTest {

    /** Set by the chart from other values: --listen (agent.port), the two paths its mounts fix, the web config. */
    static final Set<String> SET_BY_THE_CHART = Set.of("listen", "proc-root", "pod-resources-socket", "web-config-file");
    /** From the environment the chart sets: NODE_NAME, by the downward API. */
    static final Set<String> FROM_THE_ENVIRONMENT = Set.of("node-name");
    /** A YAML file of settings duplicates the named values: agent.extraArgs with extraVolumes serves it. */
    static final Set<String> EXTRA_ARGS_ONLY = Set.of("config");

    /** A flag's own line of {@code --help}, not a description's wrapped line that starts with another flag. */
    static final Pattern FLAG = Pattern.compile("(?m)^ {1,8}(?:-\\w, )?--([a-z][a-z0-9-]*)");

    static Set<String> agentFlags() throws Exception {
        LoadResult help = ConfigLoader.load(new String[] {"--help"}, Map.of());
        assertThat(help).isInstanceOf(LoadResult.Help.class);
        Set<String> flags = new TreeSet<>();
        Matcher m = FLAG.matcher(((LoadResult.Help) help).text());
        while (m.find()) {
            flags.add(m.group(1));
        }
        flags.removeAll(Set.of("help", "version"));
        return flags;
    }

    /** The first rendered document of that kind. */
    static JsonNode document(String rendered, String kind) throws Exception {
        return KustomizeRenderTest.documents(rendered).stream()
                .filter(d -> d.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    static List<String> args(String rendered) throws Exception {
        JsonNode ds = document(rendered, "DaemonSet");
        List<String> args = new ArrayList<>();
        ds.path("spec").path("template").path("spec").path("containers").get(0).path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    static AgentConfig load(List<String> args) throws Exception {
        LoadResult result = ConfigLoader.load(args.toArray(String[]::new), Map.of("NODE_NAME", "gpu-node-1"));
        assertThat(result).as("the agent's reading of %s", args).isInstanceOf(LoadResult.Run.class);
        return ((LoadResult.Run) result).config();
    }

    @Test
    void everySettingOfTheAgentHasItsPlaceInTheChart() throws Exception {
        Set<String> named = new TreeSet<>();
        for (String arg : args(HelmChart.template(HelmChart.CHART.resolve("ci/settings-values.yaml")))) {
            named.add(arg.substring(2, arg.contains("=") ? arg.indexOf('=') : arg.length()));
        }
        named.removeAll(SET_BY_THE_CHART);
        Set<String> placed = new TreeSet<>(named);
        placed.addAll(SET_BY_THE_CHART);
        placed.addAll(FROM_THE_ENVIRONMENT);
        placed.addAll(EXTRA_ARGS_ONLY);
        assertThat(agentFlags()).hasSizeGreaterThanOrEqualTo(15).containsExactlyInAnyOrderElementsOf(placed);
        assertThat(named).as("settings with a named value in the chart").contains("collect-interval", "naming",
                "pod-label-allowlist", "xid-events", "gpu-resource-names");
    }

    @Test
    void theDefaultArgumentsAreTheAgentsDefaultsButTheChartsPaths() throws Exception {
        AgentConfig config = load(args(HelmChart.template(Map.of())));
        assertThat(config.listenPort()).isEqualTo(9400);
        assertThat(config.procRoot()).isEqualTo(Path.of("/host/proc"));
        assertThat(config.podResourcesSocket()).isEqualTo(AgentConfig.DEFAULT_POD_RESOURCES_SOCKET);
        assertThat(config.collectInterval()).isEqualTo(AgentConfig.DEFAULT_COLLECT_INTERVAL);
        assertThat(config.naming()).isEqualTo(Naming.NATIVE);
        assertThat(config.kubernetes()).isEqualTo(KubernetesMode.AUTO);
        assertThat(config.xidEvents()).isTrue();
        assertThat(config.processMetrics()).isFalse();
        assertThat(config.simulate()).isEmpty();
        assertThat(config.podLabelAllowlist()).isEmpty();
        assertThat(config.nodeName()).isEqualTo("gpu-node-1");
    }

    @Test
    void everyNamedValueReachesTheAgentAsItsSetting(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String rendered = HelmChart.template(HelmChart.CHART.resolve("ci/settings-values.yaml"));
        JsonNode counters = document(rendered, "ConfigMap");
        // the agent reads the counters file at start: the ConfigMap's content stands where the pod mounts it
        Path csv = java.nio.file.Files.writeString(dir.resolve("counters.csv"),
                counters.path("data").path("counters.csv").asText());
        List<String> args = new ArrayList<>(args(rendered));
        assertThat(args).contains("--dcgm-counters=/etc/gpu-agent/dcgm/counters.csv");
        args.replaceAll(a -> a.startsWith("--dcgm-counters=") ? "--dcgm-counters=" + csv : a);
        AgentConfig config = load(args);
        assertThat(config.listenPort()).isEqualTo(9500);
        assertThat(config.collectInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.naming()).isEqualTo(Naming.DCGM);
        assertThat(config.podLabelAllowlist()).hasValueSatisfying(p -> {
            assertThat(p.matcher("team").matches()).isTrue();
            assertThat(p.matcher("app.kubernetes.io/name").matches()).isTrue();
            assertThat(p.matcher("appXkubernetesXio/name").matches()).as("the regex's escapes survive").isFalse();
        });
        assertThat(config.gpuResourceNames()).containsExactlyInAnyOrder("example.com/gpu", "example.com/gpu-large");
        assertThat(config.processMetrics()).isTrue();
        assertThat(config.xidEvents()).isFalse();
        assertThat(config.kubernetes()).isEqualTo(KubernetesMode.ON);
        assertThat(config.nvmlLibrary()).isEqualTo("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1");
        assertThat(config.simulate()).isEqualTo(Optional.of("test-node"));
        assertThat(config.httpLimits()).isEqualTo(new io.gpuagent.config.HttpLimits(Duration.ofSeconds(3),
                Duration.ofSeconds(90), Duration.ofSeconds(10), 32));
        assertThat(config.excludeFamilies()).containsExactly("gpu_nvlink_*", "DCGM_FI_DEV_XID_ERRORS");
        assertThat(config.dcgm().hostnameLabel()).isEqualTo(io.gpuagent.config.DcgmSettings.HostnameLabel.CAPITALISED);
        assertThat(config.dcgm().podUid()).isTrue();
        assertThat(config.dcgm().podLabels()).isTrue();
        // the CSV goes into a ConfigMap the DaemonSet mounts where --dcgm-counters points, kept line for line
        assertThat(config.dcgm().counters()).contains(csv);
        assertThat(counters.path("data").path("counters.csv").asText()).isEqualTo("""
                # mine: dcgm-exporter's format, comments kept
                DCGM_FI_DEV_GPU_UTIL, gauge, GPU utilization (in %).
                DCGM_FI_DEV_FB_USED, gauge, Framebuffer memory used (in MiB).
                """);
        JsonNode pod = document(rendered, "DaemonSet").path("spec").path("template").path("spec");
        assertThat(pod.path("containers").get(0).path("volumeMounts").toString())
                .contains("\"mountPath\":\"/etc/gpu-agent/dcgm\"");
        assertThat(pod.path("volumes").toString()).contains("\"name\":\"" + counters.path("metadata").path("name")
                .asText() + "\"");
    }

    @Test
    void aDcgmSettingWithNativeNamingFailsAtInstall() {
        Map<String, String> values = Map.of("dcgmHostnameLabel", "Hostname", "dcgmPodUid", "true", "dcgmPodLabels",
                "false", "dcgmCounters", "DCGM_FI_DEV_GPU_UTIL");
        for (String key : values.keySet()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> HelmChart.template(Map.of("agent." + key, values.get(key))))
                    .as(key).hasMessageContaining("agent." + key + " is a setting of naming: dcgm");
        }
    }

    @Test
    void aFlagTheAgentDoesNotKnowIsRefusedByItsLoader() throws Exception {
        // what makes the two tests above able to fail: the image set's extraArgs carries an unknown flag
        List<String> args = args(HelmChart.template(HelmChart.CHART.resolve("ci/image-values.yaml")));
        assertThat(args).contains("--some-newer-setting=value with spaces");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> ConfigLoader.load(args.toArray(String[]::new), Map.of("NODE_NAME", "n")))
                .hasMessageContaining("some-newer-setting");
    }
}
