package io.gpuagent.kubelet;

import io.gpuagent.kubelet.v1.AllocatableResourcesRequest;
import io.gpuagent.kubelet.v1.GetPodResourcesRequest;
import io.gpuagent.kubelet.v1.GetPodResourcesResponse;
import io.gpuagent.kubelet.v1.ListPodResourcesRequest;
import io.gpuagent.kubelet.v1.PodResourcesListerGrpc;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The kubelet's pod-resources API (v1) over its unix socket.
 *
 * <p>One gRPC channel is built on the first call and reused: a call costs a few milliseconds warm, but
 * the first one pays for class loading and the connect. The kubelet removes and recreates its socket
 * when it restarts; gRPC would reconnect by itself, but only after its connect backoff, which grows to
 * two minutes while the kubelet is away. So before each call the socket file is looked at: a different
 * file than the channel was built for, or a channel stuck in TRANSIENT_FAILURE, gets a fresh channel
 * (no backoff; its first call connects right away). Thread-safe.
 */
public final class PodResourcesClient implements AutoCloseable, AllocationLister {

    private static final Logger LOG = System.getLogger("io.gpuagent.kubelet");

    static {
        // Netty looks for Java Flight Recorder when it starts, which loads ~110 classes of the JFR module for events
        // nobody records here; a setting of the JVM (-Dio.netty.jfr.enabled) still wins.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
    }
    /** Enough for thousands of pods with many devices; far below gRPC's unbounded worst case. */
    static final int MAX_INBOUND_BYTES = 16 * 1024 * 1024;

    private final Path socket;
    private final Duration callTimeout;
    private final Object lock = new Object();

    // guarded by lock
    private EventLoopGroup group;
    private ManagedChannel channel;
    private SocketIdentity channelSocket;
    private int channelsCreated;
    private boolean closed;

    public PodResourcesClient(Path socket, Duration callTimeout) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive: " + callTimeout);
        }
    }

    /** Every container holding at least one device (of any resource) or one DRA claim device. */
    @Override
    public List<ContainerAllocation> list() throws PodResourcesException {
        return call("List", stub -> stub.list(ListPodResourcesRequest.getDefaultInstance()),
                r -> ProtoMapping.containers(r.getPodResourcesList()));
    }

    /** The devices the node can allocate, by resource. */
    @Override
    public List<ContainerAllocation.DeviceGroup> allocatable() throws PodResourcesException {
        return call("GetAllocatableResources",
                stub -> stub.getAllocatableResources(AllocatableResourcesRequest.getDefaultInstance()),
                r -> ProtoMapping.groups(r.getDevicesList()));
    }

    /**
     * One pod's containers with devices, or empty if the kubelet does not know the pod. A kubelet without
     * the Get call (before 1.27, or feature gate {@code KubeletPodResourcesGet} off) is an {@code OTHER}
     * failure saying so: callers fall back to {@link #list()}.
     */
    public Optional<List<ContainerAllocation>> get(String namespace, String pod) throws PodResourcesException {
        GetPodResourcesRequest req = GetPodResourcesRequest.newBuilder()
                .setPodNamespace(namespace).setPodName(pod).build();
        try {
            GetPodResourcesResponse r = call("Get", stub -> stub.get(req), Function.identity());
            if (!r.hasPodResources()) {
                return Optional.empty();
            }
            return Optional.of(ProtoMapping.containers(List.of(r.getPodResources())));
        } catch (PodResourcesException e) {
            if (e.getCause() instanceof StatusRuntimeException sre) {
                Status s = sre.getStatus();
                String desc = String.valueOf(s.getDescription()).toLowerCase(Locale.ROOT);
                // the kubelet answers an unknown pod with a plain Go error (UNKNOWN) "... not found"
                if (s.getCode() == Status.Code.NOT_FOUND
                        || (s.getCode() == Status.Code.UNKNOWN && desc.contains("not found"))) {
                    return Optional.empty();
                }
                if (s.getCode() == Status.Code.UNIMPLEMENTED
                        || (s.getCode() == Status.Code.UNKNOWN && desc.contains("disabled"))) {
                    throw new PodResourcesException(PodResourcesException.Kind.OTHER,
                            "pod-resources Get is not available at " + socket
                                    + " (kubelet too old or feature gate KubeletPodResourcesGet off): " + s,
                            sre);
                }
            }
            throw e;
        }
    }

    /** How many channels this client has built: 1 unless the kubelet went away. For tests. */
    int channelsCreated() {
        synchronized (lock) {
            return channelsCreated;
        }
    }

    @Override
    public void close() {
        ManagedChannel ch;
        EventLoopGroup g;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            ch = channel;
            g = group;
            channel = null;
            group = null;
        }
        if (ch != null) {
            ch.shutdownNow();
            try {
                ch.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (g != null) {
            // no quiet period: nothing of ours runs on it any more
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface Rpc<R> {
        R call(PodResourcesListerGrpc.PodResourcesListerBlockingStub stub);
    }

    private <R, T> T call(String method, Rpc<R> rpc, Function<R, T> convert) throws PodResourcesException {
        ManagedChannel ch = channel();
        R response;
        try {
            response = rpc.call(PodResourcesListerGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (StatusRuntimeException e) {
            throw failure(method, e);
        }
        try {
            return convert.apply(response);
        } catch (RuntimeException e) {
            throw new PodResourcesException(PodResourcesException.Kind.OTHER,
                    "pod-resources " + method + " at " + socket + ": unusable answer: " + e, e);
        }
    }

    private PodResourcesException failure(String method, StatusRuntimeException e) {
        Status s = e.getStatus();
        PodResourcesException.Kind kind = switch (s.getCode()) {
            case UNAVAILABLE -> PodResourcesException.Kind.UNAVAILABLE;
            case RESOURCE_EXHAUSTED -> PodResourcesException.Kind.RATE_LIMITED;
            case DEADLINE_EXCEEDED -> PodResourcesException.Kind.TIMEOUT;
            default -> PodResourcesException.Kind.OTHER;
        };
        String desc = s.getDescription() == null ? "" : ": " + s.getDescription();
        return new PodResourcesException(kind,
                "pod-resources " + method + " at " + socket + " failed with " + s.getCode() + desc, e);
    }

    /** The channel to call on: built on first use, rebuilt when the kubelet's socket was replaced. */
    private ManagedChannel channel() throws PodResourcesException {
        SocketIdentity now = SocketIdentity.of(socket); // outside the lock: a stat, may be slow-ish
        synchronized (lock) {
            if (closed) {
                throw new PodResourcesException(PodResourcesException.Kind.OTHER,
                        "pod-resources client for " + socket + " is closed", null);
            }
            if (now == null) {
                // the kubelet is away (or not there at all): do not build or poke a channel for nothing
                throw new PodResourcesException(PodResourcesException.Kind.SOCKET_MISSING,
                        "no pod-resources socket at " + socket, null);
            }
            if (channel != null) {
                if (!now.equals(channelSocket)) {
                    LOG.log(Level.INFO, "pod-resources socket " + socket + " was replaced (kubelet restart?): new channel");
                    replaceChannel(now);
                } else if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
                    // a failed connect leaves gRPC in backoff; a fresh channel connects on this very call
                    LOG.log(Level.DEBUG, "pod-resources channel to " + socket + " in TRANSIENT_FAILURE: new channel");
                    replaceChannel(now);
                }
                return channel;
            }
            LOG.log(Level.INFO, "pod-resources: opening a channel to unix:" + socket);
            replaceChannel(now);
            return channel;
        }
    }

    // guarded by lock
    private void replaceChannel(SocketIdentity identity) throws PodResourcesException {
        if (channel != null) {
            channel.shutdown(); // lets calls of other threads on it finish (each within its deadline)
            channel = null;
        }
        if (group == null) {
            if (!Epoll.isAvailable()) {
                throw new PodResourcesException(PodResourcesException.Kind.OTHER,
                        "cannot reach " + socket + ": Netty epoll unavailable: " + Epoll.unavailabilityCause(),
                        Epoll.unavailabilityCause());
            }
            // one daemon thread: a handful of small calls per second at most
            group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("pod-resources", true),
                    EpollIoHandler.newFactory());
        }
        channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .eventLoopGroup(group)
                .channelType(EpollDomainSocketChannel.class)
                // gRPC sets SO_KEEPALIVE, which a unix socket does not know: null removes it (else a warning per connect)
                .withOption(ChannelOption.SO_KEEPALIVE, null)
                .usePlaintext()
                .maxInboundMessageSize(MAX_INBOUND_BYTES)
                .build();
        channelSocket = identity;
        channelsCreated++;
    }

    /** Which file the socket path names: a new socket after a kubelet restart differs in inode or ctime. */
    private record SocketIdentity(Object dev, Object ino, Object ctime) {

        static SocketIdentity of(Path path) throws PodResourcesException {
            try {
                // one stat; inode numbers can be reused at once by a new file, the change time tells them apart
                Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino,ctime");
                return new SocketIdentity(a.get("dev"), a.get("ino"), a.get("ctime"));
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                throw new PodResourcesException(PodResourcesException.Kind.OTHER,
                        "cannot look at pod-resources socket " + path + ": " + e, e);
            }
        }
    }
}
