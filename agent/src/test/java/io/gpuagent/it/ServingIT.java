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
                    scrape(AgentProcess.freeLoopbackPort()));

            try (AgentProcess agent = AgentProcess.start(api.env(dir.path()), "--simulate=test-node",
                    "--collect-interval=200ms", "--kubernetes=on", "--node-name=" + NODE,
                    "--pod-resources-socket=" + kubelet.socket())) {
                Exposition m = AttributionIT.awaitMetrics(agent,
                        // the informer's health is checked each second: up a tick after its first list
                        x -> !x.find("inference_queued_requests").isEmpty() && !x.find("inference_up", "pod", "broken-0").isEmpty()
                                && x.value("gpu_agent_kubernetes_up") == 1,
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
                assertThat(m.value("gpu_agent_kubernetes_up")).as("stderr: %s", agent.stderr()).isEqualTo(1);

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

    /** A raw TCP endpoint that misbehaves in the way {@code behavior} writes to the socket. */
    interface Misbehavior {
        void answer(java.io.OutputStream out) throws Exception;
    }

    /** Accepts connections on {@code address}, reads each request head, and lets {@code behavior} answer. */
    static java.net.ServerSocket hostile(String address, Misbehavior behavior) throws Exception {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 16, java.net.InetAddress.getByName(address));
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    java.net.Socket s = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            java.io.BufferedReader in = new java.io.BufferedReader(
                                    new java.io.InputStreamReader(s.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                                // request head
                            }
                            behavior.answer(s.getOutputStream());
                        } catch (Exception closedByTheReader) {
                            // the agent gave up on us: that is the point
                        }
                    });
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        });
        return server;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void hostileEndpointsCostOnlyTheirOwnInferenceUp() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n";
        try (ShortTempDir dir = ShortTempDir.create();
                FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"));
                FakeKubernetesApi api = FakeKubernetesApi.start();
                FakeInferenceServer vllm = FakeInferenceServer.start("127.0.0.1");
                // headers, then one byte every 300 ms: never finishes within the 2 s deadline
                java.net.ServerSocket slow = hostile("127.0.0.2", out -> {
                    out.write(ascii(ok + "\r\n"));
                    for (int i = 0; i < 100; i++) {
                        out.write('#');
                        out.flush();
                        Thread.sleep(300);
                    }
                });
                // 10 MB of metric lines, over the 4 MiB cap
                java.net.ServerSocket huge = hostile("127.0.0.3", out -> {
                    out.write(ascii(ok + "\r\n"));
                    byte[] chunk = ascii("filler_metric{i=\"0\"} 1\n".repeat(4096));
                    for (long sent = 0; sent < 10_000_000; sent += chunk.length) {
                        out.write(chunk);
                    }
                });
                // 200 OK with bytes that are no exposition at all
                java.net.ServerSocket garbage = hostile("127.0.0.4", out -> {
                    byte[] junk = new byte[64 * 1024];
                    new java.util.Random(42).nextBytes(junk);
                    out.write(ascii(ok + "Content-Length: " + junk.length + "\r\n\r\n"));
                    out.write(junk);
                });
                // promises 100000 bytes, sends a valid start and hangs up
                java.net.ServerSocket cut = hostile("127.0.0.5", out -> {
                    out.write(ascii(ok + "Content-Length: 100000\r\n\r\n"));
                    out.write(ascii(FakeInferenceServer.vllm("cut", 3, 1, 0.5, 1, 1)));
                    out.flush();
                })) {
            kubelet.setPods(pod("ml", "llama-7d9f-abcde", container("server", "nvidia.com/gpu", G0)));
            vllm.setPage(FakeInferenceServer.vllm("meta-llama/Llama-3.1-8B", 7, 32, 0.81, 12.0, 100));
            llamaDeployment(api.client());
            runningPod(api.client(), "ml", "llama-7d9f-abcde", vllm.address(),
                    controller("apps/v1", "ReplicaSet", "llama-7d9f"), scrape(vllm.port()));
            Map<String, java.net.ServerSocket> bad = Map.of("slow-0", slow, "huge-0", huge, "garbage-0", garbage, "cut-0", cut);
            for (Map.Entry<String, java.net.ServerSocket> e : bad.entrySet()) {
                runningPod(api.client(), "ml", e.getKey(), e.getValue().getInetAddress().getHostAddress(),
                        controller("apps/v1", "StatefulSet", e.getKey().replace("-0", "")), scrape(e.getValue().getLocalPort()));
            }

            try (AgentProcess agent = AgentProcess.start(api.env(dir.path()), "--simulate=test-node",
                    "--collect-interval=200ms", "--kubernetes=on", "--node-name=" + NODE,
                    "--pod-resources-socket=" + kubelet.socket())) {
                Exposition m = AttributionIT.awaitMetrics(agent,
                        x -> x.find("inference_up").size() == 5 && !x.find("inference_queued_requests").isEmpty(),
                        Duration.ofSeconds(30));
                assertThat(m.find("inference_up")).as("stderr: %s", agent.stderr()).hasSize(5);
                for (String pod : bad.keySet()) {
                    assertThat(m.value("inference_up", "pod", pod)).as(pod).isZero();
                    assertThat(m.find("inference_queued_requests", "pod", pod)).as(pod).isEmpty();
                }
                assertThat(m.value("inference_up", "pod", "llama-7d9f-abcde")).isEqualTo(1);
                assertThat(m.value("inference_queued_requests", "pod", "llama-7d9f-abcde")).isEqualTo(7);
                // the good target keeps its 2 s schedule and the rest of the agent is untouched
                int before = vllm.reads();
                Thread.sleep(4_500);
                assertThat(vllm.reads() - before).isBetween(2, 3);
                assertThat(agent.get("/readyz").statusCode()).isEqualTo(200);
                assertThat(Exposition.parse(agent.get("/metrics").body()).value("gpu_temperature_celsius", "gpu", "0",
                        "pod", "llama-7d9f-abcde")).isEqualTo(62);
                String log = agent.stderr();
                assertThat(log).contains("timed out after 2s").contains("body over 4194304 bytes")
                        .contains("no Prometheus samples");
            }
        }
    }
}
