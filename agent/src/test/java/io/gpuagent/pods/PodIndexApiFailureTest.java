package io.gpuagent.pods;

import static io.gpuagent.pods.TestPods.await;
import static io.gpuagent.pods.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The index when the API server expires its watch, goes away, or is not there yet. */
class PodIndexApiFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(4);

    private FakeApiServer api;
    private KubernetesClient client;
    private PodIndex index;
    private io.gpuagent.source.SourceRunner<Integer> runner;

    @BeforeEach
    void startApi() throws Exception {
        api = FakeApiServer.start();
        client = api.client();
    }

    @AfterEach
    void stopAll() {
        if (runner != null) {
            runner.close();
        }
        if (index != null) {
            index.close();
        }
        client.close();
        api.close();
    }

    private void startIndex() {
        index = PodIndex.start(client, "node-a", Optional.empty(), PodIndexTest.FAST, ParentLookup.of(client));
        runner = io.gpuagent.source.SourceRunner.start(index, index.refreshEvery(), java.time.Clock.systemUTC());
    }

    @Test
    void relistsWhenTheWatchIsGoneAndCountsTheExpiryOnce() throws Exception {
        client.close();
        ListRequests lists = new ListRequests();
        client = api.client(lists);
        api.putPod(pod("ml", "a", "node-a").build());
        index = PodIndex.start(client, lists, "node-a", Optional.empty(), PodIndexTest.FAST, ParentLookup.of(client));
        runner = io.gpuagent.source.SourceRunner.start(index, index.refreshEvery(), java.time.Clock.systemUTC());
        await("first sync", WAIT, () -> runner.state().up());
        long podLists = api.podLists();
        long errors = runner.state().errors();

        // Only a new list can find "b": the history it was added in is compacted away.
        api.expireWatches(pod("ml", "b", "node-a").build());

        await("relist", WAIT, () -> index.pod("ml", "b").isPresent());
        assertThat(api.podLists()).isGreaterThan(podLists);
        await("watching again", WAIT, () -> runner.state().up());
        assertThat(index.pod("ml", "a")).isPresent();
        await("the expiry counted (at the next refresh)", WAIT, () -> runner.state().errors() > errors);
        Thread.sleep(200); // several refreshes more
        assertThat(runner.state().errors()).as("the expiry, once").isEqualTo(errors + 1);
        assertThat(runner.state().problem()).isEmpty();
    }

    @Test
    void keepsWhatItKnowsWhileTheApiServerIsDownAndRecovers() throws Exception {
        api.putPod(pod("ml", "a", "node-a").build());
        startIndex();
        await("first sync", WAIT, () -> runner.state().up());
        Instant syncedAt = runner.state().lastSuccess().orElseThrow();

        api.stop();

        await("down", WAIT, () -> !runner.state().up());
        await("a reason", WAIT, () -> runner.state().problem().orElse("").contains("connection refused"));
        assertThat(runner.state().problem()).contains("Kubernetes API: connection refused");
        assertThat(index.pod("ml", "a")).isPresent();
        assertThat(runner.state().lastSuccess()).hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(syncedAt));
        assertThat(runner.state().latest()).contains(1);

        api.putPod(pod("ml", "while-down", "node-a").build());
        api.restart();

        await("up again", WAIT, () -> runner.state().up());
        await("missed pod", WAIT, () -> index.pod("ml", "while-down").isPresent());
        assertThat(runner.state().problem()).isEmpty();
    }

    @Test
    void startsWithoutWaitingForAnApiServerThatIsNotThereYet() throws Exception {
        api.putPod(pod("ml", "a", "node-a").build());
        api.stop();

        long started = System.nanoTime();
        startIndex();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(runner.state().up()).isFalse();
        await("a reason", WAIT, () -> runner.state().problem().orElse("").contains("connection refused"));
        assertThat(runner.state().lastSuccess()).isEmpty();
        assertThat(index.pod("ml", "a")).isEmpty();

        api.restart();

        await("first sync", WAIT, () -> runner.state().up());
        assertThat(index.pod("ml", "a")).isPresent();
    }
}
