package io.gpuagent.kubelet;

import io.gpuagent.kubelet.v1.AllocatableResourcesRequest;
import io.gpuagent.kubelet.v1.AllocatableResourcesResponse;
import io.gpuagent.kubelet.v1.ClaimResource;
import io.gpuagent.kubelet.v1.ContainerDevices;
import io.gpuagent.kubelet.v1.ContainerResources;
import io.gpuagent.kubelet.v1.DynamicResource;
import io.gpuagent.kubelet.v1.GetPodResourcesRequest;
import io.gpuagent.kubelet.v1.GetPodResourcesResponse;
import io.gpuagent.kubelet.v1.ListPodResourcesRequest;
import io.gpuagent.kubelet.v1.ListPodResourcesResponse;
import io.gpuagent.kubelet.v1.PodResources;
import io.gpuagent.kubelet.v1.PodResourcesListerGrpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A kubelet pod-resources endpoint for tests: a real gRPC server on a unix socket (the same wire as the
 * kubelet's), serving a scenario the test changes at will. {@link #stop()} removes the socket file like a
 * kubelet going away; {@link #start} on the same path (or {@link #restart()}) brings it back.
 *
 * <p>Unix socket paths are limited to 107 bytes: put the socket in a {@link ShortTempDir}, not under a
 * JUnit {@code @TempDir}.
 */
public final class FakeKubelet implements AutoCloseable {

    private final Path socket;
    private final Server server;
    private final EventLoopGroup boss;
    private final EventLoopGroup worker;
    /** Runs handlers and delayed answers; shut down with the server so a slow answer never outlives it. */
    private final ScheduledExecutorService executor;

    private volatile List<PodResources> pods = List.of();
    private volatile List<ContainerDevices> allocatable = List.of();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean getEnabled = true;
    private final AtomicReference<Failure> failure = new AtomicReference<>();
    private final AtomicInteger listCalls = new AtomicInteger();
    private final AtomicInteger getCalls = new AtomicInteger();
    private final AtomicInteger allocatableCalls = new AtomicInteger();

    private record Failure(Status status, int remaining) {
    }

    private FakeKubelet(Path socket) throws IOException {
        this.socket = socket;
        // like the kubelet: a stale socket file from an earlier run is removed before binding
        Files.deleteIfExists(socket);
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake-kubelet-boss", true),
                EpollIoHandler.newFactory());
        worker = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake-kubelet-worker", true),
                EpollIoHandler.newFactory());
        executor = Executors.newScheduledThreadPool(2, new DefaultThreadFactory("fake-kubelet-call", true));
        try {
            server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(boss)
                    .workerEventLoopGroup(worker)
                    // options gRPC sets for TCP that a unix socket does not know (else a warning each)
                    .withOption(ChannelOption.SO_REUSEADDR, null)
                    .withChildOption(ChannelOption.SO_KEEPALIVE, null)
                    .executor(executor)
                    .addService(new Service())
                    .build()
                    .start();
        } catch (IOException | RuntimeException e) {
            shutdownResources();
            throw e;
        }
    }

    /** A kubelet serving on {@code socket} (its directory must exist); no pods yet. */
    public static FakeKubelet start(Path socket) {
        try {
            return new FakeKubelet(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve a fake kubelet on " + socket, e);
        }
    }

    /** Stops this one and starts a new one on the same path with the same pods and allocatable devices. */
    public FakeKubelet restart() {
        stop();
        FakeKubelet next = start(socket);
        next.setPods(pods);
        next.setAllocatable(allocatable);
        return next;
    }

    public Path socket() {
        return socket;
    }

    // --- the scenario ---

    public void setPods(List<PodResources> pods) {
        this.pods = List.copyOf(pods);
    }

    public void setPods(PodResources... pods) {
        setPods(Arrays.asList(pods));
    }

    public void setAllocatable(List<ContainerDevices> devices) {
        this.allocatable = List.copyOf(devices);
    }

    public void setAllocatable(ContainerDevices... devices) {
        setAllocatable(Arrays.asList(devices));
    }

    /** Answer every call this much later (a slow or hung kubelet); {@link Duration#ZERO} for at once. */
    public void setResponseDelay(Duration delay) {
        this.delay = delay;
    }

    /** Off: Get answers as a kubelet with feature gate KubeletPodResourcesGet off does (UNKNOWN, "disabled"). */
    public void setGetEnabled(boolean enabled) {
        this.getEnabled = enabled;
    }

    /** Answer the next {@code times} calls (of any method) with {@code status}, e.g. RESOURCE_EXHAUSTED. */
    public void failNext(Status status, int times) {
        failure.set(times > 0 ? new Failure(status, times) : null);
    }

    /** List calls received, answered or failed. */
    public int listCalls() {
        return listCalls.get();
    }

    public int getCalls() {
        return getCalls.get();
    }

    public int allocatableCalls() {
        return allocatableCalls.get();
    }

    // --- building the scenario ---

    public static PodResources pod(String namespace, String name, ContainerResources... containers) {
        return PodResources.newBuilder().setNamespace(namespace).setName(name)
                .addAllContainers(Arrays.asList(containers)).build();
    }

    /** A container holding {@code deviceIds} of {@code resource} (none: a container without devices). */
    public static ContainerResources container(String name, String resource, String... deviceIds) {
        ContainerResources.Builder b = ContainerResources.newBuilder().setName(name);
        if (deviceIds.length > 0) {
            b.addDevices(devices(resource, deviceIds));
        }
        return b.build();
    }

    /** A container holding several resources' devices. */
    public static ContainerResources containerWith(String name, ContainerDevices... devices) {
        return ContainerResources.newBuilder().setName(name).addAllDevices(Arrays.asList(devices)).build();
    }

    /** A container holding one device of a DRA claim. */
    public static ContainerResources containerWithClaim(String name, String claimNamespace, String claimName,
            String driver, String pool, String device) {
        return ContainerResources.newBuilder().setName(name)
                .addDynamicResources(DynamicResource.newBuilder()
                        .setClaimNamespace(claimNamespace).setClaimName(claimName)
                        .addClaimResources(ClaimResource.newBuilder()
                                .setDriverName(driver).setPoolName(pool).setDeviceName(device)))
                .build();
    }

    public static ContainerDevices devices(String resource, String... deviceIds) {
        return ContainerDevices.newBuilder().setResourceName(resource).addAllDeviceIds(Arrays.asList(deviceIds))
                .build();
    }

    // --- lifecycle ---

    /** Shuts the server down and removes the socket file, like a kubelet going away. Idempotent. */
    public void stop() {
        server.shutdownNow();
        try {
            server.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownResources();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + socket, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void shutdownResources() {
        executor.shutdownNow();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        worker.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /** Fails or answers, now or after the configured delay. */
    private <T> void answer(StreamObserver<T> out, java.util.function.Supplier<T> response) {
        Failure f = failure.getAndUpdate(c -> c == null || c.remaining() <= 1 ? null
                : new Failure(c.status(), c.remaining() - 1));
        Runnable reply = () -> {
            if (f != null) {
                out.onError(f.status().asRuntimeException());
                return;
            }
            T r;
            try {
                r = response.get();
            } catch (RuntimeException e) {
                out.onError(Status.UNKNOWN.withDescription(e.getMessage()).asRuntimeException());
                return;
            }
            out.onNext(r);
            out.onCompleted();
        };
        Duration d = delay;
        if (d.isZero()) {
            reply.run();
        } else {
            executor.schedule(reply, d.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private final class Service extends PodResourcesListerGrpc.PodResourcesListerImplBase {

        @Override
        public void list(ListPodResourcesRequest request, StreamObserver<ListPodResourcesResponse> out) {
            listCalls.incrementAndGet();
            answer(out, () -> ListPodResourcesResponse.newBuilder().addAllPodResources(pods).build());
        }

        @Override
        public void getAllocatableResources(AllocatableResourcesRequest request,
                StreamObserver<AllocatableResourcesResponse> out) {
            allocatableCalls.incrementAndGet();
            answer(out, () -> AllocatableResourcesResponse.newBuilder().addAllDevices(allocatable).build());
        }

        @Override
        public void get(GetPodResourcesRequest request, StreamObserver<GetPodResourcesResponse> out) {
            getCalls.incrementAndGet();
            answer(out, () -> {
                // the kubelet answers both with a plain Go error, which gRPC reports as UNKNOWN
                if (!getEnabled) {
                    throw new IllegalStateException("PodResources API Get method disabled");
                }
                return pods.stream()
                        .filter(p -> p.getNamespace().equals(request.getPodNamespace())
                                && p.getName().equals(request.getPodName()))
                        .findFirst()
                        .map(p -> GetPodResourcesResponse.newBuilder().setPodResources(p).build())
                        .orElseThrow(() -> new IllegalStateException("pod " + request.getPodName()
                                + " not found in namespace " + request.getPodNamespace()));
            });
        }
    }
}
