package io.gpuagent.it;

import static io.gpuagent.kubelet.FakeKubelet.container;
import static io.gpuagent.kubelet.FakeKubelet.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gpuagent.kubelet.FakeKubelet;
import io.gpuagent.kubelet.ShortTempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes faults injected into the running packaged agent (simulated GPUs, a real gRPC pod-resources
 * server on a unix socket, fabric8's mock API server behind a loopback proxy): the kubelet's socket gone
 * and back, the API server down and back, and a watch that expires with 410 Gone. Each one shows in the
 * agent's own metrics, is logged once when it starts and once when it ends, and never stops the GPU
 * metrics; each recovers without a restart.
 */
class KubernetesFaultsIT {

    static final String NODE = "gpu-node-1";
    static final String G0 = AttributionIT.G0;
    static final String G2 = AttributionIT.G2;

    static final String ERRORS = "gpu_agent_collection_errors_total";
    static final String LAST = "gpu_agent_last_collection_timestamp_seconds";

    @Test
    void kubeletSocketGoneAndBack() throws Exception {
        try (ShortTempDir dir = ShortTempDir.create()) {
            Path socket = dir.resolve("kubelet.sock");
            FakeKubelet kubelet = FakeKubelet.start(socket);
            kubelet.setPods(pod("ml", "train-0", container("main", "nvidia.com/gpu", G0)));
            try (AgentProcess agent = AgentProcess.start("--simulate=test-node", "--collect-interval=200ms",
                    "--kubernetes=off", "--pod-resources-socket=" + socket)) {
                Exposition up = await(agent, m -> podResourcesUp(m) && heldBy(m, G0, "train-0"), Duration.ofSeconds(20));
                assertThat(up.value("gpu_agent_pod_resources_up")).as("stderr: %s", agent.stderr()).isEqualTo(1);

                // the kubelet goes away: its server stops and its socket file is removed
                kubelet.stop();
                assertThat(socket).doesNotExist();
                Exposition gone = await(agent, m -> m.value("gpu_agent_pod_resources_up") == 0, Duration.ofSeconds(15));
                assertThat(gone.value("gpu_agent_pod_resources_up")).isZero();
                double errorsWhenGone = gone.value(ERRORS, "source", "pod-resources");
                assertThat(errorsWhenGone).isGreaterThan(up.value(ERRORS, "source", "pod-resources"));
                // GPU metrics go on, and the agent stays ready
                assertThat(gone.value("gpu_agent_nvml_up")).isEqualTo(1);
                assertThat(gone.value("gpu_up", "gpu", "0")).isEqualTo(1);
                assertThat(agent.get("/readyz").statusCode()).isEqualTo(200);
                // the last known allocations are kept (for AllocationSource.KEEP_STALE): pods keep their
                // devices while the kubelet restarts, and nothing on the node can change hands without it
                assertThat(heldBy(gone, G0, "train-0")).isTrue();
                assertThat(gone.find("gpu_allocation_info", "pod", "train-0")).hasSize(1);

                // the next refresh fails too: counted again, not logged again; the timestamp shows staleness
                Exposition still = await(agent, m -> m.value(ERRORS, "source", "pod-resources") > errorsWhenGone,
                        Duration.ofSeconds(10));
                assertThat(still.value(ERRORS, "source", "pod-resources")).isGreaterThan(errorsWhenGone);
                assertThat(still.value(LAST, "source", "pod-resources")).isEqualTo(gone.value(LAST, "source", "pod-resources"));
                assertThat(still.value("gpu_agent_pod_resources_up")).isZero();
                assertThat(count(agent.stderr(), "no pod-resources socket at " + socket)).as(agent.stderr()).isEqualTo(1);

                // back on the same path, with G0 now held by another pod: read again without a restart
                kubelet = FakeKubelet.start(socket);
                kubelet.setPods(pod("ml", "train-1", container("main", "nvidia.com/gpu", G0)));
                Exposition back = await(agent, m -> podResourcesUp(m) && heldBy(m, G0, "train-1"), Duration.ofSeconds(15));
                assertThat(back.value("gpu_agent_pod_resources_up")).isEqualTo(1);
                assertThat(heldBy(back, G0, "train-1")).isTrue();
                assertThat(back.find("gpu_allocation_info", "pod", "train-0")).isEmpty();
                assertThat(back.value(LAST, "source", "pod-resources")).isGreaterThan(still.value(LAST, "source", "pod-resources"));
                assertThat(agent.process.isAlive()).isTrue();
                String log = agent.stderr();
                assertThat(count(log, "no pod-resources socket at")).as(log).isEqualTo(1);
                assertThat(count(log, "pod-resources answers again")).as(log).isEqualTo(1);
            } finally {
                kubelet.close();
            }
        }
    }

    @Test
    void apiServerDownAndBack() throws Exception {
        try (ShortTempDir dir = ShortTempDir.create();
                FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"));
                FakeKubernetesApi api = FakeKubernetesApi.start();
                LoopbackProxy proxy = LoopbackProxy.start(api.port())) {
            kubelet.setPods(pod("ml", "train-0", container("main", "nvidia.com/gpu", G0)),
                    pod("ml", "late-0", container("main", "nvidia.com/gpu", G2)));
            createPod(api.client(), "train-0", "vision");
            try (AgentProcess agent = start(api, proxy, kubelet, dir)) {
                Exposition up = await(agent, m -> kubernetesUp(m) && labelled(m, "train-0", "vision")
                        && m.value("gpu_agent_dra_up") == 1, Duration.ofSeconds(30));
                assertThat(up.value("gpu_agent_kubernetes_up")).as("stderr: %s", agent.stderr()).isEqualTo(1);
                assertThat(labelled(up, "late-0", "speech")).isFalse();
                // the DRA ResourceSlices are a source like the others, with their own series
                assertThat(up.value("gpu_agent_source_state", "source", "dra", "gpu_agent_source_state", "up")).isEqualTo(1);
                assertThat(up.find("gpu_agent_last_collection_timestamp_seconds", "source", "dra")).hasSize(1);

                proxy.cut(); // connection refused, and the open watch is cut off
                Exposition down = await(agent, m -> m.value("gpu_agent_kubernetes_up") == 0
                        && m.value("gpu_agent_dra_up") == 0, Duration.ofSeconds(15));
                assertThat(down.value("gpu_agent_kubernetes_up")).isZero();
                assertThat(down.value("gpu_agent_source_state", "source", "dra", "gpu_agent_source_state", "down"))
                        .isEqualTo(1);
                assertThat(down.value(ERRORS, "source", "kubernetes")).isGreaterThan(up.value(ERRORS, "source", "kubernetes"));
                // what the informer knew is kept: labels stay, GPU metrics and attribution go on
                assertThat(labelled(down, "train-0", "vision")).isTrue();
                assertThat(heldBy(down, G0, "train-0")).isTrue();
                assertThat(down.value("gpu_up", "gpu", "0")).isEqualTo(1);
                assertThat(down.value("gpu_agent_pod_resources_up")).isEqualTo(1);
                assertThat(agent.get("/readyz").statusCode()).isEqualTo(200);

                // a pod is scheduled here while the agent cannot see the API server
                createPod(api.client(), "late-0", "speech");
                Thread.sleep(2_000); // more retries: none of them logged
                proxy.restore();

                Exposition back = await(agent, m -> kubernetesUp(m) && labelled(m, "late-0", "speech"), Duration.ofSeconds(30));
                assertThat(back.value("gpu_agent_kubernetes_up")).isEqualTo(1);
                assertThat(labelled(back, "late-0", "speech")).isTrue();
                assertThat(labelled(back, "train-0", "vision")).isTrue();
                assertThat(back.value(LAST, "source", "kubernetes")).isGreaterThan(down.value(LAST, "source", "kubernetes"));
                String log = agent.stderr();
                assertThat(count(log, "Kubernetes API: connection refused; keeping the last known 1 pods; retrying"))
                        .as(log).isEqualTo(1);
                assertThat(count(log, "Kubernetes API answers again: watching 2 pods of node " + NODE)).as(log).isEqualTo(1);
                assertThat(log).doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
    }

    @Test
    void anExpiredWatchMakesTheInformerRelist() throws Exception {
        try (ShortTempDir dir = ShortTempDir.create();
                FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"));
                FakeKubernetesApi api = FakeKubernetesApi.start();
                LoopbackProxy proxy = LoopbackProxy.start(api.port())) {
            kubelet.setPods(pod("ml", "train-0", container("main", "nvidia.com/gpu", G0)),
                    pod("ml", "late-0", container("main", "nvidia.com/gpu", G2)),
                    pod("ml", "next-0", container("main", "nvidia.com/mig-3g.40gb", AttributionIT.MIG_A)));
            createPod(api.client(), "train-0", "vision");
            try (AgentProcess agent = start(api, proxy, kubelet, dir)) {
                Exposition up = await(agent, m -> kubernetesUp(m) && labelled(m, "train-0", "vision"), Duration.ofSeconds(30));
                assertThat(up.value("gpu_agent_kubernetes_up")).as("stderr: %s", agent.stderr()).isEqualTo(1);
                double errorsBefore = up.value(ERRORS, "source", "kubernetes");
                int listsBefore = api.podLists();

                // the watch's connection breaks and its resource version is compacted away meanwhile: the
                // re-watch gets 410 Gone, and only a new list finds the pod added in between
                api.expirePodWatches();
                proxy.dropConnections();
                createPod(api.client(), "late-0", "speech");

                Exposition relisted = await(agent, m -> labelled(m, "late-0", "speech")
                        && m.value(ERRORS, "source", "kubernetes") > errorsBefore, Duration.ofSeconds(20));
                assertThat(api.expiredPodWatches()).as("watches answered 410").isPositive();
                assertThat(api.podLists()).as("pod lists").isGreaterThan(listsBefore);
                assertThat(labelled(relisted, "late-0", "speech")).as("stderr: %s", agent.stderr()).isTrue();
                assertThat(labelled(relisted, "train-0", "vision")).isTrue();
                // the expiry is counted once, and the informer stays up: a relist is how it recovers
                assertThat(relisted.value(ERRORS, "source", "kubernetes")).isEqualTo(errorsBefore + 1);
                Exposition after = await(agent, KubernetesFaultsIT::kubernetesUp, Duration.ofSeconds(10));
                assertThat(after.value("gpu_agent_kubernetes_up")).isEqualTo(1);
                assertThat(after.value("gpu_up", "gpu", "0")).isEqualTo(1);

                // the informer is watching again: the next pod arrives through the watch, without a list
                int listsAfter = api.podLists();
                createPod(api.client(), "next-0", "nlp");
                Exposition next = await(agent, m -> labelled(m, "next-0", "nlp"), Duration.ofSeconds(10));
                assertThat(labelled(next, "next-0", "nlp")).isTrue();
                assertThat(api.podLists()).isEqualTo(listsAfter);
                assertThat(next.value(ERRORS, "source", "kubernetes")).isEqualTo(errorsBefore + 1);
                // told when it started, and when the informer watches again (seen on its next health tick)
                String log = awaitLog(agent, "Kubernetes API: relisted; watching ", Duration.ofSeconds(5));
                assertThat(count(log, "Kubernetes API: watch expired (410 Gone); relisting the 1 pods of node " + NODE))
                        .as(log).isEqualTo(1);
                // (2 or 3 pods: next-0 may be there already)
                assertThat(Pattern.compile("INFO io.gpuagent.pods: Kubernetes API: relisted; watching [23] pods of node "
                        + NODE).matcher(log).results().count()).as(log).isEqualTo(1);
                assertThat(log).doesNotContain("WARNING io.gpuagent.pods");
                assertThat(log).doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
    }

    // --- helpers ---

    static AgentProcess start(FakeKubernetesApi api, LoopbackProxy proxy, FakeKubelet kubelet, ShortTempDir dir)
            throws Exception {
        Path kubeconfig = api.kubeconfig(dir.path(), proxy.url());
        return AgentProcess.start(Map.of("KUBECONFIG", kubeconfig.toString()), "--simulate=test-node",
                "--collect-interval=200ms", "--kubernetes=on", "--node-name=" + NODE, "--pod-label-allowlist=team",
                "--pod-resources-socket=" + kubelet.socket());
    }

    static void createPod(KubernetesClient api, String name, String team) {
        api.pods().inNamespace("ml").resource(new PodBuilder()
                .withNewMetadata().withNamespace("ml").withName(name).withUid("uid-" + name)
                .addToLabels("team", team).endMetadata()
                .withNewSpec().withNodeName(NODE).addNewContainer().withName("main").withImage("train").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").endStatus()
                .build()).create();
    }

    static Exposition await(AgentProcess agent, Predicate<Exposition> until, Duration limit) throws Exception {
        return AttributionIT.awaitMetrics(agent, m -> {
            try {
                return until.test(m);
            } catch (AssertionError notThereYet) {
                return false;
            }
        }, limit);
    }

    static boolean podResourcesUp(Exposition m) {
        return m.value("gpu_agent_pod_resources_up") == 1;
    }

    static boolean kubernetesUp(Exposition m) {
        return m.value("gpu_agent_kubernetes_up") == 1;
    }

    /** GPU {@code uuid}'s series carry {@code pod} as its holder. */
    static boolean heldBy(Exposition m, String uuid, String pod) {
        return !m.find("gpu_temperature_celsius", "uuid", uuid, "namespace", "ml", "pod", pod, "container", "main").isEmpty();
    }

    /** The pod's allocation carries its allowlisted label from the API server. */
    static boolean labelled(Exposition m, String pod, String team) {
        return !m.find("gpu_allocation_info", "pod", pod, "label_team", team).isEmpty();
    }

    /** The agent's log once it has {@code needle} in it, or at {@code limit}. */
    static String awaitLog(AgentProcess agent, String needle, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!agent.stderr().contains(needle) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return agent.stderr();
    }

    static int count(String text, String needle) {
        return (int) Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }
}
