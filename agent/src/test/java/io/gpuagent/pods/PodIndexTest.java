package io.gpuagent.pods;

import static io.gpuagent.pods.TestPods.await;
import static io.gpuagent.pods.TestPods.owner;
import static io.gpuagent.pods.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The index against a stub API server that filters by node as the real one does. */
class PodIndexTest {

    static final PodIndex.Timing FAST = new PodIndex.Timing(Duration.ofMillis(25), Duration.ofMillis(200),
            Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofMillis(100));
    private static final Duration WAIT = Duration.ofSeconds(3);

    private FakeApiServer api;
    private KubernetesClient client;
    private PodIndex index;
    private io.gpuagent.source.SourceRunner<Integer> runner;

    @BeforeEach
    void startApi() throws Exception {
        api = FakeApiServer.start();
        client = api.client();
    }

    @AfterEach
    void stopAll() {
        if (runner != null) {
            runner.close();
        }
        if (index != null) {
            index.close();
        }
        client.close();
        api.close();
    }

    private PodIndex startIndex(Optional<Pattern> allowlist) {
        index = PodIndex.start(client, "node-a", allowlist, FAST, ParentLookup.of(client));
        runner = io.gpuagent.source.SourceRunner.start(index, index.refreshEvery(), java.time.Clock.systemUTC());
        await("first sync", WAIT, () -> runner.state().up());
        return index;
    }

    @Test
    void indexesOnlyThePodsOfItsNodeAskingTheApiServerForThemAlone() {
        api.putPod(pod("ml", "here", "node-a").build());
        api.putPod(pod("ml", "elsewhere", "node-b").build());
        startIndex(Optional.empty());

        assertThat(index.pod("ml", "here")).isPresent();
        assertThat(index.pod("ml", "elsewhere")).isEmpty();
        assertThat(index.byUid("uid-elsewhere")).isEmpty();
        assertThat(index.pods()).extracting(PodInfo::name).containsExactly("here");
        assertThat(runner.state().latest()).contains(1);
        assertThat(api.requests()).filteredOn(r -> r.startsWith("/api/v1/pods"))
                .allMatch(r -> r.contains("fieldSelector=spec.nodeName%3Dnode-a"), "node-scoped");

        api.putPod(pod("ml", "later-elsewhere", "node-b").build());
        api.putPod(pod("ml", "later-here", "node-a").build());
        await("watched pod", WAIT, () -> index.pod("ml", "later-here").isPresent());
        assertThat(index.pod("ml", "later-elsewhere")).isEmpty();
    }

    @Test
    void describesAPod() {
        api.putPod(pod("ml", "server", "node-a").editSpec().editFirstContainer()
                .addNewPort().withName("http").withContainerPort(8000).endPort()
                .addNewPort().withContainerPort(9090).endPort().endContainer()
                .addNewInitContainer().withName("proxy").withRestartPolicy("Always").endInitContainer()
                .addNewInitContainer().withName("setup").endInitContainer().endSpec()
                .editMetadata().addToAnnotations("prometheus.io/port", "8000").endMetadata().build());
        startIndex(Optional.empty());

        PodInfo info = index.pod("ml", "server").orElseThrow();
        assertThat(info.uid()).isEqualTo("uid-server");
        assertThat(info.phase()).isEqualTo("Running");
        assertThat(info.ready()).isTrue();
        assertThat(info.podIp()).contains("10.0.0.7");
        assertThat(info.node()).isEqualTo("node-a");
        assertThat(info.allowlistedLabels()).isEmpty();
        assertThat(info.workload()).isEqualTo(new Workload("Pod", "server"));
        assertThat(info.containers()).containsExactly(
                new PodInfo.ContainerInfo("proxy", java.util.List.of()),
                new PodInfo.ContainerInfo("main", java.util.List.of(new PodInfo.Port("http", 8000),
                        new PodInfo.Port("", 9090))));
        assertThat(info.annotations()).containsEntry("prometheus.io/port", "8000");
    }

    @Test
    void findsPodsByUidAndStaticPodsByTheirConfigHash() {
        api.putPod(pod("kube-system", "etcd-node-a", "node-a").editMetadata()
                .addToAnnotations(PodInfo.CONFIG_HASH_ANNOTATION, "0f1e2d3c")
                .addToAnnotations("kubernetes.io/config.mirror", "0f1e2d3c")
                .withOwnerReferences(owner("v1", "Node", "node-a")).endMetadata().build());
        startIndex(Optional.empty());

        assertThat(index.byUid("uid-etcd-node-a")).map(PodInfo::name).contains("etcd-node-a");
        assertThat(index.byUid("0f1e2d3c")).map(PodInfo::name).contains("etcd-node-a");
        assertThat(index.byUid("0f1e2d3c").orElseThrow().workload()).isEqualTo(new Workload("Pod", "etcd-node-a"));
        assertThat(index.byUid("nope")).isEmpty();
        assertThat(index.byUid("")).isEmpty();
    }

    @Test
    void findsContainersByEveryIdTheirStatusesName() {
        api.putPod(pod("ml", "train", "node-a").editStatus()
                .addToContainerStatuses(new ContainerStatusBuilder().withName("main").withContainerID("containerd://aaa")
                        .withNewLastState().withNewTerminated().withContainerID("containerd://old").withExitCode(1)
                        .endTerminated().endLastState().build())
                .addToInitContainerStatuses(new ContainerStatusBuilder().withName("init")
                        .withContainerID("cri-o://bbb").build())
                .addToEphemeralContainerStatuses(new ContainerStatusBuilder().withName("debug")
                        .withContainerID("docker://ccc").build())
                .endStatus().build());
        startIndex(Optional.empty());

        ContainerRef main = new ContainerRef("ml", "train", "uid-train", "main");
        assertThat(index.byContainerId("aaa")).contains(main);
        assertThat(index.byContainerId("containerd://aaa")).contains(main);
        assertThat(index.byContainerId("old")).contains(main);
        assertThat(index.byContainerId("bbb")).contains(new ContainerRef("ml", "train", "uid-train", "init"));
        assertThat(index.byContainerId("ccc")).contains(new ContainerRef("ml", "train", "uid-train", "debug"));
        assertThat(index.byContainerId("ddd")).isEmpty();
    }

    @Test
    void copiesAllowlistedLabelsUnderPrometheusNames() {
        api.putPod(pod("ml", "p", "node-a").editMetadata().addToLabels(Map.of(
                "app.kubernetes.io/name", "vllm", "team", "search", "pod-template-hash", "abc")).endMetadata().build());
        startIndex(Optional.of(Pattern.compile("app\\.kubernetes\\.io/.*|team")));

        assertThat(index.pod("ml", "p").orElseThrow().allowlistedLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "label_app_kubernetes_io_name", "vllm", "label_team", "search"));
    }

    @Test
    void uidAndDcgmExportersLabelsOfAPodWithoutWaiting() {
        api.putPod(pod("ml", "p", "node-a").editMetadata().addToLabels(Map.of(
                "app.kubernetes.io/name", "vllm", "team", "search")).endMetadata().build());
        startIndex(Optional.of(Pattern.compile("team")));

        assertThat(index.uid("ml", "p")).contains("uid-p");
        assertThat(index.uid("ml", "nope")).isEmpty();
        assertThat(index.dcgmLabels("ml", "p")).containsExactlyEntriesOf(Map.of("team", "search"));
        assertThat(index.dcgmLabels("ml", "nope")).isEmpty();
    }

    @Test
    void resolvesTheWorkloadOfEachKindOfOwner() {
        api.putObject(new ReplicaSetBuilder().withNewMetadata().withNamespace("ml").withName("web-5d8f")
                .withOwnerReferences(owner("apps/v1", "Deployment", "web")).endMetadata().build());
        api.putObject(new ReplicaSetBuilder().withNewMetadata().withNamespace("ml").withName("bare-rs").endMetadata()
                .build());
        api.putObject(new JobBuilder().withNewMetadata().withNamespace("ml").withName("nightly-2900")
                .withOwnerReferences(owner("batch/v1", "CronJob", "nightly")).endMetadata().build());
        api.putObject(new JobBuilder().withNewMetadata().withNamespace("ml").withName("once").endMetadata().build());
        Map<String, Workload> expected = Map.of(
                "deploy", new Workload("Deployment", "web"),
                "rs", new Workload("ReplicaSet", "bare-rs"),
                "rs-gone", new Workload("ReplicaSet", "deleted-rs"),
                "sts", new Workload("StatefulSet", "db"),
                "ds", new Workload("DaemonSet", "agent"),
                "cron", new Workload("CronJob", "nightly"),
                "job", new Workload("Job", "once"),
                "lws", new Workload("LeaderWorkerSet", "llama"),
                "lws-worker", new Workload("LeaderWorkerSet", "llama"),
                "bare", new Workload("Pod", "bare"));
        put("deploy", owner("apps/v1", "ReplicaSet", "web-5d8f"));
        put("rs", owner("apps/v1", "ReplicaSet", "bare-rs"));
        put("rs-gone", owner("apps/v1", "ReplicaSet", "deleted-rs"));
        put("sts", owner("apps/v1", "StatefulSet", "db"));
        put("ds", owner("apps/v1", "DaemonSet", "agent"));
        put("cron", owner("batch/v1", "Job", "nightly-2900"));
        put("job", owner("batch/v1", "Job", "once"));
        put("lws", owner("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet", "llama"));
        api.putPod(pod("ml", "lws-worker", "node-a").editMetadata()
                .withOwnerReferences(owner("apps/v1", "StatefulSet", "llama-0"))
                .addToLabels(OwnerResolver.LWS_NAME_LABEL, "llama").endMetadata().build());
        api.putPod(pod("ml", "bare", "node-a").build());
        startIndex(Optional.empty());

        expected.forEach((pod, workload) ->
                assertThat(index.pod("ml", pod).orElseThrow().workload()).as(pod).isEqualTo(workload));
    }

    @Test
    void theWorkloadNowNeverWaitsAndSettlesOnceTheLookupAnswers() {
        api.putObject(new ReplicaSetBuilder().withNewMetadata().withNamespace("ml").withName("web-5d8f")
                .withOwnerReferences(owner("apps/v1", "Deployment", "web")).endMetadata().build());
        put("deploy", owner("apps/v1", "ReplicaSet", "web-5d8f"));
        startIndex(Optional.empty());
        // the informer prefetched the ReplicaSet's owner when the pod was added
        await("the Deployment", WAIT, () -> index.workloadNow("ml", "deploy")
                .equals(Optional.of(new Workload("Deployment", "web"))));
        assertThat(index.workloadNow("ml", "nobody")).isEmpty();
    }

    private void put(String name, io.fabric8.kubernetes.api.model.OwnerReference owner) {
        api.putPod(pod("ml", name, "node-a").editMetadata().withOwnerReferences(owner).endMetadata().build());
    }

    @Test
    void tellsListenersAboutAddedAndDeletedPodsAndContainerChangesOnly() {
        startIndex(Optional.empty());
        AtomicInteger changes = new AtomicInteger();
        index.onChange(changes::incrementAndGet);

        api.putPod(pod("ml", "a", "node-a").build());
        await("add", WAIT, () -> changes.get() == 1);
        // Events arrive in order: once the next add is counted, the label change before it was not.
        api.putPod(pod("ml", "a", "node-a").editMetadata().addToLabels("x", "y").endMetadata().build());
        api.putPod(pod("ml", "b", "node-a").build());
        await("second add", WAIT, () -> index.pod("ml", "b").isPresent() && changes.get() >= 2);
        assertThat(changes).hasValue(2);

        api.putPod(pod("ml", "a", "node-a").editStatus().addToContainerStatuses(new ContainerStatusBuilder()
                .withName("main").withContainerID("containerd://new").build()).endStatus().build());
        await("container change", WAIT, () -> changes.get() == 3);
        api.deletePod("ml", "a");
        await("delete", WAIT, () -> changes.get() == 4 && index.pod("ml", "a").isEmpty());
    }
}
