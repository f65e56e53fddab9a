package io.gpuagent.pods;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * Reads the controller of a pod's direct owner where the workload is one level further up: a
 * ReplicaSet's Deployment, a Job's CronJob. Needs {@code get} on {@code apps/replicasets} and
 * {@code batch/jobs}. May block for the client's request timeout; callers run it off the scrape path.
 */
@FunctionalInterface
interface ParentLookup {

    /**
     * @param kind {@code ReplicaSet} or {@code Job}
     * @return the object's controlling owner; empty when it has none or the object does not exist
     * @throws RuntimeException when the API server could not be asked (down, forbidden, timed out)
     */
    Optional<OwnerReference> controllerOf(String kind, String namespace, String name);

    static ParentLookup of(KubernetesClient client) {
        return (kind, namespace, name) -> {
            HasMetadata object = switch (kind) {
                case "ReplicaSet" -> client.apps().replicaSets().inNamespace(namespace).withName(name).get();
                case "Job" -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
                default -> null;
            };
            return object == null ? Optional.empty() : controller(object.getMetadata().getOwnerReferences());
        };
    }

    /** The owner marked {@code controller: true}, else the first owner (older objects lack the flag). */
    static Optional<OwnerReference> controller(List<OwnerReference> owners) {
        if (owners == null || owners.isEmpty()) {
            return Optional.empty();
        }
        return owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst()
                .or(() -> Optional.of(owners.getFirst()));
    }
}
