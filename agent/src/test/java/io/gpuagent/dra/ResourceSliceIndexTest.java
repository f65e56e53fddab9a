package io.gpuagent.dra;

import static io.gpuagent.dra.Slices.device;
import static io.gpuagent.dra.Slices.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gpuagent.kubelet.ContainerAllocation.ClaimDevice;
import io.gpuagent.kubelet.DeviceRef;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The index against a loopback stub that filters slices by node as the real API server does. */
class ResourceSliceIndexTest {

    private static final ResourceSliceIndex.Timing FAST = new ResourceSliceIndex.Timing(Duration.ofMillis(25),
            Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMinutes(5));
    private static final Duration WAIT = Duration.ofSeconds(4);
    private static final String GPU0 = "GPU-00000000-0000-0000-0000-000000000000";
    private static final String MIG1 = "MIG-11111111-1111-1111-1111-111111111111";

    private FakeSliceApi api;
    private KubernetesClient client;
    private ResourceSliceIndex index;
    private io.gpuagent.source.SourceRunner<Integer> runner;

    @BeforeEach
    void startApi() throws Exception {
        api = new FakeSliceApi();
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

    @Test
    void indexesThisNodesNvidiaDevicesOnlyAskingForThisNodeAlone() {
        api.put(slice("node-a-gpus", "node-a", DraDevices.DRIVER, "node-a", 1,
                device("gpu-0", "type", "gpu", "uuid", GPU0),
                device("gpu-1-mig-1g.10gb-9-0", "gpu.nvidia.com/type", "mig", "gpu.nvidia.com/uuid", MIG1)));
        api.put(slice("node-b-gpus", "node-b", DraDevices.DRIVER, "node-b", 1, device("gpu-0", "uuid", "GPU-b")));
        api.put(slice("node-a-other", "node-a", "dra.example.com", "node-a", 1, device("gpu-9", "uuid", "GPU-x")));

        index = ResourceSliceIndex.start(client, "node-a", FAST);

        runner = io.gpuagent.source.SourceRunner.start(index, index.refreshEvery(), java.time.Clock.systemUTC());
        await("first sync", () -> runner.state().up());

        assertThat(index.attributes(new PoolDevice("node-a", "gpu-0"))).contains(Map.of("type", "gpu", "uuid", GPU0));
        assertThat(index.attributes(new PoolDevice("node-b", "gpu-0"))).isEmpty();
        assertThat(index.attributes(new PoolDevice("node-a", "gpu-9"))).isEmpty();
        assertThat(runner.state().latest()).contains(2);
        assertThat(runner.state().source()).isEqualTo("dra");
        assertThat(index.resolve(claim("node-a", "gpu-0"))).contains(new DeviceRef.GpuUuid(GPU0, OptionalInt.empty()));
        assertThat(index.resolve(claim("node-a", "gpu-1-mig-1g.10gb-9-0")))
                .contains(new DeviceRef.MigUuid(MIG1, OptionalInt.empty()));
        assertThat(api.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r).contains("fieldSelector=spec.nodeName%3Dnode-a"));

        // Watched, too: a slice of another node arriving later stays out.
        api.put(slice("node-b-more", "node-b", DraDevices.DRIVER, "node-b", 1, device("gpu-1", "uuid", "GPU-b1")));
        api.put(slice("node-a-more", "node-a", DraDevices.DRIVER, "node-a-2", 1, device("gpu-1", "uuid", "GPU-a1")));
        await("watched slice", () -> index.attributes(new PoolDevice("node-a-2", "gpu-1")).isPresent());
        assertThat(index.attributes(new PoolDevice("node-b", "gpu-1"))).isEmpty();
    }

    @Test
    void anUpdateReplacesTheDevicesAndADeleteRemovesThem() {
        api.put(slice("s", "node-a", DraDevices.DRIVER, "node-a", 1, device("gpu-0", "uuid", GPU0)));
        index = ResourceSliceIndex.start(client, "node-a", FAST);
        runner = io.gpuagent.source.SourceRunner.start(index, index.refreshEvery(), java.time.Clock.systemUTC());
        await("first sync", () -> runner.state().up());
        assertThat(index.attributes(new PoolDevice("node-a", "gpu-0"))).isPresent();

        // MIG enabled on gpu-0: the driver republishes the pool with the MIG device in place of the GPU.
        api.put(slice("s", "node-a", DraDevices.DRIVER, "node-a", 2,
                device("gpu-0-mig-1g.10gb-9-0", "type", "mig", "uuid", MIG1, "parentUUID", GPU0)));
        await("replaced", () -> index.attributes(new PoolDevice("node-a", "gpu-0")).isEmpty());
        assertThat(index.resolve(claim("node-a", "gpu-0-mig-1g.10gb-9-0")))
                .contains(new DeviceRef.MigUuid(MIG1, OptionalInt.empty()));

        api.delete("s");
        await("deleted", () -> index.attributes(new PoolDevice("node-a", "gpu-0-mig-1g.10gb-9-0")).isEmpty());
        await("count", () -> runner.state().latest().equals(Optional.of(0)));
    }

    @Test
    void anOlderPoolGenerationDoesNotShadowTheNewOne() {
        api.put(slice("old", "node-a", DraDevices.DRIVER, "node-a", 1, device("gpu-0", "uuid", "GPU-old")));
        api.put(slice("new", "node-a", DraDevices.DRIVER, "node-a", 2, device("gpu-0", "uuid", GPU0)));
        index = ResourceSliceIndex.start(client, "node-a", FAST);
        runner = io.gpuagent.source.SourceRunner.start(index, index.refreshEvery(), java.time.Clock.systemUTC());
        await("first sync", () -> runner.state().up());
        assertThat(index.attributes(new PoolDevice("node-a", "gpu-0"))).contains(Map.of("uuid", GPU0));
    }

    @Test
    void withoutTheDraApiItSaysSoOnceAndDoesNotSpin() throws Exception {
        api.served(false);
        long before = System.nanoTime();
        index = ResourceSliceIndex.start(client, "node-a", FAST);
        runner = io.gpuagent.source.SourceRunner.start(index, index.refreshEvery(), java.time.Clock.systemUTC());
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));

        await("not served", () -> runner.state().problem().equals(Optional.of(ResourceSliceIndex.NOT_SERVED)));
        long lists = api.lists();
        Thread.sleep(600); // fabric8 alone would relist every 50-800 ms here
        assertThat(api.lists()).isEqualTo(lists).isLessThanOrEqualTo(3);
        assertThat(runner.state().problem()).contains("resource.k8s.io/v1 not served: DRA attribution off");
        assertThat(index.resolve(claim("node-a", "gpu-3"))).contains(new DeviceRef.GpuMinor(3, OptionalInt.empty()));
    }

    @Test
    void listsAgainAfterTheRetryIntervalOnceServed() {
        api.served(false);
        index = ResourceSliceIndex.start(client, "node-a", new ResourceSliceIndex.Timing(Duration.ofMillis(25),
                Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(300)));
        runner = io.gpuagent.source.SourceRunner.start(index, index.refreshEvery(), java.time.Clock.systemUTC());
        await("not served", () -> runner.state().problem().equals(Optional.of(ResourceSliceIndex.NOT_SERVED)));

        api.put(slice("s", "node-a", DraDevices.DRIVER, "node-a", 1, device("gpu-0", "uuid", GPU0)));
        api.served(true);
        await("up after upgrade", () -> runner.state().up());
        assertThat(index.attributes(new PoolDevice("node-a", "gpu-0"))).isPresent();
    }

    @Test
    void anUnreachableApiServerNeitherBlocksStartNorHidesTheReason() {
        api.close(); // the port is closed now: connection refused
        long before = System.nanoTime();
        index = ResourceSliceIndex.start(client, "node-a", FAST);
        runner = io.gpuagent.source.SourceRunner.start(index, index.refreshEvery(), java.time.Clock.systemUTC());
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        await("reason", () -> runner.state().problem().orElse("").contains("connection refused"));
        assertThat(runner.state().up()).isFalse();
    }

    private static ClaimDevice claim(String pool, String device) {
        return new ClaimDevice("ml", "claim", DraDevices.DRIVER, pool, device);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT.toMillis() + " ms waiting for " + what);
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
