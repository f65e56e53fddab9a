package io.gpuagent.kubelet;

import static io.gpuagent.kubelet.FakeKubelet.container;
import static io.gpuagent.kubelet.FakeKubelet.containerWith;
import static io.gpuagent.kubelet.FakeKubelet.containerWithClaim;
import static io.gpuagent.kubelet.FakeKubelet.devices;
import static io.gpuagent.kubelet.FakeKubelet.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gpuagent.kubelet.ContainerAllocation.ClaimDevice;
import io.gpuagent.kubelet.ContainerAllocation.DeviceGroup;
import io.gpuagent.kubelet.PodResourcesException.Kind;
import io.gpuagent.kubelet.v1.PodResources;
import io.grpc.Status;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class PodResourcesClientTest {

    private static final String GPU = "nvidia.com/gpu";
    private static final String UUID_A = "GPU-0a1b2c3d-0000-1111-2222-333344445555";
    private static final String UUID_B = "GPU-9f8e7d6c-0000-1111-2222-333344445555";
    private static final String MIG_A = "MIG-11111111-2222-3333-4444-555555555555";

    private ShortTempDir dir;
    private Path socket;
    private FakeKubelet kubelet;
    private PodResourcesClient client;

    @BeforeEach
    void setUp() {
        dir = ShortTempDir.create();
        socket = dir.resolve("kubelet.sock");
        client = new PodResourcesClient(socket, Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() {
        client.close();
        if (kubelet != null) {
            kubelet.stop();
        }
        dir.close();
    }

    @Test
    void listReturnsEveryContainerWithDevicesAndLeavesOutTheOthers() throws Exception {
        kubelet = FakeKubelet.start(socket);
        kubelet.setPods(
                pod("ml", "trainer-0",
                        // the kubelet sends one entry per device: merged by resource
                        containerWith("main", devices(GPU, UUID_A), devices(GPU, UUID_B),
                                devices("example.com/nic", "nic-3")),
                        container("sidecar", GPU)),
                pod("serve", "shared-1", container("app", "nvidia.com/gpu.shared", UUID_A + "::3", UUID_A + "::7")),
                pod("serve", "mig-1", container("app", "nvidia.com/mig-1g.10gb", MIG_A)),
                pod("dra", "claimer", containerWithClaim("ctr", "dra", "gpu-claim", "gpu.nvidia.com", "node-1", "gpu-0")),
                pod("kube-system", "no-devices", container("c", GPU)));

        List<ContainerAllocation> all = client.list();

        assertThat(all).containsExactly(
                new ContainerAllocation("ml", "trainer-0", "main",
                        List.of(new DeviceGroup(GPU, List.of(UUID_A, UUID_B)),
                                new DeviceGroup("example.com/nic", List.of("nic-3"))),
                        List.of()),
                new ContainerAllocation("serve", "shared-1", "app",
                        List.of(new DeviceGroup("nvidia.com/gpu.shared", List.of(UUID_A + "::3", UUID_A + "::7"))),
                        List.of()),
                new ContainerAllocation("serve", "mig-1", "app",
                        List.of(new DeviceGroup("nvidia.com/mig-1g.10gb", List.of(MIG_A))), List.of()),
                new ContainerAllocation("dra", "claimer", "ctr", List.of(),
                        List.of(new ClaimDevice("dra", "gpu-claim", "gpu.nvidia.com", "node-1", "gpu-0"))));
        assertThat(kubelet.listCalls()).isEqualTo(1);
    }

    @Test
    void missingSocketFailsWithoutAChannelAndTheSameClientWorksOnceItAppears() throws Exception {
        PodResourcesException e = catchThrowableOfType(PodResourcesException.class, client::list);
        assertThat(e.kind()).isEqualTo(Kind.SOCKET_MISSING);
        assertThat(e.getMessage()).contains(socket.toString());
        assertThat(client.channelsCreated()).isZero();

        kubelet = FakeKubelet.start(socket);
        kubelet.setPods(pod("a", "p", container("c", GPU, UUID_A)));

        assertThat(client.list()).extracting(ContainerAllocation::pod).containsExactly("p");
        assertThat(client.channelsCreated()).isEqualTo(1);
    }

    @Test
    void kubeletRestartIsFollowedWithinSeconds() throws Exception {
        kubelet = FakeKubelet.start(socket);
        kubelet.setPods(pod("a", "before", container("c", GPU, UUID_A)));
        assertThat(client.list()).extracting(ContainerAllocation::pod).containsExactly("before");

        kubelet.stop();
        assertThat(Files.exists(socket)).as("socket removed on stop").isFalse();
        PodResourcesException away = catchThrowableOfType(PodResourcesException.class, client::list);
        assertThat(away.kind()).isIn(Kind.SOCKET_MISSING, Kind.UNAVAILABLE);

        kubelet = FakeKubelet.start(socket);
        kubelet.setPods(pod("a", "after", container("c", GPU, UUID_B)));
        long start = System.nanoTime();
        List<ContainerAllocation> seen = List.of();
        while (System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
            try {
                seen = client.list();
                break;
            } catch (PodResourcesException e) {
                assertThat(e.isTransient() || e.kind() == Kind.SOCKET_MISSING).as(e.getMessage()).isTrue();
                Thread.sleep(50);
            }
        }
        assertThat(seen).extracting(ContainerAllocation::pod).containsExactly("after");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void staleSocketIsUnavailableAndTheFirstCallAfterTheKubeletIsBackSucceeds() throws Exception {
        // a socket file nobody listens on (a crashed kubelet): connects are refused
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(Files.exists(socket)).isTrue();
        for (int i = 0; i < 3; i++) {
            PodResourcesException e = catchThrowableOfType(PodResourcesException.class, client::list);
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.isTransient()).isTrue();
            assertThat(e.getMessage()).contains(socket.toString()).contains("UNAVAILABLE");
        }
        // a channel left in TRANSIENT_FAILURE (in backoff) is replaced rather than waited on
        long start = System.nanoTime();
        while (client.channelsCreated() < 2 && System.nanoTime() - start < Duration.ofSeconds(2).toNanos()) {
            assertThat(catchThrowableOfType(PodResourcesException.class, client::list).kind()).isEqualTo(Kind.UNAVAILABLE);
            Thread.sleep(10);
        }
        assertThat(client.channelsCreated()).isGreaterThanOrEqualTo(2);

        kubelet = FakeKubelet.start(socket);
        kubelet.setPods(pod("a", "back", container("c", GPU, UUID_A)));
        // no waiting out gRPC's reconnect backoff: the socket changed, so a fresh channel connects now
        assertThat(client.list()).extracting(ContainerAllocation::pod).containsExactly("back");
    }

    @Test
    void rateLimitIsTransientAndPasses() throws Exception {
        kubelet = FakeKubelet.start(socket);
        kubelet.setPods(pod("a", "p", container("c", GPU, UUID_A)));
        kubelet.failNext(Status.RESOURCE_EXHAUSTED.withDescription("rejected by rate limit"), 2);

        for (int i = 0; i < 2; i++) {
            PodResourcesException e = catchThrowableOfType(PodResourcesException.class, client::list);
            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(e.isTransient()).isTrue();
            assertThat(e.getMessage()).contains(socket.toString()).contains("RESOURCE_EXHAUSTED");
        }
        assertThat(client.list()).hasSize(1);
        assertThat(kubelet.listCalls()).isEqualTo(3);
        assertThat(client.channelsCreated()).isEqualTo(1);
    }

    @Test
    void otherStatusesAreNotTransient() {
        kubelet = FakeKubelet.start(socket);
        kubelet.failNext(Status.PERMISSION_DENIED, 1);
        PodResourcesException e = catchThrowableOfType(PodResourcesException.class, client::list);
        assertThat(e.kind()).isEqualTo(Kind.OTHER);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("PERMISSION_DENIED");
    }

    @Test
    void slowKubeletTimesOutAtTheDeadline() throws Exception {
        kubelet = FakeKubelet.start(socket);
        kubelet.setPods(pod("a", "p", container("c", GPU, UUID_A)));
        try (PodResourcesClient quick = new PodResourcesClient(socket, Duration.ofMillis(300))) {
            quick.list(); // warm: class loading and the connect do not count against the deadline below
            kubelet.setResponseDelay(Duration.ofSeconds(3));
            long start = System.nanoTime();
            PodResourcesException e = catchThrowableOfType(PodResourcesException.class, quick::list);
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.isTransient()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

            kubelet.setResponseDelay(Duration.ZERO);
            assertThat(quick.list()).hasSize(1);
        }
    }

    @Test
    void getAnswersOnePodOrEmpty() throws Exception {
        kubelet = FakeKubelet.start(socket);
        kubelet.setPods(pod("ns", "p1", container("c", GPU, UUID_A), container("idle", GPU)),
                pod("ns", "p2", container("c", GPU, UUID_B)));

        assertThat(client.get("ns", "p1")).contains(List.of(
                new ContainerAllocation("ns", "p1", "c", List.of(new DeviceGroup(GPU, List.of(UUID_A))), List.of())));
        assertThat(client.get("ns", "nope")).isEmpty();
        assertThat(kubelet.getCalls()).isEqualTo(2);
        assertThat(kubelet.listCalls()).isZero();
    }

    @Test
    void getOnAKubeletWithoutItSaysSo() {
        kubelet = FakeKubelet.start(socket);
        kubelet.setGetEnabled(false);
        assertThatThrownBy(() -> client.get("ns", "p"))
                .isInstanceOfSatisfying(PodResourcesException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OTHER))
                .hasMessageContaining("Get is not available").hasMessageContaining("KubeletPodResourcesGet");

        kubelet.failNext(Status.UNIMPLEMENTED.withDescription("unknown method Get"), 1);
        assertThatThrownBy(() -> client.get("ns", "p"))
                .isInstanceOfSatisfying(PodResourcesException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OTHER))
                .hasMessageContaining("Get is not available");
    }

    @Test
    void allocatableListsTheNodesDevices() throws Exception {
        kubelet = FakeKubelet.start(socket);
        kubelet.setAllocatable(devices(GPU, UUID_A), devices(GPU, UUID_B), devices("nvidia.com/mig-1g.10gb", MIG_A));

        assertThat(client.allocatable()).containsExactly(
                new DeviceGroup(GPU, List.of(UUID_A, UUID_B)),
                new DeviceGroup("nvidia.com/mig-1g.10gb", List.of(MIG_A)));
        assertThat(kubelet.allocatableCalls()).isEqualTo(1);
    }

    @Test
    void oneChannelServesManyCallsFromManyThreads() throws Exception {
        kubelet = FakeKubelet.start(socket);
        kubelet.setPods(pod("a", "p", container("c", GPU, UUID_A)));
        for (int i = 0; i < 50; i++) {
            assertThat(client.list()).hasSize(1);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ContainerAllocation>>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(client::list));
            }
            for (Future<List<ContainerAllocation>> f : results) {
                assertThat(f.get()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(kubelet.listCalls()).isEqualTo(70);
        assertThat(client.channelsCreated()).isEqualTo(1);
    }

    @Test
    void aBigNodeFitsInOneAnswer() throws Exception {
        // ~6 MB: above gRPC's 4 MiB default inbound limit, within the client's
        kubelet = FakeKubelet.start(socket);
        List<PodResources> pods = new ArrayList<>();
        String pad = "x".repeat(200);
        for (int i = 0; i < 20_000; i++) {
            pods.add(pod("ns-" + pad, "pod-" + i, container("c", GPU, UUID_A + "::" + i)));
        }
        kubelet.setPods(pods);
        assertThat(client.list()).hasSize(20_000);
    }

    @Test
    void closeIsPromptAndFinal() throws Exception {
        kubelet = FakeKubelet.start(socket);
        client.list();
        long start = System.nanoTime();
        client.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        // the event loop thread ends right after its termination is signalled: allow it a moment
        while (eventLoopAlive() && System.nanoTime() - start < Duration.ofSeconds(2).toNanos()) {
            Thread.sleep(10);
        }
        assertThat(eventLoopAlive()).isFalse();
        PodResourcesException e = catchThrowableOfType(PodResourcesException.class, client::list);
        assertThat(e.kind()).isEqualTo(Kind.OTHER);
        assertThat(e.getMessage()).contains("closed");
        client.close(); // idempotent
    }

    @Test
    void fakeKubeletRestartKeepsItsScenarioOnTheSamePath() throws Exception {
        kubelet = FakeKubelet.start(socket);
        kubelet.setPods(pod("a", "p", container("c", GPU, UUID_A)));
        assertThat(client.list()).hasSize(1);
        kubelet = kubelet.restart();
        assertThat(kubelet.listCalls()).isZero();
        long start = System.nanoTime();
        Optional<List<ContainerAllocation>> seen = Optional.empty();
        while (seen.isEmpty() && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
            try {
                seen = Optional.of(client.list());
            } catch (PodResourcesException e) {
                Thread.sleep(50);
            }
        }
        assertThat(seen).hasValueSatisfying(l -> assertThat(l).hasSize(1));
    }

    private static boolean eventLoopAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("pod-resources"));
    }
}
