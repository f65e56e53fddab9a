package io.gpuagent.dra;

import io.gpuagent.pods.InformerHealth;
import java.time.Clock;
import java.time.Duration;

/**
 * The ResourceSlice informer's health: an {@link InformerHealth} for ResourceSlices. A cluster without
 * the DRA API ({@link #NOT_SERVED}) is a steady state, not an outage.
 */
final class DraHealth {

    static final String SOURCE = "dra";
    static final String NOT_SERVED = "resource.k8s.io/v1 not served: DRA attribution off";
    static final InformerHealth.Subject SLICES = new InformerHealth.Subject(SOURCE, "io.gpuagent.dra", "ResourceSlices",
            "Kubernetes API: ResourceSlice watch lost, reconnecting");

    private DraHealth() {
    }

    static InformerHealth create(String node, Duration downAfter, Duration probeEvery, Clock clock) {
        return new InformerHealth(SLICES, node, downAfter, probeEvery, clock);
    }
}
