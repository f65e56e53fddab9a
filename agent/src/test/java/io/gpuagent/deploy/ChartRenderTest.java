package io.gpuagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Helm chart through Helm's own lint and template (helm-java): lint clean; the defaults and each value
 * set of its {@code ci/} directory render into strictly typed objects (an unknown field fails) with the pod
 * as locked down as the base's (ManifestsTest's checks); each option does what its value says; the schema
 * refuses misspelt or mistyped values, and the templates refuse contradictory ones.
 */
class ChartRenderTest {

    static final Path CI = HelmChart.CHART.resolve("ci");
    static final List<String> VALUE_SETS = List.of("settings-values.yaml", "image-values.yaml",
            "scheduling-values.yaml", "web-config-values.yaml", "podmonitor-values.yaml", "autoscaling-values.yaml");

    /** A render: its documents as JSON trees, and as fabric8's typed objects. */
    record Render(List<JsonNode> docs, List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type) {
            List<T> found = all(type);
            assertThat(found).as(type.getSimpleName()).hasSize(1);
            return found.get(0);
        }

        PodSpec pod() {
            return one(DaemonSet.class).getSpec().getTemplate().getSpec();
        }

        Container container() {
            assertThat(pod().getContainers()).hasSize(1);
            return pod().getContainers().get(0);
        }

        /** The DaemonSet's pod spec as plain maps, for ManifestsTest's checks. */
        @SuppressWarnings("unchecked")
        Map<String, Object> podMap() {
            JsonNode ds = docs.stream().filter(d -> d.path("kind").asText().equals("DaemonSet")).findFirst().orElseThrow();
            Object yaml = new Load(LoadSettings.builder().build()).loadFromString(ds.path("spec").path("template")
                    .path("spec").toString());
            return (Map<String, Object>) yaml;
        }
    }

    /**
     * Every document typed strictly, but KEDA's ScaledObjects (no fabric8 model: ChartAutoscalingTest checks
     * them against the recipes, which AutoscalingRecipesTest checks against KEDA's fields).
     */
    static Render render(String rendered) throws Exception {
        List<JsonNode> docs = KustomizeRenderTest.documents(rendered);
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode doc : docs) {
            switch (doc.path("kind").asText()) {
                case "ScaledObject" -> assertThat(doc.path("apiVersion").asText()).isEqualTo("keda.sh/v1alpha1");
                case "HorizontalPodAutoscaler" -> objects.add(StrictKube.strictly(doc, HorizontalPodAutoscaler.class));
                default -> objects.addAll(KustomizeRenderTest.typed(List.of(doc)));
            }
        }
        return new Render(docs, objects);
    }

    static Render render(Map<String, String> set) throws Exception {
        return render(HelmChart.template(set));
    }

    static Render valueSet(String file) throws Exception {
        return render(HelmChart.template(CI.resolve(file)));
    }

    static Stream<String> everyValueSet() {
        return Stream.concat(Stream.of("(defaults)"), VALUE_SETS.stream());
    }

    // ---- lint, and what every render must be ----

    @Test
    void lintIsClean() {
        LintResult lint = HelmChart.lint();
        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
        // the one remark left: no icon URL to give yet
        assertThat(lint.getMessages()).allSatisfy(m -> assertThat(m).isEqualTo("[INFO] Chart.yaml: icon is recommended"));
    }

    @Test
    void theCiDirectoryHoldsExactlyTheValueSetsTestedHere() throws IOException {
        try (Stream<Path> files = Files.list(CI)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(VALUE_SETS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyValueSet")
    void rendersStrictlyTypedObjectsWithTheBasesLockedDownPod(String valueSet) throws Exception {
        Render r = valueSet.startsWith("(") ? render(Map.of()) : valueSet(valueSet);
        ManifestsTest.assertLockedDown(r.podMap());
        ManifestsTest.assertHostPathsReadOnly(r.podMap());
        DaemonSet ds = r.one(DaemonSet.class);
        Map<String, String> podLabels = ds.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(ds.getSpec().getSelector().getMatchLabels());
        assertThat(ds.getSpec().getSelector().getMatchLabels()).containsOnlyKeys("app.kubernetes.io/name");
        for (HasMetadata o : r.objects()) {
            assertThat(o.getMetadata().getLabels()).as(o.getKind())
                    .containsEntry("app.kubernetes.io/name", "gpu-agent")
                    .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE)
                    .containsEntry("app.kubernetes.io/part-of", "gpu-agent")
                    .doesNotContainKeys("helm.sh/chart", "app.kubernetes.io/managed-by");
            if (!o.getKind().startsWith("Cluster") && !(o instanceof HorizontalPodAutoscaler)) {
                assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo(HelmChart.NAMESPACE);
            }
        }
        // what scrapes the agents finds them, on the port the agent listens on
        int port = r.container().getPorts().get(0).getContainerPort();
        assertThat(r.container().getArgs()).contains("--listen=:" + port);
        for (Service s : r.all(Service.class)) {
            assertThat(podLabels).containsAllEntriesOf(s.getSpec().getSelector());
        }
        for (ServiceMonitor m : r.all(ServiceMonitor.class)) {
            assertThat(podLabels).containsAllEntriesOf(m.getSpec().getSelector().getMatchLabels());
            assertThat(m.getSpec().getEndpoints()).singleElement()
                    .satisfies(e -> assertThat(e.getHonorLabels()).isTrue());
        }
        for (PodMonitor m : r.all(PodMonitor.class)) {
            assertThat(podLabels).containsAllEntriesOf(m.getSpec().getSelector().getMatchLabels());
            assertThat(m.getSpec().getPodMetricsEndpoints()).singleElement()
                    .satisfies(e -> assertThat(e.getHonorLabels()).isTrue());
        }
    }

    // ---- each option ----

    @Test
    void byDefaultEverySettingIsTheAgentsOwn() throws Exception {
        Render r = render(Map.of());
        assertThat(r.container().getArgs()).containsExactly("--listen=:9400", "--proc-root=/host/proc",
                "--pod-resources-socket=/var/lib/kubelet/pod-resources/kubelet.sock");
        assertThat(r.container().getImage()).isEqualTo("ghcr.io/gpu-agent/gpu-agent:0.1.0");
        assertThat(r.all(PodMonitor.class)).as("one scrape object by default").isEmpty();
        assertThat(r.one(ServiceMonitor.class)).isNotNull();
        assertThat(r.pod().getNodeSelector()).containsExactly(Map.entry("nvidia.com/gpu.present", "true"));
    }

    @Test
    void theSettingsValueSetPassesEverySettingAndDropsTheEventsRule() throws Exception {
        Render r = valueSet("settings-values.yaml");
        assertThat(r.container().getArgs()).contains("--collect-interval=2s", "--naming=dcgm",
                "--pod-label-allowlist=team|app\\.kubernetes\\.io/name",
                "--gpu-resource-names=example.com/gpu,example.com/gpu-large", "--process-metrics=true",
                "--xid-events=false", "--kubernetes=true",
                "--nvml-library=/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1", "--simulate=test-node");
        assertThat(r.container().getPorts().get(0).getContainerPort()).isEqualTo(9500);
        assertThat(r.one(Service.class).getSpec().getPorts().get(0).getPort()).isEqualTo(9500);
        // no XID Events to post: no right to post them
        assertThat(r.one(ClusterRole.class).getRules()).noneSatisfy(rule ->
                assertThat(rule.getResources()).contains("events"));
        assertThat(render(Map.of()).one(ClusterRole.class).getRules()).anySatisfy(rule ->
                assertThat(rule.getResources()).containsExactly("events"));
    }

    @Test
    void theImageValueSetPullsByDigestWithSecretsAndPassesExtraArgsLast() throws Exception {
        Render r = valueSet("image-values.yaml");
        assertThat(r.container().getImage()).isEqualTo("registry.example.com/mirror/gpu-agent@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(r.container().getImagePullPolicy()).isEqualTo("Always");
        assertThat(r.pod().getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("registry-example-com");
        List<String> args = r.container().getArgs();
        assertThat(args.get(args.size() - 1)).isEqualTo("--some-newer-setting=value with spaces");
        // a tag without a digest
        assertThat(render(Map.of("image.tag", "0.2.0")).container().getImage())
                .isEqualTo("ghcr.io/gpu-agent/gpu-agent:0.2.0");
    }

    @Test
    void theSchedulingValueSetPlacesThePodAsAsked() throws Exception {
        Render r = valueSet("scheduling-values.yaml");
        PodSpec pod = r.pod();
        assertThat(pod.getNodeSelector()).containsExactly(Map.entry("node.example.com/pool", "gpu"));
        assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getKey()).isEqualTo("nvidia.com/gpu.product");
        assertThat(pod.getTolerations()).extracting(t -> t.getKey()).containsExactly("nvidia.com/gpu", "dedicated");
        assertThat(pod.getPriorityClassName()).isNull();
        assertThat(pod.getRuntimeClassName()).isEqualTo("nvidia");
        DaemonSet ds = r.one(DaemonSet.class);
        assertThat(ds.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("example.com/owner", "platform");
        assertThat(ds.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "platform");
        assertThat(ds.getSpec().getSelector().getMatchLabels()).doesNotContainKey("team");
        assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isZero();
        assertThat(r.container().getResources().getLimits().get("memory").toString()).isEqualTo("320Mi");
        assertThat(r.container().getResources().getLimits()).doesNotContainKey("cpu");
    }

    @Test
    void theWebConfigValueSetMountsTheSecretProbesOverHttpsAndScrapesOverHttps() throws Exception {
        Render r = valueSet("web-config-values.yaml");
        Container c = r.container();
        assertThat(c.getArgs()).contains("--web-config-file=/etc/gpu-agent/web/web.yml");
        assertThat(c.getLivenessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
        assertThat(c.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
        assertThat(c.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/etc/gpu-agent/web");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(r.pod().getVolumes()).filteredOn(v -> v.getSecret() != null).singleElement().satisfies(v -> {
            assertThat(v.getSecret().getSecretName()).isEqualTo("gpu-agent-web");
            assertThat(v.getSecret().getDefaultMode()).isEqualTo(0440);
        });
        var endpoint = r.one(ServiceMonitor.class).getSpec().getEndpoints().get(0);
        assertThat(endpoint.getScheme()).isEqualTo("https");
        assertThat(endpoint.getInterval()).isEqualTo("30s");
        assertThat(endpoint.getTlsConfig().getServerName()).isEqualTo("gpu-agent.gpu-agent.svc");
        assertThat(endpoint.getBasicAuth().getPassword().getName()).isEqualTo("gpu-agent-scrape");
        assertThat(endpoint.getRelabelings()).extracting(rl -> rl.getTargetLabel()).containsExactly("node", "team");
        assertThat(endpoint.getMetricRelabelings()).singleElement().satisfies(rl -> assertThat(rl.getAction()).isEqualTo("drop"));
        assertThat(r.one(ServiceMonitor.class).getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        Service service = r.one(Service.class);
        assertThat(service.getSpec().getInternalTrafficPolicy()).isEqualTo("Local");
        assertThat(service.getMetadata().getAnnotations()).containsEntry("example.com/scrape", "false");
        // basic auth over plain HTTP: the probes stay HTTP
        Render plain = render(Map.of("webConfig.secretName", "gpu-agent-web", "webConfig.tls", "false"));
        assertThat(plain.container().getReadinessProbe().getHttpGet().getScheme()).isNull();
    }

    /** kustomize's web-config example patch and the chart's webConfig value give the same DaemonSet. */
    @Test
    void theWebConfigValueIsTheKustomizeExamplePatch() throws Exception {
        Render kustomized = render(KustomizeRenderTest.renderWebConfigOverlay("web-config-chart-overlay"));
        Render chart = render(Map.of("webConfig.secretName", "gpu-agent-web"));
        Container k = kustomized.container();
        Container c = chart.container();
        assertThat(k.getLivenessProbe()).isEqualTo(c.getLivenessProbe());
        assertThat(k.getReadinessProbe()).isEqualTo(c.getReadinessProbe());
        assertThat(k.getVolumeMounts()).containsExactlyInAnyOrderElementsOf(c.getVolumeMounts());
        assertThat(kustomized.pod().getVolumes()).containsExactlyInAnyOrderElementsOf(chart.pod().getVolumes());
        // the patch names the file by environment, the chart by flag: the same file
        assertThat(k.getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
                .isEqualTo("GPU_AGENT_WEB_CONFIG_FILE=/etc/gpu-agent/web/web.yml"));
        assertThat(c.getArgs()).contains("--web-config-file=/etc/gpu-agent/web/web.yml");
    }

    @Test
    void thePodMonitorValueSetHasNoServiceRulesOrRbacOfItsOwn() throws Exception {
        Render r = valueSet("podmonitor-values.yaml");
        assertThat(r.objects()).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("DaemonSet", "PodMonitor");
        assertThat(r.one(PodMonitor.class).getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(r.pod().getServiceAccountName()).isEqualTo("gpu-metrics");
        assertThat(r.pod().getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("pod-resources");
            assertThat(v.getHostPath().getPath()).isEqualTo("/var/snap/microk8s/common/var/lib/kubelet/pod-resources");
        });
        // the mount stays where --pod-resources-socket points
        assertThat(r.container().getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("pod-resources");
            assertThat(m.getMountPath()).isEqualTo("/var/lib/kubelet/pod-resources");
        });
        assertThat(r.container().getEnv()).extracting(e -> e.getName())
                .containsExactly("NODE_NAME", "NVIDIA_VISIBLE_DEVICES", "NVIDIA_DRIVER_CAPABILITIES", "GPU_AGENT_CONFIG");
        assertThat(r.container().getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/etc/gpu-agent/config");
        assertThat(r.pod().getVolumes()).filteredOn(v -> v.getConfigMap() != null).singleElement()
                .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("gpu-agent-config"));
    }

    @Test
    void aReleaseOfAnotherNameAndNamespaceNamesEveryObjectAfterIt() throws Exception {
        String rendered = new Helm(HelmChart.CHART).template().withName("gpus").withNamespace("monitoring").call();
        Render r = render(rendered);
        for (HasMetadata o : r.objects()) {
            assertThat(o.getMetadata().getName()).as(o.getKind()).isEqualTo("gpus-gpu-agent");
            if (!o.getKind().startsWith("Cluster")) {
                assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo("monitoring");
            }
        }
        assertThat(r.pod().getServiceAccountName()).isEqualTo("gpus-gpu-agent");
        assertThat(r.one(ServiceMonitor.class).getSpec().getNamespaceSelector().getMatchNames()).containsExactly("monitoring");
        var binding = r.one(io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo("gpus-gpu-agent");
        assertThat(binding.getSubjects().get(0).getNamespace()).isEqualTo("monitoring");
    }

    // ---- refusals ----

    @ParameterizedTest
    @ValueSource(strings = {
            "agent.collectIntervall=2s", // misspelt key
            "serviceMonitors.enabled=true", // misspelt top-level key
            "agent.port=ninety", // not a number
            "agent.collectInterval=2 seconds", // not a duration
            "agent.naming=prometheus", // not a naming
            "image.digest=latest", // not a digest
            "service.type=ExternalName", // not a type the chart serves
            "agent.xidEvents=maybe", // not a boolean
    })
    void theSchemaRefusesAMisspeltOrMistypedValue(String set) {
        String key = set.substring(0, set.indexOf('='));
        assertThatThrownBy(() -> HelmChart.template(Map.of(key, set.substring(set.indexOf('=') + 1))))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    @Test
    void theTemplatesRefuseContradictoryValues() {
        assertThatThrownBy(() -> HelmChart.template(ordered("podMonitor.enabled", "true")))
                .hasMessageContaining("choose one");
        assertThatThrownBy(() -> HelmChart.template(ordered("service.enabled", "false")))
                .hasMessageContaining("serviceMonitor.enabled needs service.enabled");
        assertThatThrownBy(() -> HelmChart.template(ordered("serviceAccount.create", "false")))
                .hasMessageContaining("serviceAccount.name");
    }

    @Test
    void theNotesSayHowToCheckTheAgentIsUp() {
        String notes = new Helm(HelmChart.CHART).install().clientOnly().dryRun().withName(HelmChart.RELEASE)
                .withNamespace(HelmChart.NAMESPACE).call().getOutput();
        assertThat(notes).contains("kubectl -n gpu-agent rollout status ds/gpu-agent",
                "kubectl -n gpu-agent port-forward ds/gpu-agent 9400", "http://localhost:9400/readyz",
                "nvidia.com/gpu.present=true", "ServiceMonitor");
        String https = new Helm(HelmChart.CHART).install().clientOnly().dryRun().withName(HelmChart.RELEASE)
                .withNamespace(HelmChart.NAMESPACE).set("webConfig.secretName", "web").set("serviceMonitor.enabled", "false")
                .call().getOutput();
        assertThat(https).contains("https://localhost:9400/readyz", "daemonset/prometheus/scrape-config.yaml");
    }

    static Map<String, String> ordered(String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

}
