package io.gpuagent.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerIdsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "containerd://4f0c2a, 4f0c2a",
            "cri-o://4f0c2a, 4f0c2a",
            "docker://4f0c2a, 4f0c2a",
            "4f0c2a, 4f0c2a",
            "'', ''",
            "NULL, ''",
    })
    void stripsTheRuntimePrefix(String raw, String expected) {
        assertThat(ContainerIds.strip(raw)).isEqualTo(expected);
    }

    @Test
    void collectsEveryKindOfStatusAndThePreviousInstance() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus()
                .addToContainerStatuses(new ContainerStatusBuilder().withName("main").withContainerID("containerd://a")
                        .withNewLastState().withNewTerminated().withContainerID("containerd://a0").endTerminated()
                        .endLastState().build())
                .addToContainerStatuses(new ContainerStatusBuilder().withName("waiting").build())
                .addToInitContainerStatuses(new ContainerStatusBuilder().withName("init").withContainerID("cri-o://b")
                        .build())
                .addToEphemeralContainerStatuses(new ContainerStatusBuilder().withName("debug")
                        .withContainerID("docker://c").build())
                .endStatus().build();

        assertThat(ContainerIds.byId(pod)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "a", "main", "a0", "main", "b", "init", "c", "debug"));
    }

    @Test
    void aPodWithoutStatusHasNoIds() {
        assertThat(ContainerIds.byId(new PodBuilder().withNewMetadata().withName("p").endMetadata().build())).isEmpty();
    }
}
