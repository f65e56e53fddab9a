package io.gpuagent.pods;

import java.time.Clock;
import java.time.Duration;

/** The pod informer's health ({@code gpu_agent_kubernetes_up}): an {@link InformerHealth} for pods. */
final class ApiHealth {

    static final String SOURCE = "kubernetes";
    static final InformerHealth.Subject PODS = new InformerHealth.Subject(SOURCE, "io.gpuagent.pods", "pods",
            "Kubernetes API: watch lost, reconnecting");

    private ApiHealth() {
    }

    static InformerHealth create(String node, Duration downAfter, Duration probeEvery, Clock clock) {
        return new InformerHealth(PODS, node, downAfter, probeEvery, clock);
    }
}
