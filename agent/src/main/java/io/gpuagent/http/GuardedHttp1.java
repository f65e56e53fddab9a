package io.gpuagent.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * Helidon's HTTP/1.1 connections with a {@link ConnectionGuard} around them: the listener's only connection
 * selector. Each accepted connection is admitted (or refused) by the guard; its bytes are read through a supplier
 * that tells the guard when the server waits and when a request arrives, and its request headers and early answers
 * reach the guard through HTTP/1 listeners. The guard cuts a connection by interrupting its thread, which closes
 * the socket (an interruptible channel) under whatever read or write it is blocked in.
 *
 * <p>Whatever ends a client connection (end of stream, reset, a TLS failure, a cut) leaves Helidon as a
 * {@link CloseConnectionException}, which it closes quietly: Helidon reads the end of the stream in the middle of
 * the headers as an "internal server error", answers 500 and logs a stack trace for every such client. So does the
 * end of a request that asked for {@code Connection: close}, which Helidon answers without closing the connection.
 */
final class GuardedHttp1 implements ServerConnectionSelector {

    /** A refused connection: Helidon closes the socket as soon as this returns. */
    private static final ServerConnection REFUSED = new ServerConnection() {
        @Override
        public void handle(Limit limit) {
        }

        @Override
        public Duration idleTime() {
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {
        }
    };

    private final ConnectionGuard guard;
    private final Predicate<Thread> handshaking;
    private final Http1ConnectionSelector http1;
    /** The admitted connections by the thread that serves each. */
    private final Map<Thread, ConnectionGuard.Connection> byThread = new ConcurrentHashMap<>();

    /**
     * @param http1 the HTTP/1 settings; the guard's listeners are added to them
     * @param handshaking whether a connection's thread waits for, or runs, its TLS handshake's cryptography
     */
    GuardedHttp1(ConnectionGuard guard, Http1Config.Builder http1, Predicate<Thread> handshaking) {
        this.guard = guard;
        this.handshaking = handshaking;
        Http1Config config = http1.addReceiveListener(new Received()).addSendListener(new Sent()).build();
        this.http1 = Http1ConnectionSelector.builder().config(config).build();
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(io.helidon.common.buffers.BufferData data) {
        return http1.supports(data);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    /**
     * Runs on the connection's own thread, which goes on to serve it. The server is busy with the connection, and
     * the guard does not cut it to make room, unless that thread is parked (waiting for its client's bytes) outside
     * a TLS handshake's turn for cryptography: a thread that is runnable has bytes to read or work to do, and under
     * a flood it may wait for a carrier longer than a quick client takes to send a whole request.
     */
    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        Thread thread = Thread.currentThread();
        Optional<ConnectionGuard.Connection> admitted = guard.admit(thread::interrupt,
                () -> thread.getState() == Thread.State.RUNNABLE || handshaking.test(thread));
        if (admitted.isEmpty()) {
            return REFUSED;
        }
        ConnectionGuard.Connection tracked = admitted.get();
        byThread.put(thread, tracked);
        return new Guarded(http1.connection(new GuardedContext(ctx, tracked)), tracked, () -> byThread.remove(thread));
    }

    /** The server is done with a part of the TLS handshake of the connection {@code thread} serves. */
    void handshakeWorkDone(Thread thread) {
        ConnectionGuard.Connection c = byThread.get(thread);
        if (c != null) {
            c.serverDone();
        }
    }

    private static Optional<ConnectionGuard.Connection> tracked(ConnectionContext ctx) {
        return ctx instanceof GuardedContext g ? Optional.of(g.tracked) : Optional.empty();
    }

    /** Reads from the socket on behalf of Helidon's HTTP/1 connection, telling the guard what it sees. */
    private static byte[] read(HelidonSocket socket, ConnectionGuard.Connection tracked) {
        if (tracked.reading()) {
            // RFC 9112 section 9.6: after answering a request with "Connection: close" the server closes the
            // connection; Helidon only says so in the answer and waits for the client to close it
            throw new Closed("answered a request that asked to close the connection", null);
        }
        byte[] bytes;
        try {
            bytes = socket.get();
        } catch (UncheckedIOException | IllegalStateException e) {
            tracked.lost(isTls(e));
            throw new Closed("connection lost: " + e.getMessage(), e);
        }
        if (bytes == null) {
            tracked.lost(false);
            throw new Closed("the client closed the connection", null);
        }
        tracked.received();
        return bytes;
    }

    private static boolean isTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The end of a client's connection, for Helidon to close it quietly. Without a stack trace: under a flood of
     * connections it is thrown thousands of times a second, and nobody reads it.
     */
    private static final class Closed extends CloseConnectionException {
        Closed(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Helidon's connection with the guard told when it ends. */
    private record Guarded(ServerConnection inner, ConnectionGuard.Connection tracked, Runnable onEnd)
            implements ServerConnection {
        @Override
        public void handle(Limit limit) throws InterruptedException {
            try {
                inner.handle(limit);
            } finally {
                tracked.ended();
                onEnd.run();
            }
        }

        @Override
        public Duration idleTime() {
            return inner.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            inner.close(interrupt);
        }
    }

    /** A request's headers are complete: it is answered from now. */
    private static final class Received implements Http1ConnectionListener {
        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            boolean close = headers.containsToken(HeaderValues.CONNECTION_CLOSE);
            tracked(ctx).ifPresent(t -> t.requestRead(close));
        }
    }

    /** A status sent before the request was whole is Helidon refusing it (400, 414, 431...). */
    private static final class Sent implements Http1ConnectionListener {
        @Override
        public void status(ConnectionContext ctx, Status status) {
            tracked(ctx).ifPresent(ConnectionGuard.Connection::refusedRequest);
        }
    }

    /** Helidon's connection context, with the socket read through {@link #read}. */
    private static final class GuardedContext implements ConnectionContext {
        private final ConnectionContext delegate;
        private final ConnectionGuard.Connection tracked;
        private final DataReader reader;

        GuardedContext(ConnectionContext delegate, ConnectionGuard.Connection tracked) {
            this.delegate = delegate;
            this.tracked = tracked;
            HelidonSocket socket = delegate.serverSocket();
            this.reader = DataReader.create(() -> read(socket, tracked));
        }

        @Override
        public DataReader dataReader() {
            return reader;
        }

        @Override
        public DataWriter dataWriter() {
            return delegate.dataWriter();
        }

        @Override
        public ListenerContext listenerContext() {
            return delegate.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return delegate.executor();
        }

        @Override
        public Router router() {
            return delegate.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return delegate.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return delegate.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return delegate.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return delegate.localPeer();
        }

        @Override
        public boolean isSecure() {
            return delegate.isSecure();
        }

        @Override
        public String socketId() {
            return delegate.socketId();
        }

        @Override
        public String childSocketId() {
            return delegate.childSocketId();
        }
    }
}
