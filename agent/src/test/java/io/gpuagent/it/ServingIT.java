package io.gpuagent.it;

import static io.gpuagent.kubelet.FakeKubelet.container;
import static io.gpuagent.kubelet.FakeKubelet.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gpuagent.kubelet.FakeKubelet;
import io.gpuagent.kubelet.ShortTempDir;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent with a Kubernetes API server, a pod-resources server and inference servers on
 * loopback: serving pods found through the pod informer, read, normalized and labelled with their
 * workload; a dead endpoint costs only its own {@code inference_up}.
 */
class ServingIT {

    static final String NODE = "gpu-node-1";
    static final String G0 = "GPU-11111111-1111-1111-1111-111111111111";

    static OwnerReference controller(String apiVersion, String kind, String name) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name)
                .withUid("uid-" + name).withController(true).build();
    }

    /** A Running, Ready pod on {@link #NODE} at {@code ip}, created in the API with its status. */
    static void runningPod(KubernetesClient api, String namespace, String name, String ip, OwnerReference owner,
            Map<String, String> annotations) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withUid("uid-" + name)
                .withAnnotations(annotations).withOwnerReferences(owner).endMetadata()
                .withNewSpec().withNodeName(NODE).addNewContainer().withName("server").withImage("vllm")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build();
        api.pods().inNamespace(namespace).resource(pod).create();
        api.pods().inNamespace(namespace).resource(pod).updateStatus(); // in case create dropped the status
    }

    static void llamaDeployment(KubernetesClient api) {
        api.apps().deployments().inNamespace("ml").resource(new DeploymentBuilder().withNewMetadata()
                .withNamespace("ml").withName("llama").withUid("uid-llama").endMetadata().build()).create();
        api.apps().replicaSets().inNamespace("ml").resource(new ReplicaSetBuilder().withNewMetadata()
                .withNamespace("ml").withName("llama-7d9f").withUid("uid-llama-7d9f")
                .withOwnerReferences(controller("apps/v1", "Deployment", "llama")).endMetadata().build()).create();
    }

    static Map<String, String> scrape(int port) {
        return Map.of("gpu-agent.io/scrape", "true", "gpu-agent.io/port", Integer.toString(port));
    }

    @Test
    void servingPodsAreReadNormalizedAndLabelledWithTheirWorkload() throws Exception {
        try (ShortTempDir dir = ShortTempDir.create();
                FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"));
                FakeKubernetesApi api = FakeKubernetesApi.start();
                FakeInferenceServer vllm = FakeInferenceServer.start("127.0.0.1")) {
            kubelet.setPods(pod("ml", "llama-7d9f-abcde", container("server", "nvidia.com/gpu", G0)));
            vllm.setPage(FakeInferenceServer.vllm("meta-llama/Llama-3.1-8B", 7, 32, 0.81, 12.0, 100));
            llamaDeployment(api.client());
            runningPod(api.client(), "ml", "llama-7d9f-abcde", vllm.address(),
                    controller("apps/v1", "ReplicaSet", "llama-7d9f"), scrape(vllm.port()));
            // a second server whose endpoint is closed: it costs only its own inference_up
            runningPod(api.client(), "ml", "broken-0", "127.0.0.1", controller("apps/v1", "StatefulSet", "broken"),
                    scrape(closedPort()));

            try (AgentProcess agent = AgentProcess.start(api.env(dir.path()), "--simulate=test-node",
                    "--collect-interval=200ms", "--kubernetes=on", "--node-name=" + NODE,
                    "--pod-resources-socket=" + kubelet.socket())) {
                Exposition m = AttributionIT.awaitMetrics(agent,
                        x -> !x.find("inference_queued_requests").isEmpty() && !x.find("inference_up", "pod", "broken-0").isEmpty(),
                        Duration.ofSeconds(30));
                assertThat(m.find("inference_queued_requests")).as("stderr: %s", agent.stderr()).hasSize(1);
                Map<String, String> labels = m.find("inference_queued_requests").get(0).labels();
                assertThat(labels).containsEntry("namespace", "ml").containsEntry("pod", "llama-7d9f-abcde")
                        .containsEntry("workload", "llama").containsEntry("workload_kind", "Deployment")
                        .containsEntry("server", "vllm").containsEntry("model", "meta-llama/Llama-3.1-8B");
                assertThat(m.value("inference_queued_requests", "pod", "llama-7d9f-abcde")).isEqualTo(7);
                assertThat(m.value("inference_running_requests", "pod", "llama-7d9f-abcde")).isEqualTo(32);
                assertThat(m.value("inference_kv_cache_utilization_ratio", "pod", "llama-7d9f-abcde")).isEqualTo(0.81);
                assertThat(m.value("inference_up", "pod", "llama-7d9f-abcde")).isEqualTo(1);
                assertThat(m.value("inference_up", "pod", "broken-0")).isZero();
                assertThat(m.find("inference_up", "pod", "broken-0").get(0).labels())
                        .containsEntry("workload", "broken").containsEntry("workload_kind", "StatefulSet");
                assertThat(m.value("gpu_agent_kubernetes_up")).isEqualTo(1);

                // the queue builds: the next reads follow it, and the wait over the window appears
                // (40 more requests finished, 60 s more queue time in total: 1.5 s each)
                vllm.setPage(FakeInferenceServer.vllm("meta-llama/Llama-3.1-8B", 23, 32, 0.97, 72.0, 140));
                Exposition later = AttributionIT.awaitMetrics(agent,
                        x -> x.value("inference_queued_requests", "pod", "llama-7d9f-abcde") == 23
                                && !x.find("inference_queue_wait_seconds").isEmpty(),
                        Duration.ofSeconds(15));
                assertThat(later.value("inference_queued_requests", "pod", "llama-7d9f-abcde")).isEqualTo(23);
                assertThat(later.value("inference_queue_wait_seconds", "pod", "llama-7d9f-abcde")).isEqualTo(1.5);
                assertThat(later.value("gpu_agent_collection_errors_total", "source", "serving")).isPositive();
            }
        }
    }

    static int closedPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
