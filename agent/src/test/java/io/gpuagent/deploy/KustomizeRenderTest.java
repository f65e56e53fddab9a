package io.gpuagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The manifests as a user applies them: every file of {@code daemonset/base} and the output of
 * {@code kubectl kustomize} (kustomize 4 or later, for its {@code labels} transformer) parse into
 * fabric8's typed objects with no unknown field, and the rendering applies the base's namespace,
 * labels and image.
 */
class KustomizeRenderTest {

    static final Path BASE = Path.of("../daemonset/base");
    static final Map<String, Class<? extends HasMetadata>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("Namespace", Namespace.class);
        KINDS.put("ServiceAccount", ServiceAccount.class);
        KINDS.put("ClusterRole", ClusterRole.class);
        KINDS.put("ClusterRoleBinding", ClusterRoleBinding.class);
        KINDS.put("DaemonSet", DaemonSet.class);
        KINDS.put("Service", Service.class);
        KINDS.put("ServiceMonitor", ServiceMonitor.class);
        KINDS.put("PodMonitor", PodMonitor.class);
        KINDS.put("PrometheusRule", PrometheusRule.class);
        KINDS.put("ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class); // the chart's dcgm counters file
    }

    /** The kinds of the base: all but the PodMonitor, which daemonset/examples/podmonitor.yaml offers instead. */
    static final List<String> BASE_KINDS = KINDS.keySet().stream()
            .filter(k -> !k.equals("PodMonitor") && !k.equals("ConfigMap")).toList();

    static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());

    static List<JsonNode> documents(String yaml) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var it = new ObjectMapper(YAML.getFactory()).readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(doc);
                }
            }
        }
        return out;
    }

    /** Each document as its typed object; an unknown kind or field fails. */
    static List<HasMetadata> typed(List<JsonNode> docs) {
        List<HasMetadata> out = new ArrayList<>();
        for (JsonNode doc : docs) {
            Class<? extends HasMetadata> type = KINDS.get(doc.path("kind").asText());
            assertThat(type).as("a known kind: %s", doc.path("kind").asText()).isNotNull();
            HasMetadata object = StrictKube.strictly(doc, type);
            assertThat(object.getApiVersion()).as(doc.path("kind").asText()).isEqualTo(doc.path("apiVersion").asText());
            out.add(object);
        }
        return out;
    }

    /** {@code kubectl kustomize}, where a kubectl with kustomize 4+ is installed. */
    static Optional<String> kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * The base with the web-config example patch, rendered from an overlay in target/ (kustomize refuses absolute
     * resource paths: the overlay names the base relative to it); the overlay is removed afterwards.
     */
    static String renderWebConfigOverlay(String dirName) throws Exception {
        Path overlay = Files.createDirectories(Path.of("target", dirName));
        try {
            Files.copy(Path.of("../daemonset/examples/web-config-patch.yaml"), overlay.resolve("web-config-patch.yaml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(overlay.resolve("kustomization.yaml"),
                    "resources:\n  - ../../../daemonset/base\npatches:\n  - path: web-config-patch.yaml\n");
            return render(overlay);
        } finally {
            try (Stream<Path> files = Files.walk(overlay)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String render(Path dir) throws Exception {
        Optional<String> kubectl = kubectl();
        assumeTrue(kubectl.isPresent(), "needs kubectl (with kustomize 4 or later) on PATH to render daemonset/base");
        Process p = new ProcessBuilder(kubectl.get(), "kustomize", dir.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed: " + err);
        }
        return out;
    }

    @Test
    void everyBaseFileParsesIntoTypedObjects() throws Exception {
        List<HasMetadata> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(BASE)) {
            for (Path file : files.sorted().toList()) {
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    all.addAll(typed(documents(Files.readString(file))));
                }
            }
        }
        assertThat(all).extracting(HasMetadata::getKind).containsExactlyInAnyOrderElementsOf(BASE_KINDS);
    }

    @Test
    void theRenderedBaseParsesIntoTypedObjectsWithNamespaceLabelsAndImage() throws Exception {
        List<HasMetadata> rendered = typed(documents(render(BASE)));
        assertThat(rendered).extracting(HasMetadata::getKind).containsExactlyInAnyOrderElementsOf(BASE_KINDS);
        for (HasMetadata o : rendered) {
            assertThat(o.getMetadata().getLabels()).as(o.getKind())
                    .containsEntry("app.kubernetes.io/name", "gpu-agent").containsEntry("app.kubernetes.io/part-of", "gpu-agent");
            if (!o.getKind().startsWith("Cluster") && !o.getKind().equals("Namespace")) {
                assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo("gpu-agent");
            }
        }
        DaemonSet ds = rendered.stream().filter(DaemonSet.class::isInstance).map(DaemonSet.class::cast).findFirst().orElseThrow();
        // selectors stay as written (immutable on a DaemonSet: a label added later must not change them)
        assertThat(ds.getSpec().getSelector().getMatchLabels()).containsOnlyKeys("app.kubernetes.io/name");
        assertThat(ds.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "gpu-agent");
        assertThat(ds.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/gpu-agent/gpu-agent:0.1.0");
        ClusterRoleBinding binding = rendered.stream().filter(ClusterRoleBinding.class::isInstance)
                .map(ClusterRoleBinding.class::cast).findFirst().orElseThrow();
        assertThat(binding.getSubjects().get(0).getNamespace()).isEqualTo("gpu-agent");
    }

    @Test
    void aMisspelledFieldInTheBaseFailsTheRenderedCheck() throws Exception {
        Path copy = Files.createTempDirectory("base");
        try {
            try (Stream<Path> files = Files.list(BASE)) {
                for (Path f : files.toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
            Path ds = copy.resolve("daemonset.yaml");
            String text = Files.readString(ds);
            assertThat(text).contains("hostPID: true");
            Files.writeString(ds, text.replace("hostPID: true", "hostPid: true"));
            List<JsonNode> docs = documents(render(copy));
            assertThatThrownBy(() -> typed(docs)).hasMessageContaining("hostPid");
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theWebConfigExampleOverlayRendersWithTheSecretMountedAndHttpsProbes() throws Exception {
        List<HasMetadata> rendered = typed(documents(renderWebConfigOverlay("web-config-overlay")));
        DaemonSet ds = rendered.stream().filter(DaemonSet.class::isInstance).map(DaemonSet.class::cast).findFirst()
                .orElseThrow();
        var pod = ds.getSpec().getTemplate().getSpec();
        var c = pod.getContainers().get(0);
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("GPU_AGENT_WEB_CONFIG_FILE");
            assertThat(e.getValue()).isEqualTo("/etc/gpu-agent/web/web.yml");
        });
        assertThat(c.getEnv()).extracting(e -> e.getName()).contains("NODE_NAME"); // merged, not replaced
        assertThat(c.getLivenessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
        assertThat(c.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath())
                .contains("/etc/gpu-agent/web", "/var/lib/kubelet/pod-resources", "/host/proc");
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("gpu-agent-web"));
    }
}
