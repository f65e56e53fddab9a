package io.gpuagent.pods;

import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Pods as the API server would return them, and a bounded wait. */
final class TestPods {

    private TestPods() {
    }

    /** A running pod with one container {@code main} whose uid is {@code uid-<name>}. */
    static PodBuilder pod(String namespace, String name, String node) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withUid("uid-" + name).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("main").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.0.0.7")
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
    }

    static OwnerReference owner(String apiVersion, String kind, String name) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name)
                .withUid("uid-" + name).withController(true).build();
    }

    /** Polls until {@code condition} holds, failing after {@code max}. */
    static void await(String what, Duration max, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + max.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
