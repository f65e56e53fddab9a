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

    @Test
    void namesAreRememberedUntilThePodsChange() {
        Map<String, ContainerRef> containers = new java.util.HashMap<>();
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        ProcessOwners.Names remembered = new ProcessOwners.Names(ProcessOwners.namedBy(id -> {
            lookups.incrementAndGet();
            return Optional.ofNullable(containers.get(id));
        }, uid -> Optional.ofNullable(Map.of(UID, new ContainerRef("ml", "train-0", UID, "")).get(uid))));
        assertThat(remembered.apply(in(UID, CID))).as("not seen yet: the pod alone")
                .contains(new ProcessOwner("ml", "train-0", ""));
        containers.put(CID, new ContainerRef("ml", "train-0", UID, "trainer"));
        assertThat(remembered.apply(in(UID, CID))).as("no change told: remembered")
                .contains(new ProcessOwner("ml", "train-0", ""));
        assertThat(lookups.get()).isOne();
        remembered.changed(); // the informer saw the container's id
        assertThat(remembered.apply(in(UID, CID))).contains(new ProcessOwner("ml", "train-0", "trainer"));
        assertThat(remembered.apply(in(UID, CID))).contains(new ProcessOwner("ml", "train-0", "trainer"));
        assertThat(lookups.get()).isEqualTo(2);
        containers.clear();
        remembered.changed(); // the pod went away
        assertThat(remembered.apply(in(UID, CID))).contains(new ProcessOwner("ml", "train-0", ""));
    }

    @Test
    void aNameWorkedOutWhileThePodsChangeIsNotKept() {
        Map<String, ContainerRef> containers = new java.util.HashMap<>();
        ProcessOwners.Names[] self = new ProcessOwners.Names[1];
        self[0] = new ProcessOwners.Names(ProcessOwners.namedBy(id -> {
            Optional<ContainerRef> before = Optional.ofNullable(containers.get(id));
            // the informer's event lands while this lookup runs
            containers.put(CID, new ContainerRef("ml", "train-0", UID, "trainer"));
            self[0].changed();
            return before;
        }, uid -> Optional.empty()));
        assertThat(self[0].apply(in(UID, CID))).isEmpty();
        containers.put(CID, new ContainerRef("ml", "train-0", UID, "trainer"));
        assertThat(self[0].apply(in(UID, CID))).as("worked out again, not the stale answer")
                .contains(new ProcessOwner("ml", "train-0", "trainer"));
    }

    @Test
    void pastTheirBoundNamesStartOver() {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        ProcessOwners.Names remembered = new ProcessOwners.Names(pc -> {
            lookups.incrementAndGet();
            return Optional.empty();
        });
        for (int i = 0; i <= ProcessOwners.Names.MAX_NAMES; i++) {
            remembered.apply(in(UID, String.format("%064x", i)));
        }
        remembered.apply(in(UID, String.format("%064x", 0)));
        assertThat(lookups.get()).as("the first name was forgotten with the rest").isEqualTo(ProcessOwners.Names.MAX_NAMES + 2);
    }
}
