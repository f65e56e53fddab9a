package io.gpuagent.pods;

import static io.gpuagent.pods.TestPods.await;
import static io.gpuagent.pods.TestPods.owner;
import static io.gpuagent.pods.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Caching, time-outs and fallbacks of owner lookups, against a fake API. */
class OwnerResolverTest {

    /** Answers from a map; counts calls; can be made to fail or to hang until released. */
    static final class FakeLookup implements ParentLookup {
        final Map<String, OwnerReference> owners = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile RuntimeException failure;
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public Optional<OwnerReference> controllerOf(String kind, String namespace, String name) {
            calls.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (failure != null) {
                throw failure;
            }
            return Optional.ofNullable(owners.get(kind + "/" + namespace + "/" + name));
        }
    }

    private final FakeLookup api = new FakeLookup();
    private OwnerResolver resolver = new OwnerResolver(api, Duration.ofMillis(150), Duration.ofMinutes(10),
            Duration.ofMillis(50));

    @AfterEach
    void close() {
        resolver.close();
    }

    private static Pod ownedBy(String name, OwnerReference owner) {
        return pod("ml", name, "node-a").editMetadata().withOwnerReferences(owner).endMetadata().build();
    }

    @Test
    void readsEachReplicaSetOnceForAllItsPods() {
        api.owners.put("ReplicaSet/ml/web-1", owner("apps/v1", "Deployment", "web"));
        OwnerReference rs = owner("apps/v1", "ReplicaSet", "web-1");

        assertThat(resolver.workloadOf(ownedBy("a", rs))).isEqualTo(new Workload("Deployment", "web"));
        assertThat(resolver.workloadOf(ownedBy("b", rs))).isEqualTo(new Workload("Deployment", "web"));
        assertThat(api.calls).hasValue(1);
    }

    @Test
    void aSlowLookupCostsAReaderAtMostTheTimeoutThenFallsBackToTheReplicaSet() {
        api.owners.put("ReplicaSet/ml/web-1", owner("apps/v1", "Deployment", "web"));
        api.gate = new CountDownLatch(1);
        Pod pod = ownedBy("a", owner("apps/v1", "ReplicaSet", "web-1"));

        long start = System.nanoTime();
        assertThat(resolver.workloadOf(pod)).isEqualTo(new Workload("ReplicaSet", "web-1"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(100), Duration.ofMillis(1000));

        api.gate.countDown();
        await("lookup done", Duration.ofSeconds(2),
                () -> resolver.workloadOf(pod).equals(new Workload("Deployment", "web")));
    }

    @Test
    void prefetchStartsTheLookupWithoutWaiting() {
        api.owners.put("Job/ml/nightly-1", owner("batch/v1", "CronJob", "nightly"));
        api.gate = new CountDownLatch(1);
        Pod pod = ownedBy("a", owner("batch/v1", "Job", "nightly-1"));

        long start = System.nanoTime();
        resolver.prefetch(pod);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
        api.gate.countDown();
        await("lookup done", Duration.ofSeconds(2), () -> api.calls.get() == 1
                && resolver.workloadOf(pod, System.nanoTime()).equals(new Workload("CronJob", "nightly")));
    }

    @Test
    void aFailedLookupFallsBackAndIsRetriedLater() {
        api.failure = new IllegalStateException("connection refused");
        Pod pod = ownedBy("a", owner("apps/v1", "ReplicaSet", "web-1"));

        assertThat(resolver.workloadOf(pod)).isEqualTo(new Workload("ReplicaSet", "web-1"));

        api.failure = null;
        api.owners.put("ReplicaSet/ml/web-1", owner("apps/v1", "Deployment", "web"));
        await("retried", Duration.ofSeconds(2), () -> resolver.workloadOf(pod).equals(new Workload("Deployment", "web")));
        assertThat(api.calls.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFailedRefreshKeepsThePreviousAnswer() {
        resolver.close();
        resolver = new OwnerResolver(api, Duration.ofMillis(150), Duration.ofMillis(20), Duration.ofMillis(20));
        api.owners.put("ReplicaSet/ml/web-1", owner("apps/v1", "Deployment", "web"));
        Pod pod = ownedBy("a", owner("apps/v1", "ReplicaSet", "web-1"));
        assertThat(resolver.workloadOf(pod)).isEqualTo(new Workload("Deployment", "web"));

        api.failure = new IllegalStateException("down");
        await("refresh attempts", Duration.ofSeconds(2), () -> {
            assertThat(resolver.workloadOf(pod)).isEqualTo(new Workload("Deployment", "web"));
            return api.calls.get() >= 3;
        });
    }

    @Test
    void ownersThatNeedNoLookup() {
        assertThat(resolver.workloadOf(ownedBy("a", owner("apps/v1", "StatefulSet", "db"))))
                .isEqualTo(new Workload("StatefulSet", "db"));
        assertThat(resolver.workloadOf(ownedBy("b", owner("apps/v1", "DaemonSet", "agent"))))
                .isEqualTo(new Workload("DaemonSet", "agent"));
        assertThat(resolver.workloadOf(ownedBy("c", owner("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet", "llm"))))
                .isEqualTo(new Workload("LeaderWorkerSet", "llm"));
        assertThat(resolver.workloadOf(ownedBy("d", owner("ray.io/v1", "RayCluster", "ray"))))
                .isEqualTo(new Workload("RayCluster", "ray"));
        // A ReplicaSet of another API group is not apps' ReplicaSet: nothing to look up.
        assertThat(resolver.workloadOf(ownedBy("e", owner("example.com/v1", "ReplicaSet", "x"))))
                .isEqualTo(new Workload("ReplicaSet", "x"));
        assertThat(resolver.workloadOf(ownedBy("f", owner("v1", "Node", "node-a")))).isEqualTo(new Workload("Pod", "f"));
        assertThat(resolver.workloadOf(pod("ml", "g", "node-a").build())).isEqualTo(new Workload("Pod", "g"));
        assertThat(api.calls).hasValue(0);
    }

    @Test
    void prunesLookupsNobodyAsksFor() {
        resolver.close();
        resolver = new OwnerResolver(api, Duration.ofMillis(150), Duration.ofMillis(10), Duration.ofMillis(10));
        resolver.workloadOf(ownedBy("a", owner("apps/v1", "ReplicaSet", "old-1")));
        assertThat(resolver.cached()).isEqualTo(1);
        await("pruned", Duration.ofSeconds(2), () -> {
            resolver.prune();
            return resolver.cached() == 0;
        });
    }
}
