package io.gpuagent.it;

import static io.gpuagent.kubelet.FakeKubelet.container;
import static io.gpuagent.kubelet.FakeKubelet.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gpuagent.kubelet.FakeKubelet;
import io.gpuagent.kubelet.ShortTempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Evidence that the queue signal leads GPU utilization: a load ramp against one simulated serving
 * replica whose simulated GPU's utilization follows the offered load, read end to end through the
 * packaged agent, with the shipped KEDA recipe's queue-depth query.
 *
 * <p>The model (docs/autoscaling.md, "Why the queue leads"): offered load ρ rises from 75% of the
 * replica's capacity by half a point a second. The GPU's utilization is the busy fraction, which for
 * a work-conserving server equals ρ: the simulated NVML answers {@code ramp(75, 0.5)} percent. The
 * queue is that of a server taking one request (or batch) at a time under random (Poisson) arrivals:
 * on average ρ²/(1−ρ) requests wait, so the queue builds before the GPU is fully busy. The threshold
 * follows the docs' rule, completions per second at capacity times the queue wait accepted. The
 * server's clock starts only once the agent is ready, after the simulated GPU's, and the agent reads
 * the server every 2 s, so the measured lead is if anything understated.
 */
class LeadTimeIT {

    static final String G0 = "GPU-11111111-1111-1111-1111-111111111111";
    static final double START_LOAD = 0.75;
    static final double LOAD_PER_SECOND = 0.005;
    /** Requests a second the replica completes when fully busy. */
    static final double CAPACITY = 4.0;
    /** The mean queue wait the service accepts. */
    static final double ACCEPTED_WAIT_SECONDS = 1.0;
    /** The recipe's per-replica threshold, chosen by the docs' rule for this server. */
    static final double THRESHOLD = CAPACITY * ACCEPTED_WAIT_SECONDS;
    static final String RECIPE_QUERY = "sum(inference_queued_requests{namespace=\"ml\",workload=\"llama\"}) or vector(0)";

    static final String SCENARIO = """
            # one GPU whose utilization follows the offered load of LeadTimeIT's ramp
            [gpu]
            name = NVIDIA H100 80GB HBM3
            uuid = %s
            memory_total = 85520809984
            memory_used = 64424509440
            utilization_gpu = ramp(75, 0.5)
            """.formatted(G0);

    /** The query of the shipped KEDA recipe's queue-depth trigger: the one this test evaluates. */
    static String recipeQueueQuery() throws Exception {
        JsonNode recipe = new YAMLMapper().readTree(Path.of("../daemonset/autoscaling/keda-prometheus.yaml").toFile());
        for (JsonNode trigger : recipe.path("spec").path("triggers")) {
            JsonNode meta = trigger.path("metadata");
            if (trigger.path("type").asText().equals("prometheus")
                    && meta.path("query").asText().contains("inference_queued_requests")) {
                return meta.path("query").asText();
            }
        }
        throw new AssertionError("keda-prometheus.yaml has no prometheus trigger on inference_queued_requests");
    }

    /** The offered load at {@code seconds} into the ramp, kept below saturation (the test ends before). */
    static double load(double seconds) {
        return Math.min(0.99, START_LOAD + LOAD_PER_SECOND * seconds);
    }

    /** A vLLM page at load ρ: ρ²/(1−ρ) waiting, queue time and completions accumulated as Little's law says. */
    static final class RampingVllm {
        final long start = System.nanoTime();
        double lastSeconds;
        double queueSecondsSum;
        double finished;

        synchronized String page() {
            double now = (System.nanoTime() - start) / 1e9;
            double rho = load(now);
            double waiting = rho * rho / (1 - rho);
            queueSecondsSum += waiting * (now - lastSeconds);
            finished += rho * CAPACITY * (now - lastSeconds);
            lastSeconds = now;
            return FakeInferenceServer.vllm("llama", (int) Math.round(waiting), 1, rho, queueSecondsSum, (long) finished);
        }
    }

    record Reading(double seconds, double utilization, double queued) {
    }

    @Test
    void theQueueTriggerFiresBeforeGpuUtilizationReaches90Percent() throws Exception {
        assertThat(recipeQueueQuery()).isEqualTo(RECIPE_QUERY);
        double threshold = THRESHOLD;
        try (ShortTempDir dir = ShortTempDir.create();
                FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"));
                FakeKubernetesApi api = FakeKubernetesApi.start();
                FakeInferenceServer vllm = FakeInferenceServer.start("127.0.0.1")) {
            Path scenario = dir.resolve("lead-time.conf");
            Files.writeString(scenario, SCENARIO);
            kubelet.setPods(pod("ml", "llama-7d9f-abcde", container("server", "nvidia.com/gpu", G0)));
            ServingIT.llamaDeployment(api.client());
            ServingIT.runningPod(api.client(), "ml", "llama-7d9f-abcde", vllm.address(),
                    ServingIT.controller("apps/v1", "ReplicaSet", "llama-7d9f"), ServingIT.scrape(vllm.port()));
            vllm.setPage(FakeInferenceServer.vllm("llama", 0, 1, START_LOAD, 0, 0));

            try (AgentProcess agent = AgentProcess.start(api.env(dir.path()), "--simulate=" + scenario,
                    "--collect-interval=200ms", "--kubernetes=on", "--node-name=" + ServingIT.NODE,
                    "--pod-resources-socket=" + kubelet.socket())) {
                assertThat(agent.awaitStatus("/readyz", 200, Duration.ofSeconds(20)).statusCode()).isEqualTo(200);
                RampingVllm ramp = new RampingVllm();
                vllm.setPage(ramp::page);

                List<Reading> readings = new ArrayList<>();
                Optional<Reading> trigger = Optional.empty();
                Optional<Reading> busy = Optional.empty();
                long deadline = System.nanoTime() + Duration.ofSeconds(50).toNanos();
                while (busy.isEmpty() && System.nanoTime() < deadline) {
                    Exposition m = Exposition.parse(agent.get("/metrics").body());
                    double seconds = (System.nanoTime() - ramp.start) / 1e9;
                    // the recipe's query, sum(inference_queued_requests{namespace="ml",workload="llama"}), per replica (1)
                    double queued = m.find("inference_queued_requests", "namespace", "ml", "workload", "llama").stream()
                            .mapToDouble(Exposition.Sample::value).sum();
                    double utilization = m.value("gpu_utilization_ratio", "uuid", G0);
                    Reading r = new Reading(seconds, utilization, queued);
                    readings.add(r);
                    if (trigger.isEmpty() && queued > threshold) {
                        trigger = Optional.of(r);
                    }
                    if (utilization >= 0.9) {
                        busy = Optional.of(r);
                    }
                    Thread.sleep(250);
                }
                assertThat(trigger).as("queue trigger (threshold %s) crossed; readings %s", threshold, readings).isPresent();
                assertThat(busy).as("GPU utilization reached 90%%; readings %s", readings).isPresent();
                double lead = busy.get().seconds() - trigger.get().seconds();
                System.out.printf(Locale.ROOT, "lead time: queue trigger (> %.1f per replica) at %.1f s with GPU utilization"
                        + " %.2f; GPU utilization 0.90 at %.1f s; lead %.1f s at a ramp of %.1f%% of capacity per second%n",
                        threshold, trigger.get().seconds(), trigger.get().utilization(), busy.get().seconds(), lead,
                        LOAD_PER_SECOND * 100);
                assertThat(trigger.get().utilization()).as("GPU utilization when the trigger fired").isLessThan(0.9);
                assertThat(lead).as("seconds the trigger led GPU utilization's 90%%").isPositive();
            }
        }
    }
}
