package io.gpuagent.http;

import io.gpuagent.config.HttpLimits;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Holds the HTTP server to its {@link HttpLimits}: it admits each new connection (or refuses it), follows what each
 * is doing from what the server reads and answers, cuts the ones past their deadline, and counts every connection
 * closed for something its client did ({@link Rejection}).
 *
 * <p>A connection is in one of four phases, each with its own deadline:
 * <ul>
 * <li>{@link Phase#NEW}: accepted, its first request not complete: the header timeout from the accept (a TLS
 * handshake happens here);
 * <li>{@link Phase#REQUEST}: a later request has begun, its headers not complete: the header timeout from its first
 * bytes;
 * <li>{@link Phase#ANSWERING}: a whole request is read and is being answered: the write timeout from then;
 * <li>{@link Phase#IDLE}: answered, waiting for the next request on a kept-alive connection: the idle timeout.
 * </ul>
 *
 * <p>At the connection limit a new connection takes the place of one waiting for a request: the one that has waited
 * longest among those answered at most once (new connections, and kept-alive ones that made one request), then,
 * only if there are none, the one answered fewest times among those answered more often (a scraper's). So the
 * kubelet's probes and a reconnecting Prometheus still get in while hostile clients fill the limit, each new
 * connection having as long as possible to send its request, and a Prometheus that scrapes on one kept-alive
 * connection keeps it through a flood of connections that make a request and sit on it. A connection the server is
 * busy with is not cut to make room: one being answered, or one whose TLS handshake's cryptography runs or waits its
 * turn. Once the server has done such a step (its client sent a whole ClientHello and was answered), the connection
 * waits for its client from then on, and makes room after the new connections for which the server has done nothing
 * (a client that answers a handshake step in a few milliseconds is not cut meanwhile by a flood of stalled ones). A
 * new connection is refused only while the server is busy with every connection. Connections being cut no
 * longer count against the limit (they are gone within milliseconds); the listener's own cap on accepted sockets (the
 * limit and a few more, {@link HttpAssembly}) bounds those too.
 *
 * <p>Free of Helidon: {@link GuardedHttp1} tells it what the server does; a connection is cut through the
 * {@link Runnable} it was admitted with (the Helidon adapter interrupts the connection's thread, which closes its
 * socket). Thread-safe.
 */
final class ConnectionGuard {

    enum Phase { NEW, REQUEST, ANSWERING, IDLE }

    private final HttpLimits limits;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Admitted, not ended and not cut: what counts against the limit. Guarded by {@link #lock}; a list, as every
     * admission at the limit looks through it for the longest waiting (a hash set's iterator cost more than the
     * rest of refusing a connection).
     */
    private final List<Connection> live = new ArrayList<>();
    private final AtomicLongArray rejected = new AtomicLongArray(Rejection.values().length);

    ConnectionGuard(HttpLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    HttpLimits limits() {
        return limits;
    }

    /** As {@link #admit(Runnable, BooleanSupplier)}, for a connection the server is busy with only to answer it. */
    Optional<Connection> admit(Runnable cut) {
        return admit(cut, () -> false);
    }

    /**
     * Admits a new connection, closing one waiting for its client (see the class comment) if the limit is reached;
     * empty when the server is busy with every connection (the caller closes the new one, which is counted here).
     *
     * @param cut closes the connection: called at most once, from any thread, perhaps after it has ended
     * @param serverBusy whether the server is busy with the connection before its request is whole (a TLS
     *     handshake's cryptography, or its turn for it): it is then not cut to make room, as if answering
     */
    Optional<Connection> admit(Runnable cut, BooleanSupplier serverBusy) {
        Connection victim = null;
        Connection admitted = null;
        lock.lock();
        try {
            if (live.size() >= limits.maxConnections()) {
                victim = longestWaiting();
                if (victim != null) {
                    live.remove(victim);
                }
            }
            if (live.size() < limits.maxConnections()) {
                admitted = new Connection(cut, serverBusy, nanoTime.getAsLong());
                live.add(admitted);
            }
        } finally {
            lock.unlock();
        }
        if (victim != null) {
            victim.cut(Rejection.CONNECTION_LIMIT);
        }
        if (admitted == null) {
            count(Rejection.CONNECTION_LIMIT);
        }
        return Optional.ofNullable(admitted);
    }

    private Connection longestWaiting() {
        Connection best = null;
        for (Connection c : live) {
            if (c.phase == Phase.ANSWERING || c.serverBusy.getAsBoolean()) {
                continue;
            }
            if (best == null || c.waitsBefore(best)) {
                best = c;
            }
        }
        return best;
    }

    /** Cuts every connection past its deadline; the server's own task calls it a few times a second. */
    void sweep() {
        long now = nanoTime.getAsLong();
        List<Connection> late = new ArrayList<>();
        lock.lock();
        try {
            for (Connection c : live) {
                if (now - c.deadline() >= 0) {
                    late.add(c);
                }
            }
            late.forEach(live::remove);
        } finally {
            lock.unlock();
        }
        for (Connection c : late) {
            c.cut(switch (c.phase) {
                case NEW, REQUEST -> Rejection.HEADER_TIMEOUT;
                case IDLE -> Rejection.IDLE_TIMEOUT;
                case ANSWERING -> Rejection.WRITE_TIMEOUT;
            });
        }
    }

    /** Connections counted against the limit now. */
    int open() {
        lock.lock();
        try {
            return live.size();
        } finally {
            lock.unlock();
        }
    }

    /** Connections rejected for {@code reason} since start. */
    long rejected(Rejection reason) {
        return rejected.get(reason.ordinal());
    }

    /** Every reason's count since start, in {@link Rejection} order. */
    Map<Rejection, Long> rejections() {
        Map<Rejection, Long> out = new EnumMap<>(Rejection.class);
        for (Rejection r : Rejection.values()) {
            out.put(r, rejected(r));
        }
        return out;
    }

    private void count(Rejection reason) {
        rejected.incrementAndGet(reason.ordinal());
    }

    /** One client connection, as the guard follows it. Its events come from the connection's own thread. */
    final class Connection {
        private final Runnable cut;
        private final BooleanSupplier serverBusy;
        private final AtomicReference<Rejection> rejection = new AtomicReference<>();
        private volatile Phase phase = Phase.NEW;
        /** When the current phase began (for {@link Phase#NEW}: the accept). */
        private volatile long since;
        /** When the server last handed the turn back to the client in this phase (a TLS handshake's step). */
        private volatile long handedBack;
        /** Whether any byte of a request has arrived in {@link Phase#NEW}. */
        private volatile boolean received;
        /**
         * Requests answered on it: none for a stalled connection, many for a scraper's kept-alive one. Written by the
         * connection's own thread only.
         */
        private volatile int answers;
        /** Whether the request being answered asked for the connection to be closed after its answer. */
        private volatile boolean closeAfterAnswer;

        private Connection(Runnable cut, BooleanSupplier serverBusy, long now) {
            this.cut = cut;
            this.serverBusy = serverBusy;
            this.since = now;
            this.handedBack = now;
        }

        Phase phase() {
            return phase;
        }

        /**
         * The server waits for more bytes: after an answer, the connection is idle from now.
         *
         * @return whether an answer was just sent to a request that asked to close the connection after it (the
         *     caller closes it: Helidon answers {@code Connection: close} but leaves the connection open)
         */
        boolean reading() {
            if (phase == Phase.ANSWERING) {
                answers++;
                since = nanoTime.getAsLong();
                phase = Phase.IDLE;
                return closeAfterAnswer;
            }
            return false;
        }

        /** Bytes of a request arrived. */
        void received() {
            if (phase == Phase.IDLE) {
                since = nanoTime.getAsLong();
                phase = Phase.REQUEST;
            } else if (phase == Phase.NEW) {
                received = true;
            }
        }

        /**
         * A request line and its headers are complete: it is being answered from now.
         *
         * @param closeAfter whether the request asked for the connection to be closed after its answer
         */
        void requestRead(boolean closeAfter) {
            closeAfterAnswer = closeAfter;
            since = nanoTime.getAsLong();
            phase = Phase.ANSWERING;
        }

        /** As {@link #requestRead(boolean)}, for a request that keeps the connection alive. */
        void requestRead() {
            requestRead(false);
        }

        /**
         * The server is done with its part of a TLS handshake step: the connection waits for its client from now,
         * for making room (its header timeout still counts from the accept).
         */
        void serverDone() {
            handedBack = nanoTime.getAsLong();
        }

        /** The server answered before reading a whole request: it could not accept it. */
        void refusedRequest() {
            if (phase == Phase.NEW || phase == Phase.REQUEST) {
                reject(Rejection.BAD_REQUEST);
            }
        }

        /** The client closed or reset the connection (or the TLS handshake failed, when {@code tls}). */
        void lost(boolean tls) {
            if (tls) {
                reject(Rejection.TLS_ERROR);
            } else if (phase == Phase.REQUEST || (phase == Phase.NEW && received)) {
                reject(Rejection.INCOMPLETE_REQUEST);
            }
        }

        /** The server is done with it. */
        void ended() {
            lock.lock();
            try {
                live.remove(this);
            } finally {
                lock.unlock();
            }
        }

        /** Whether the guard (or a rejection) has already settled why it closes. */
        Optional<Rejection> rejection() {
            return Optional.ofNullable(rejection.get());
        }

        /** Counts {@code reason} unless a reason was already counted, and closes the connection either way. */
        private void cut(Rejection reason) {
            reject(reason);
            cut.run();
        }

        private boolean reject(Rejection reason) {
            if (rejection.compareAndSet(null, reason)) {
                count(reason);
                return true;
            }
            return false;
        }

        private long deadline() {
            long s = since;
            return s + switch (phase) {
                case NEW, REQUEST -> limits.headerTimeout().toNanos();
                case IDLE -> limits.idleTimeout().toNanos();
                case ANSWERING -> limits.writeTimeout().toNanos();
            };
        }

        /**
         * Whether this one should make room before {@code other}: one answered at most once before one answered more
         * often; among those answered more often, the one answered fewer times; then one for which the server has
         * not done a TLS handshake step before one for which it has; then the one waiting longer.
         */
        private boolean waitsBefore(Connection other) {
            int mine = answers > 1 ? answers : 0;
            int theirs = other.answers > 1 ? other.answers : 0;
            if (mine != theirs) {
                return mine < theirs;
            }
            boolean myStep = stepped();
            if (myStep != other.stepped()) {
                return !myStep;
            }
            return waitingSince() - other.waitingSince() < 0;
        }

        /** Whether the server has done a step of a TLS handshake for it in this phase. */
        private boolean stepped() {
            return handedBack - since > 0;
        }

        /** Since when the connection has waited for its client. */
        private long waitingSince() {
            long s = since;
            long h = handedBack;
            return h - s > 0 ? h : s;
        }
    }
}
