package io.gpuagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks the shipped manifests in {@code daemonset/} against what the agent needs on a node. The base is the
 * Helm chart's default render (GeneratedManifestsTest); ChartRenderTest applies the pod checks below to
 * the chart's other value sets.
 */
class ManifestsTest {

    /** Maven runs tests in {@code agent/}; the manifests live at the repository root. */
    static final Path DAEMONSET = Path.of("..", "daemonset");
    static final Path BASE = DAEMONSET.resolve("base");

    static Map<String, Object> kustomization;
    /** Every object of every resource listed in kustomization.yaml, keyed by "Kind/name". */
    static final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        kustomization = map(loadOne(BASE.resolve("kustomization.yaml")));
        for (String resource : strings(kustomization.get("resources"))) {
            Path file = BASE.resolve(resource);
            if (!Files.isRegularFile(file)) {
                continue; // reported by everyListedFileExists
            }
            for (Object doc : loadAll(file)) {
                if (doc == null) {
                    continue;
                }
                Map<String, Object> object = map(doc);
                String key = object.get("kind") + "/" + map(object.get("metadata")).get("name");
                assertThat(objects.put(key, object)).as("duplicate " + key).isNull();
            }
        }
    }

    // ---- kustomization ----

    @Test
    void everyListedFileExists() {
        List<String> resources = strings(kustomization.get("resources"));
        assertThat(resources).isNotEmpty();
        assertThat(resources).allSatisfy(r -> assertThat(BASE.resolve(r)).as(r).isRegularFile());
        assertThat(kustomization.get("namespace")).isEqualTo("gpu-agent");
    }

    @Test
    void baseHasEveryObject() {
        assertThat(objects.keySet()).contains(
                "Namespace/gpu-agent", "ServiceAccount/gpu-agent", "ClusterRole/gpu-agent",
                "ClusterRoleBinding/gpu-agent", "DaemonSet/gpu-agent", "Service/gpu-agent",
                "ServiceMonitor/gpu-agent", "PrometheusRule/gpu-agent");
        // one scrape object: a PodMonitor as well would scrape every series twice (examples/podmonitor.yaml
        // replaces the ServiceMonitor for setups without the Service)
        assertThat(objects.keySet()).doesNotContain("PodMonitor/gpu-agent");
    }

    // ---- DaemonSet ----

    @Test
    void daemonSetRunsInTheHostPidNamespaceAtNodeCriticalPriority() {
        Map<String, Object> pod = podSpec();
        assertThat(pod.get("hostPID")).isEqualTo(true);
        assertThat(pod.get("priorityClassName")).isEqualTo("system-node-critical");
        assertThat(pod.get("serviceAccountName")).isEqualTo("gpu-agent");
        assertThat(pod).doesNotContainKeys("hostNetwork", "hostIPC", "runtimeClassName");
        Map<String, Object> ds = spec(objects.get("DaemonSet/gpu-agent"));
        Map<String, Object> strategy = map(ds.get("updateStrategy"));
        assertThat(strategy.get("type")).isEqualTo("RollingUpdate");
        assertThat(map(strategy.get("rollingUpdate")).get("maxUnavailable")).isEqualTo("10%");
    }

    @Test
    void containerIsLockedDown() {
        assertLockedDown(podSpec());
    }

    @Test
    void hostPathsAreMountedReadOnly() {
        assertHostPathsReadOnly(podSpec());
        Map<String, Map<String, Object>> volumes = byName(podSpec().get("volumes"));
        Map<String, Map<String, Object>> mounts = byName(container().get("volumeMounts"));
        Map<String, Object> podResources = mountOfHostPath(volumes, mounts, "/var/lib/kubelet/pod-resources");
        assertThat(podResources.get("mountPath")).isEqualTo("/var/lib/kubelet/pod-resources");
        Map<String, Object> proc = mountOfHostPath(volumes, mounts, "/proc");
        assertThat(proc.get("mountPath")).isEqualTo("/host/proc");
    }

    /**
     * The agent's pod as locked down as the base ships it; ChartRenderTest applies the same to every
     * value set the chart is rendered with. Root (uid 0) only because the kubelet's pod-resources socket is
     * root-only, with every capability dropped, no privilege escalation, a read-only root filesystem and
     * the runtime's seccomp profile; the host's PID namespace (NVML's PIDs) and no other host namespace.
     */
    static void assertLockedDown(Map<String, Object> pod) {
        assertThat(pod.get("hostPID")).isEqualTo(true);
        assertThat(pod).doesNotContainKeys("hostNetwork", "hostIPC");
        Map<String, Object> podSecurity = map(pod.get("securityContext"));
        assertThat(map(podSecurity.get("seccompProfile")).get("type")).isEqualTo("RuntimeDefault");
        assertThat(podSecurity.get("runAsUser")).isEqualTo(0);

        List<Object> containers = list(pod.get("containers"));
        assertThat(containers).hasSize(1);
        assertThat(pod).doesNotContainKeys("initContainers", "ephemeralContainers");
        Map<String, Object> security = map(map(containers.get(0)).get("securityContext"));
        assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(security.get("readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(security.get("privileged")).isNotEqualTo(true);
        Map<String, Object> caps = map(security.get("capabilities"));
        assertThat(strings(caps.get("drop"))).containsExactly("ALL");
        assertThat(caps).doesNotContainKey("add");
    }

    /**
     * Every hostPath volume is mounted read-only, and so is every other mount but the small emptyDir at
     * /tmp (the root filesystem is read-only; --simulate extracts its library there).
     */
    static void assertHostPathsReadOnly(Map<String, Object> pod) {
        Map<String, Map<String, Object>> volumes = byName(pod.get("volumes"));
        Map<String, Map<String, Object>> mounts = byName(map(list(pod.get("containers")).get(0)).get("volumeMounts"));
        volumes.forEach((name, volume) -> {
            if (volume.containsKey("hostPath")) {
                assertThat(mounts.get(name)).as("mount of " + name).isNotNull();
                assertThat(mounts.get(name).get("readOnly")).as(name + " readOnly").isEqualTo(true);
            }
        });
        Map<String, Object> tmp = mounts.values().stream()
                .filter(m -> "/tmp".equals(m.get("mountPath"))).findFirst().orElseThrow();
        assertThat(volumes.get((String) tmp.get("name"))).containsKey("emptyDir");
        mounts.values().stream().filter(m -> m != tmp).forEach(m ->
                assertThat(m.get("readOnly")).as(m.get("name") + " readOnly").isEqualTo(true));
    }

    @Test
    void procRootArgumentMatchesTheProcMount() {
        Map<String, Map<String, Object>> volumes = byName(podSpec().get("volumes"));
        Map<String, Map<String, Object>> mounts = byName(container().get("volumeMounts"));
        String procMount = (String) mountOfHostPath(volumes, mounts, "/proc").get("mountPath");
        List<String> args = strings(container().get("args"));
        assertThat(args).contains("--proc-root=" + procMount);
        String socket = args.stream().filter(a -> a.startsWith("--pod-resources-socket="))
                .map(a -> a.substring(a.indexOf('=') + 1)).findFirst()
                .orElse("/var/lib/kubelet/pod-resources/kubelet.sock");
        String podResourcesMount = (String) mountOfHostPath(volumes, mounts, "/var/lib/kubelet/pod-resources")
                .get("mountPath");
        assertThat(socket).startsWith(podResourcesMount + "/");
    }

    @Test
    void probesUseHealthzAndReadyzOnTheMetricsPort() {
        Map<String, Object> c = container();
        Map<String, Object> liveness = map(map(c.get("livenessProbe")).get("httpGet"));
        Map<String, Object> readiness = map(map(c.get("readinessProbe")).get("httpGet"));
        assertThat(liveness.get("path")).isEqualTo("/healthz");
        assertThat(readiness.get("path")).isEqualTo("/readyz");
        assertThat(liveness.get("port")).isEqualTo("metrics");
        assertThat(readiness.get("port")).isEqualTo("metrics");
        Map<String, Map<String, Object>> ports = byName(c.get("ports"));
        assertThat(ports.get("metrics").get("containerPort")).isEqualTo(9400);
        assertThat(map(c.get("livenessProbe")).get("periodSeconds")).isNotNull();
        assertThat(map(c.get("readinessProbe")).get("periodSeconds")).isNotNull();
    }

    @Test
    void environmentNamesTheNodeAndAsksForNvml() {
        Map<String, Map<String, Object>> env = byName(container().get("env"));
        Map<String, Object> fieldRef = map(map(env.get("NODE_NAME").get("valueFrom")).get("fieldRef"));
        assertThat(fieldRef.get("fieldPath")).isEqualTo("spec.nodeName");
        assertThat(env.get("NVIDIA_VISIBLE_DEVICES").get("value")).isEqualTo("all");
        assertThat(env.get("NVIDIA_DRIVER_CAPABILITIES").get("value")).isEqualTo("utility");
        // the JVM flags are the image's entrypoint (measured, checked by ContainerImageIT): an environment
        // variable would be prepended to them and silently lose
        assertThat(env).doesNotContainKeys("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");
    }

    @Test
    void schedulesOnGpuNodesOnly() {
        Map<String, Object> pod = podSpec();
        // a nodeSelector, so that an affinity of the user's own does not replace it
        assertThat(map(pod.get("nodeSelector"))).containsExactly(Map.entry("nvidia.com/gpu.present", "true"));
        assertThat(pod).doesNotContainKey("affinity");
        assertThat(list(pod.get("tolerations"))).anySatisfy(t -> {
            assertThat(map(t).get("key")).isEqualTo("nvidia.com/gpu");
            assertThat(map(t).get("operator")).isEqualTo("Exists");
        });
    }

    @Test
    void resourcesRequestAndLimitMemoryWithoutCpuLimit() {
        Map<String, Object> resources = map(container().get("resources"));
        Map<String, Object> requests = map(resources.get("requests"));
        Map<String, Object> limits = map(resources.get("limits"));
        assertThat(requests.get("cpu")).isEqualTo("20m");
        assertThat(requests.get("memory")).as("the 161.6 MiB peak of docs/performance.md plus 9%%").isEqualTo("176Mi");
        assertThat(limits.get("memory")).isEqualTo("256Mi");
        assertThat(limits).doesNotContainKey("cpu");
    }

    @Test
    void imageIsPinned() {
        assertThat((String) container().get("image")).isEqualTo("ghcr.io/gpu-agent/gpu-agent:0.1.0");
        assertThat(strings(list(kustomization.get("images")).stream()
                .map(i -> map(i).get("name")).toList())).contains("ghcr.io/gpu-agent/gpu-agent");
    }

    // ---- RBAC ----

    @Test
    void clusterRoleGrantsExactlyWhatTheAgentUses() {
        Map<String, Set<String>> granted = new LinkedHashMap<>();
        for (Object r : list(objects.get("ClusterRole/gpu-agent").get("rules"))) {
            Map<String, Object> rule = map(r);
            assertThat(rule).doesNotContainKeys("nonResourceURLs", "resourceNames");
            for (String group : strings(rule.get("apiGroups"))) {
                for (String resource : strings(rule.get("resources"))) {
                    granted.computeIfAbsent(group + "/" + resource, k -> new java.util.TreeSet<>())
                            .addAll(strings(rule.get("verbs")));
                }
            }
        }
        assertThat(granted).containsOnly(
                Map.entry("/pods", Set.of("list", "watch")),
                Map.entry("apps/replicasets", Set.of("get")),
                Map.entry("batch/jobs", Set.of("get")),
                Map.entry("resource.k8s.io/resourceslices", Set.of("list", "watch")),
                Map.entry("/events", Set.of("create", "patch")));
        assertThat(granted.keySet()).noneMatch(k -> k.contains("*") || k.endsWith("/secrets"));
        assertThat(granted.values()).allSatisfy(v -> assertThat(v).doesNotContain("*"));

        Map<String, Object> binding = objects.get("ClusterRoleBinding/gpu-agent");
        assertThat(map(binding.get("roleRef"))).containsEntry("kind", "ClusterRole").containsEntry("name", "gpu-agent");
        assertThat(list(binding.get("subjects"))).singleElement().satisfies(s -> assertThat(map(s))
                .containsEntry("kind", "ServiceAccount").containsEntry("name", "gpu-agent")
                .containsEntry("namespace", "gpu-agent"));
    }

    // ---- Service and monitors ----

    @Test
    void serviceIsHeadlessWithAMetricsPort() {
        Map<String, Object> service = spec(objects.get("Service/gpu-agent"));
        assertThat(service.get("clusterIP")).isEqualTo("None");
        assertThat(byName(service.get("ports")).get("metrics").get("port")).isEqualTo(9400);
    }

    @Test
    void monitorsHonorLabelsAndSetNodeFromThePod() throws IOException {
        List<Object> endpoints = new ArrayList<>();
        endpoints.addAll(list(spec(objects.get("ServiceMonitor/gpu-agent")).get("endpoints")));
        Map<String, Object> podMonitor = map(loadOne(DAEMONSET.resolve("examples/podmonitor.yaml")));
        assertThat(podMonitor.get("kind")).isEqualTo("PodMonitor");
        endpoints.addAll(list(spec(podMonitor).get("podMetricsEndpoints")));
        assertThat(endpoints).hasSize(2).allSatisfy(e -> {
            Map<String, Object> endpoint = map(e);
            assertThat(endpoint.get("port")).isEqualTo("metrics");
            assertThat(endpoint.get("honorLabels")).isEqualTo(true);
            assertThat(list(endpoint.get("relabelings"))).anySatisfy(r -> {
                assertThat(strings(map(r).get("sourceLabels"))).containsExactly("__meta_kubernetes_pod_node_name");
                assertThat(map(r).get("targetLabel")).isEqualTo("node");
            });
        });
    }

    // ---- rules ----

    @Test
    void prometheusRuleHasTheSameGroupsAsThePlainRulesFile() throws IOException {
        Object plain = map(loadOne(DAEMONSET.resolve("rules/gpu-agent.rules.yaml"))).get("groups");
        Object shipped = spec(objects.get("PrometheusRule/gpu-agent")).get("groups");
        assertThat(plain).isNotNull();
        assertThat(shipped).isEqualTo(plain);
    }

    // ---- helpers ----

    static Map<String, Object> podSpec() {
        return spec(map(spec(objects.get("DaemonSet/gpu-agent")).get("template")));
    }

    static Map<String, Object> container() {
        List<Object> containers = list(podSpec().get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    /** The container's mount of the hostPath volume with this host path. */
    static Map<String, Object> mountOfHostPath(Map<String, Map<String, Object>> volumes,
            Map<String, Map<String, Object>> mounts, String hostPath) {
        String volume = volumes.entrySet().stream()
                .filter(v -> v.getValue().containsKey("hostPath")
                        && hostPath.equals(map(v.getValue().get("hostPath")).get("path")))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no hostPath volume for " + hostPath));
        Map<String, Object> mount = mounts.get(volume);
        assertThat(mount).as("mount of " + hostPath).isNotNull();
        assertThat(mount.get("readOnly")).as(hostPath + " mounted readOnly").isEqualTo(true);
        return mount;
    }

    static Map<String, Object> spec(Map<String, Object> object) {
        assertThat(object).isNotNull();
        return map(object.get("spec"));
    }

    static Map<String, Map<String, Object>> byName(Object items) {
        return list(items).stream().map(ManifestsTest::map).collect(Collectors.toMap(
                i -> (String) i.get("name"), i -> i, (a, b) -> { throw new AssertionError("duplicate " + a); },
                LinkedHashMap::new));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Object>) o;
    }

    static List<String> strings(Object o) {
        return list(o).stream().map(String::valueOf).toList();
    }

    static Object loadOne(Path file) throws IOException {
        return new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }

    static List<Object> loadAll(Path file) throws IOException {
        List<Object> docs = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file)).forEach(docs::add);
        return docs;
    }
}
