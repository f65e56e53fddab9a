package io.gpuagent.pods;

import static io.gpuagent.pods.TestPods.owner;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API reads behind owner resolution, against fabric8's mock server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class ParentLookupTest {

    KubernetesClient client;

    @Test
    void readsTheControllerOfAReplicaSetAndOfAJob() {
        client.apps().replicaSets().inNamespace("ml").resource(new ReplicaSetBuilder().withNewMetadata()
                .withName("web-1").withOwnerReferences(owner("apps/v1", "Deployment", "web")).endMetadata().build())
                .create();
        client.batch().v1().jobs().inNamespace("ml").resource(new JobBuilder().withNewMetadata()
                .withName("nightly-1").withOwnerReferences(owner("batch/v1", "CronJob", "nightly")).endMetadata()
                .build()).create();
        ParentLookup lookup = ParentLookup.of(client);

        assertThat(lookup.controllerOf("ReplicaSet", "ml", "web-1")).map(OwnerReference::getName).contains("web");
        assertThat(lookup.controllerOf("Job", "ml", "nightly-1")).map(OwnerReference::getKind).contains("CronJob");
    }

    @Test
    void anObjectWithoutOwnersOrNotThereHasNoController() {
        client.apps().replicaSets().inNamespace("ml").resource(new ReplicaSetBuilder().withNewMetadata()
                .withName("bare").endMetadata().build()).create();
        ParentLookup lookup = ParentLookup.of(client);

        assertThat(lookup.controllerOf("ReplicaSet", "ml", "bare")).isEmpty();
        assertThat(lookup.controllerOf("ReplicaSet", "ml", "gone")).isEmpty();
        assertThat(lookup.controllerOf("Job", "other", "nightly-1")).isEmpty();
    }

    @Test
    void prefersTheOwnerMarkedController() {
        OwnerReference plain = owner("v1", "ConfigMap", "x");
        plain.setController(null);
        OwnerReference controller = owner("apps/v1", "Deployment", "web");
        assertThat(ParentLookup.controller(List.of(plain, controller))).contains(controller);
        assertThat(ParentLookup.controller(List.of(plain))).contains(plain);
        assertThat(ParentLookup.controller(null)).isEmpty();
    }
}
