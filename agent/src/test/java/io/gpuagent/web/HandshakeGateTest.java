package io.gpuagent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handshakes' cryptography, a permit at a time: the gate itself, and the server's TLS going through it. */
class HandshakeGateTest {

    @Test
    void aTaskRunsHoldingAPermitAndGivesItBackEvenWhenItFails() {
        Semaphore permits = new Semaphore(1);
        HandshakeGate gate = new HandshakeGate(permits);
        AtomicInteger seen = new AtomicInteger(-1);
        AtomicBoolean busy = new AtomicBoolean();
        gate.task(() -> {
            seen.set(permits.availablePermits());
            busy.set(gate.busy(Thread.currentThread()));
        }).run();
        assertThat(seen).hasValue(0);
        assertThat(busy).as("the server is busy with the connection meanwhile").isTrue();
        List<Thread> told = new java.util.ArrayList<>();
        gate.onDone(told::add);
        gate.task(() -> { }).run();
        assertThat(told).as("told when the turn is the client's again").containsExactly(Thread.currentThread());
        assertThat(gate.busy(Thread.currentThread())).isFalse();
        assertThat(permits.availablePermits()).isOne();

        Runnable failing = gate.task(() -> {
            throw new IllegalArgumentException("boom");
        });
        assertThatThrownBy(failing::run).isInstanceOf(IllegalArgumentException.class);
        assertThat(permits.availablePermits()).isOne();
        assertThat(gate.busy(Thread.currentThread())).isFalse();
        assertThat(gate.task(null)).isNull();
    }

    @Test
    void tasksRunOneAtATime() throws Exception {
        HandshakeGate gate = new HandshakeGate(new Semaphore(1, true));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        Runnable task = () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            started.countDown();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        };
        Thread first = Thread.ofVirtual().start(gate.task(task));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        Thread second = Thread.ofVirtual().start(gate.task(task));
        while (!gate.busy(second)) {
            Thread.sleep(5);
        }
        first.join(5_000);
        second.join(5_000);
        assertThat(most).hasValue(1);
        assertThat(List.of(first, second)).noneMatch(gate::busy);
    }

    @Test
    void aConnectionCutWhileWaitingForItsTurnStopsWaitingAndRunsNothing() throws Exception {
        Semaphore permits = new Semaphore(0); // another handshake holds the only permit
        HandshakeGate gate = new HandshakeGate(permits);
        AtomicBoolean ran = new AtomicBoolean();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                gate.task(() -> ran.set(true)).run();
            } catch (RuntimeException e) {
                thrown.set(e);
                interrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        while (!permits.hasQueuedThreads()) {
            Thread.sleep(5);
        }
        assertThat(gate.busy(waiting)).as("waiting its turn: the server's business, not the client's").isTrue();
        waiting.interrupt(); // what the connection guard does to cut a connection
        waiting.join(5_000);
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("closed while waiting to run a TLS handshake");
        assertThat(interrupted).isTrue();
        assertThat(ran).isFalse();
        assertThat(permits.availablePermits()).isZero();
        assertThat(gate.busy(waiting)).isFalse();
    }

    @Test
    void theServersTlsHandshakesThroughTheGate(@TempDir Path dir) throws Exception {
        TestPki pki = new TestPki(dir);
        Path web = pki.serverWebConfig("DNS:gpu-agent");
        SSLContext server = TlsFactory.create(WebConfig.load(web).tls().orElseThrow()).tls().sslContext();
        SSLEngine serverEngine = server.createSSLEngine();
        assertThat(serverEngine.getClass().getName()).isEqualTo(HandshakeGate.class.getName() + "$Engine");
        serverEngine.setUseClientMode(false);
        SSLEngine client = TestPki.trusting(pki.ca()).createSSLEngine("gpu-agent", 9400);
        client.setUseClientMode(true);
        handshake(client, serverEngine);
        assertThat(serverEngine.getSession().getProtocol()).isEqualTo("TLSv1.3");

        // and the gate is what runs the server's tasks
        Semaphore counting = new Semaphore(1) {
            @Override
            public void acquire() throws InterruptedException {
                acquired.incrementAndGet();
                super.acquire();
            }
        };
        acquired.set(0);
        SSLEngine gatedEngine = new HandshakeGate(counting).gated(server).createSSLEngine();
        gatedEngine.setUseClientMode(false);
        SSLEngine another = TestPki.trusting(pki.ca()).createSSLEngine("gpu-agent", 9400);
        another.setUseClientMode(true);
        handshake(another, gatedEngine);
        assertThat(acquired.get()).as("server tasks run through the gate").isPositive();
    }

    @Test
    void aNewEnginesFirstSessionStartsTheBuffersSmallExceptTheSendingOneAndLaterSessionsAreTheEngines(
            @TempDir Path dir) throws Exception {
        TestPki pki = new TestPki(dir);
        Path web = pki.serverWebConfig("DNS:gpu-agent");
        SSLContext server = TlsFactory.create(WebConfig.load(web).tls().orElseThrow()).tls().sslContext();
        SSLEngine engine = server.createSSLEngine();
        SSLSession first = engine.getSession();
        SSLSession own = engine.getSession();
        // as Helidon's TlsNioSocket asks: record buffers, then the receiving and the sending application buffer
        assertThat(first.getPacketBufferSize()).isEqualTo(HandshakeGate.StartingSession.START);
        assertThat(first.getApplicationBufferSize()).isEqualTo(HandshakeGate.StartingSession.START);
        assertThat(first.getPacketBufferSize()).isEqualTo(HandshakeGate.StartingSession.START);
        assertThat(first.getApplicationBufferSize()).as("the sending buffer: whole records")
                .isEqualTo(own.getApplicationBufferSize()).isGreaterThanOrEqualTo(16_384);
        // what a reader or writer grows its buffer to when a record does not fit
        assertThat(own.getPacketBufferSize()).isGreaterThan(16_384);
        assertThat(own.getApplicationBufferSize()).isGreaterThanOrEqualTo(16_384);
        assertThat(first.getProtocol()).isEqualTo(own.getProtocol());
        first.invalidate(); // as Helidon does with it
        engine.setUseClientMode(false);
        SSLEngine client = TestPki.trusting(pki.ca()).createSSLEngine("gpu-agent", 9400);
        client.setUseClientMode(true);
        handshake(client, engine);
        assertThat(engine.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(engine.getSession().getPacketBufferSize()).isGreaterThan(16_384);
    }

    static final AtomicInteger acquired = new AtomicInteger();

    /** Runs a handshake between two engines in memory, the tasks on this thread, as Helidon's socket does. */
    private static void handshake(SSLEngine client, SSLEngine server) throws Exception {
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size * 4);
        ByteBuffer toClient = ByteBuffer.allocate(size * 4);
        ByteBuffer app = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() * 2);
        ByteBuffer none = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 200 && !(done(client) && done(server)); i++) {
            step(client, none, toServer, toClient, app);
            step(server, none, toClient, toServer, app);
        }
        assertThat(done(client) && done(server)).as("handshake finished").isTrue();
    }

    private static boolean done(SSLEngine e) {
        HandshakeStatus s = e.getHandshakeStatus();
        return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
    }

    private static void step(SSLEngine e, ByteBuffer none, ByteBuffer out, ByteBuffer in, ByteBuffer app)
            throws Exception {
        switch (e.getHandshakeStatus()) {
            case NEED_WRAP -> e.wrap(none, out);
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                app.clear();
                e.unwrap(in, app);
                in.compact();
            }
            case NEED_TASK -> {
                for (Runnable t; (t = e.getDelegatedTask()) != null; ) {
                    t.run();
                }
            }
            default -> {
            }
        }
    }
}
