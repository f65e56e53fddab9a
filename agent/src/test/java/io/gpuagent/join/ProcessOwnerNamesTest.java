package io.gpuagent.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.cgroup.PodContainer;
import io.gpuagent.cgroup.QosClass;
import io.gpuagent.pods.ContainerRef;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A process's cgroup (pod uid, container id) named through the pod informer's two indexes. */
class ProcessOwnerNamesTest {

    static final String UID = "11111111-2222-3333-4444-555555555555";
    static final String CID = "a".repeat(64);
    static final String UNSEEN = "b".repeat(64);

    final Function<PodContainer, Optional<ProcessOwner>> names = ProcessOwners.namedBy(
            id -> Optional.ofNullable(Map.of(CID, new ContainerRef("ml", "train-0", UID, "trainer")).get(id)),
            uid -> Optional.ofNullable(Map.of(UID, new ContainerRef("ml", "train-0", UID, "")).get(uid)));

    static PodContainer in(String uid, String containerId) {
        return new PodContainer(uid, Optional.ofNullable(containerId), QosClass.BURSTABLE);
    }

    @Test
    void aKnownContainerIsNamedWithItsPod() {
        assertThat(names.apply(in(UID, CID))).contains(new ProcessOwner("ml", "train-0", "trainer"));
    }

    @Test
    void aPodLevelProcessOrAnUnseenContainerIsNamedByItsPodAlone() {
        assertThat(names.apply(in(UID, null))).contains(new ProcessOwner("ml", "train-0", ""));
        assertThat(names.apply(in(UID, UNSEEN))).contains(new ProcessOwner("ml", "train-0", ""));
    }

    @Test
    void anUnknownPodIsNotNamed() {
        assertThat(names.apply(in("99999999-2222-3333-4444-555555555555", UNSEEN))).isEmpty();
        assertThat(names.apply(in("99999999-2222-3333-4444-555555555555", null))).isEmpty();
    }
}
