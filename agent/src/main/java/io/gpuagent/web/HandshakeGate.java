package io.gpuagent.web;

import java.nio.ByteBuffer;
import java.security.KeyManagementException;
import java.security.Principal;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Runs the cryptography of the server's TLS handshakes a few at a time. A full handshake costs the agent several
 * milliseconds of CPU (key exchange, signature; about 6 ms with the image's JIT); all of it is the engine's
 * delegated tasks, which do no I/O. Helidon runs them on the connection's virtual thread, so a flood of handshakes
 * would keep every carrier thread busy and a scrape on an established connection would wait behind it. Through
 * the gate they take at most {@code permits} carriers; a connection waiting for its turn parks. The server is busy
 * with such a connection, not waiting for its client ({@link #busy}); it is still cut by its header timeout, and the
 * wait then ends with an {@link IllegalStateException}.
 */
final class HandshakeGate {

    private final Semaphore permits;
    /** The connections' threads waiting for a permit or running a task. */
    private final Set<Thread> inside = ConcurrentHashMap.newKeySet();
    private volatile Consumer<Thread> done = thread -> { };

    HandshakeGate(Semaphore permits) {
        this.permits = permits;
    }

    /** {@code context}, whose engines run their delegated tasks through this gate. */
    SSLContext gated(SSLContext context) {
        return new SSLContext(new Spi(context, this), context.getProvider(), context.getProtocol()) {
        };
    }

    /** Tells {@code then} each time a connection's thread has run a task: the turn is its client's again. */
    void onDone(Consumer<Thread> then) {
        this.done = then;
    }

    /** Whether {@code thread} waits for, or runs, a handshake's cryptography. */
    boolean busy(Thread thread) {
        return inside.contains(thread);
    }

    /** {@code task} run while holding a permit; null for null. */
    Runnable task(Runnable task) {
        if (task == null) {
            return null;
        }
        return () -> {
            Thread me = Thread.currentThread();
            inside.add(me);
            try {
                try {
                    permits.acquire();
                } catch (InterruptedException e) {
                    me.interrupt();
                    throw new IllegalStateException("closed while waiting to run a TLS handshake", e);
                }
                try {
                    task.run();
                } finally {
                    permits.release();
                }
            } finally {
                inside.remove(me);
            }
            done.accept(me);
        };
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext context;
        private final HandshakeGate gate;

        Spi(SSLContext context, HandshakeGate gate) {
            this.context = context;
            this.gate = gate;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            context.init(km, tm, sr);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return context.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return context.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return new Engine(context.createSSLEngine(), gate);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new Engine(context.createSSLEngine(host, port), gate);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return context.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return context.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return context.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return context.getSupportedSSLParameters();
        }
    }

    /**
     * The JDK's engine, its delegated tasks gated, and its first session sized for a connection that may never send
     * a record ({@link StartingSession}).
     */
    private static final class Engine extends SSLEngine {
        private final SSLEngine engine;
        private final HandshakeGate gate;
        /** Whether {@link #getSession()} was called: the first answer is the connection's buffers' sizing. */
        private boolean sessionAsked;

        Engine(SSLEngine engine, HandshakeGate gate) {
            super(engine.getPeerHost(), engine.getPeerPort());
            this.engine = engine;
            this.gate = gate;
        }

        @Override
        public Runnable getDelegatedTask() {
            return gate.task(engine.getDelegatedTask());
        }

        @Override
        public SSLEngineResult wrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
            return engine.wrap(src, dst);
        }

        @Override
        public SSLEngineResult wrap(ByteBuffer[] srcs, ByteBuffer dst) throws SSLException {
            return engine.wrap(srcs, dst);
        }

        @Override
        public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
            return engine.wrap(srcs, offset, length, dst);
        }

        @Override
        public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
            return engine.unwrap(src, dst);
        }

        @Override
        public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts) throws SSLException {
            return engine.unwrap(src, dsts);
        }

        @Override
        public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length)
                throws SSLException {
            return engine.unwrap(src, dsts, offset, length);
        }

        @Override
        public void closeInbound() throws SSLException {
            engine.closeInbound();
        }

        @Override
        public boolean isInboundDone() {
            return engine.isInboundDone();
        }

        @Override
        public void closeOutbound() {
            engine.closeOutbound();
        }

        @Override
        public boolean isOutboundDone() {
            return engine.isOutboundDone();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return engine.getSupportedCipherSuites();
        }

        @Override
        public String[] getEnabledCipherSuites() {
            return engine.getEnabledCipherSuites();
        }

        @Override
        public void setEnabledCipherSuites(String[] suites) {
            engine.setEnabledCipherSuites(suites);
        }

        @Override
        public String[] getSupportedProtocols() {
            return engine.getSupportedProtocols();
        }

        @Override
        public String[] getEnabledProtocols() {
            return engine.getEnabledProtocols();
        }

        @Override
        public void setEnabledProtocols(String[] protocols) {
            engine.setEnabledProtocols(protocols);
        }

        @Override
        public SSLSession getSession() {
            if (!sessionAsked) {
                sessionAsked = true;
                return new StartingSession(engine.getSession());
            }
            return engine.getSession();
        }

        @Override
        public SSLSession getHandshakeSession() {
            return engine.getHandshakeSession();
        }

        @Override
        public void beginHandshake() throws SSLException {
            engine.beginHandshake();
        }

        @Override
        public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
            return engine.getHandshakeStatus();
        }

        @Override
        public void setUseClientMode(boolean mode) {
            engine.setUseClientMode(mode);
        }

        @Override
        public boolean getUseClientMode() {
            return engine.getUseClientMode();
        }

        @Override
        public void setNeedClientAuth(boolean need) {
            engine.setNeedClientAuth(need);
        }

        @Override
        public boolean getNeedClientAuth() {
            return engine.getNeedClientAuth();
        }

        @Override
        public void setWantClientAuth(boolean want) {
            engine.setWantClientAuth(want);
        }

        @Override
        public boolean getWantClientAuth() {
            return engine.getWantClientAuth();
        }

        @Override
        public void setEnableSessionCreation(boolean flag) {
            engine.setEnableSessionCreation(flag);
        }

        @Override
        public boolean getEnableSessionCreation() {
            return engine.getEnableSessionCreation();
        }

        @Override
        public SSLParameters getSSLParameters() {
            return engine.getSSLParameters();
        }

        @Override
        public void setSSLParameters(SSLParameters params) {
            engine.setSSLParameters(params);
        }

        @Override
        public String getApplicationProtocol() {
            return engine.getApplicationProtocol();
        }

        @Override
        public String getHandshakeApplicationProtocol() {
            return engine.getHandshakeApplicationProtocol();
        }

        @Override
        public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
            engine.setHandshakeApplicationProtocolSelector(selector);
        }

        @Override
        public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
            return engine.getHandshakeApplicationProtocolSelector();
        }
    }

    /**
     * The session a new engine first answers with: its packet buffer size, and its first answer for the application
     * buffer size, are at most {@value #START} bytes. Helidon sizes the buffers of a TLS connection from the engine's
     * first session the moment the connection is accepted: two for records, then one to receive and one to send
     * application data, each as large as the JDK's 16 KiB records need (64 KiB in all). Under a flood of connections
     * most are cut before their client sent a whole record, and those 64 KiB each outlived young collections in
     * numbers: 10,000 TLS connections promoted them until the old generation filled, a full collection of about 50 ms
     * and a stalled scrape (docs/robustness.md). A reader or writer that finds a record larger than its buffer
     * ({@code BUFFER_UNDERFLOW} on a full buffer, {@code BUFFER_OVERFLOW}) grows it to the size the engine's session
     * then gives, the engine's own, as the {@link SSLEngine} contract asks and Helidon does. The buffer that sends
     * application data is never grown and sets the size of the records an answer goes out in: the second answer for
     * the application buffer size, which Helidon asks for after the receiving one, is the engine's own.
     */
    static final class StartingSession implements SSLSession {
        /** Holds a scrape's request and most ClientHellos; a larger record (a post-quantum key share) grows it once. */
        static final int START = 2048;

        private final SSLSession session;
        private boolean applicationAsked;

        StartingSession(SSLSession session) {
            this.session = session;
        }

        @Override
        public int getPacketBufferSize() {
            return Math.min(session.getPacketBufferSize(), START);
        }

        @Override
        public synchronized int getApplicationBufferSize() {
            int size = session.getApplicationBufferSize();
            if (applicationAsked) {
                return size;
            }
            applicationAsked = true;
            return Math.min(size, START);
        }

        @Override
        public byte[] getId() {
            return session.getId();
        }

        @Override
        public SSLSessionContext getSessionContext() {
            return session.getSessionContext();
        }

        @Override
        public long getCreationTime() {
            return session.getCreationTime();
        }

        @Override
        public long getLastAccessedTime() {
            return session.getLastAccessedTime();
        }

        @Override
        public void invalidate() {
            session.invalidate();
        }

        @Override
        public boolean isValid() {
            return session.isValid();
        }

        @Override
        public void putValue(String name, Object value) {
            session.putValue(name, value);
        }

        @Override
        public Object getValue(String name) {
            return session.getValue(name);
        }

        @Override
        public void removeValue(String name) {
            session.removeValue(name);
        }

        @Override
        public String[] getValueNames() {
            return session.getValueNames();
        }

        @Override
        public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
            return session.getPeerCertificates();
        }

        @Override
        public Certificate[] getLocalCertificates() {
            return session.getLocalCertificates();
        }

        @Override
        public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
            return session.getPeerPrincipal();
        }

        @Override
        public Principal getLocalPrincipal() {
            return session.getLocalPrincipal();
        }

        @Override
        public String getCipherSuite() {
            return session.getCipherSuite();
        }

        @Override
        public String getProtocol() {
            return session.getProtocol();
        }

        @Override
        public String getPeerHost() {
            return session.getPeerHost();
        }

        @Override
        public int getPeerPort() {
            return session.getPeerPort();
        }
    }
}
