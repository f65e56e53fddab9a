package io.gpuagent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.config.HttpLimits;
import io.gpuagent.testing.Properties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The guard's policy on a clock of its own: admission at the limit, each phase's deadline, what is counted. */
class ConnectionGuardTest {

    static final HttpLimits LIMITS = new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(60),
            Duration.ofSeconds(30), 4);

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final ConnectionGuard guard = new ConnectionGuard(LIMITS, now::get);

    /** A connection as the test sees it: the guard's view and how often it was cut. */
    record Client(ConnectionGuard.Connection c, AtomicInteger cuts) {
        boolean cut() {
            return cuts.get() > 0;
        }
    }

    Client connect() {
        AtomicInteger cuts = new AtomicInteger();
        Optional<ConnectionGuard.Connection> c = guard.admit(cuts::incrementAndGet);
        assertThat(c).as("admitted").isPresent();
        return new Client(c.get(), cuts);
    }

    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    /** A whole request read and answered, then the server waits for the next one. */
    static void serveOne(Client client) {
        client.c().reading();
        client.c().received();
        client.c().requestRead();
        client.c().reading();
    }

    @Test
    void atTheLimitTheConnectionWaitingLongestMakesRoom() {
        Client first = connect();
        advance(Duration.ofMillis(10));
        Client second = connect();
        Client third = connect();
        Client fourth = connect();
        assertThat(guard.open()).isEqualTo(4);

        Client fifth = connect();
        assertThat(first.cut()).isTrue();
        assertThat(List.of(second, third, fourth, fifth)).noneMatch(Client::cut);
        assertThat(guard.open()).isEqualTo(4);
        assertThat(guard.rejected(Rejection.CONNECTION_LIMIT)).isOne();
        assertThat(first.c().rejection()).contains(Rejection.CONNECTION_LIMIT);
        first.c().ended(); // its thread ends later: nothing changes
        assertThat(guard.open()).isEqualTo(4);
    }

    @Test
    void newConnectionsAndOnesAnsweredOnceMakeRoomInTheOrderTheyBeganToWait() {
        Client stalled = connect();
        stalled.c().received();
        advance(Duration.ofMillis(1));
        Client keptAlive = connect();
        serveOne(keptAlive); // waits from its answer on
        advance(Duration.ofMillis(1));
        Client silent = connect();
        advance(Duration.ofMillis(1));
        Client another = connect();
        advance(Duration.ofMillis(1));

        connect();
        assertThat(stalled.cut()).isTrue();
        assertThat(List.of(keptAlive, silent, another)).noneMatch(Client::cut);
        connect();
        assertThat(keptAlive.cut()).as("answered once, and waiting longest").isTrue();
        connect();
        assertThat(silent.cut()).isTrue();
        assertThat(another.cut()).isFalse();
        assertThat(guard.rejected(Rejection.CONNECTION_LIMIT)).isEqualTo(3);
    }

    @Test
    void aConnectionAnsweredMoreThanOnceMakesRoomLastTheFewestAnsweredFirst() {
        Client scraper = connect(); // a Prometheus: many scrapes on one connection, the last a while ago
        for (int i = 0; i < 5; i++) {
            serveOne(scraper);
        }
        Client twice = connect();
        serveOne(twice);
        serveOne(twice);
        advance(Duration.ofSeconds(10));
        List<Client> flood = new ArrayList<>(); // new connections, and ones that made a request and sit on it
        for (int i = 0; i < 20; i++) {
            Client c = connect();
            if (i % 2 == 0) {
                serveOne(c);
            }
            flood.add(c);
            advance(Duration.ofMillis(1));
        }
        assertThat(flood.subList(0, 18)).allMatch(Client::cut);
        assertThat(List.of(scraper, twice)).noneMatch(Client::cut);

        flood.subList(18, 20).forEach(c -> c.c().requestRead()); // only the two answered more than once wait
        connect();
        assertThat(twice.cut()).as("answered fewer times than the scraper").isTrue();
        assertThat(scraper.cut()).isFalse();
        assertThat(guard.rejected(Rejection.CONNECTION_LIMIT)).isEqualTo(19);
    }

    @Test
    void whenEveryConnectionIsBeingAnsweredANewOneIsRefused() {
        List<Client> busy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Client c = connect();
            c.c().received();
            c.c().requestRead();
            busy.add(c);
        }
        assertThat(guard.admit(() -> { })).isEmpty();
        assertThat(busy).noneMatch(Client::cut);
        assertThat(guard.rejected(Rejection.CONNECTION_LIMIT)).isOne();
        busy.getFirst().c().ended();
        assertThat(guard.admit(() -> { })).isPresent();
    }

    @Test
    void aConnectionTheServerIsBusyWithIsNotCutToMakeRoom() {
        AtomicBoolean handshaking = new AtomicBoolean(true);
        AtomicInteger cuts = new AtomicInteger();
        ConnectionGuard.Connection tls = guard.admit(cuts::incrementAndGet, handshaking::get).orElseThrow();
        tls.received(); // its ClientHello, whose cryptography waits its turn: oldest, but the server's business
        advance(Duration.ofMillis(1));
        List<Client> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(connect());
            advance(Duration.ofMillis(1));
        }
        connect();
        assertThat(cuts).hasValue(0);
        assertThat(others.getFirst().cut()).isTrue();

        others.subList(1, 3).forEach(c -> c.c().requestRead());
        Client last = connect(); // takes the place of the one admitted above, which waits for its client
        last.c().received();
        last.c().requestRead();
        assertThat(guard.admit(() -> { })).as("all answering or handshaking").isEmpty();
        assertThat(cuts).hasValue(0);

        handshaking.set(false); // its handshake done, it waits for its client's Finished
        connect();
        assertThat(cuts).hasValue(1);
        assertThat(tls.rejection()).contains(Rejection.CONNECTION_LIMIT);
    }

    @Test
    void aTlsConnectionWaitsForItsClientFromTheServersLastStepOfItsHandshake() {
        AtomicInteger cuts = new AtomicInteger();
        ConnectionGuard.Connection tls = guard.admit(cuts::incrementAndGet, () -> false).orElseThrow();
        advance(Duration.ofMillis(1));
        Client later = connect();
        advance(Duration.ofMillis(300)); // the server's cryptography for the first, after its turn came
        tls.serverDone(); // its answer to the ClientHello sent: its client's turn, from now
        connect();
        connect();
        connect();
        assertThat(later.cut()).isTrue();
        assertThat(cuts).hasValue(0);
        advance(Duration.ofMillis(1));
        for (int i = 0; i < 5; i++) {
            connect(); // newer, but the server has done nothing for them yet: they make room first
        }
        assertThat(cuts).hasValue(0);
        advance(Duration.ofMillis(4699));
        guard.sweep();
        assertThat(cuts).as("its header timeout still counts from the accept").hasValue(1);
        assertThat(tls.rejection()).contains(Rejection.HEADER_TIMEOUT);
    }

    @Test
    void aNewConnectionHasTheHeaderTimeoutFromItsAcceptWhateverItSends() {
        Client c = connect();
        advance(Duration.ofSeconds(3));
        c.c().reading();
        c.c().received(); // a byte now and then does not extend it
        advance(Duration.ofMillis(1999));
        guard.sweep();
        assertThat(c.cut()).isFalse();
        advance(Duration.ofMillis(1));
        guard.sweep();
        assertThat(c.cut()).isTrue();
        assertThat(guard.rejected(Rejection.HEADER_TIMEOUT)).isOne();
        assertThat(guard.open()).isZero();
        guard.sweep();
        assertThat(c.cuts().get()).as("cut once").isOne();
    }

    @Test
    void aKeptAliveConnectionHasTheIdleTimeoutThenTheHeaderTimeoutForItsNextRequest() {
        Client c = connect();
        serveOne(c);
        advance(Duration.ofSeconds(59));
        guard.sweep();
        assertThat(c.cut()).isFalse();
        c.c().received(); // the next request begins: 5 s for its headers
        advance(Duration.ofSeconds(4));
        guard.sweep();
        assertThat(c.cut()).isFalse();
        advance(Duration.ofSeconds(1));
        guard.sweep();
        assertThat(c.c().rejection()).contains(Rejection.HEADER_TIMEOUT);

        Client idle = connect();
        serveOne(idle);
        advance(Duration.ofSeconds(60));
        guard.sweep();
        assertThat(idle.c().rejection()).contains(Rejection.IDLE_TIMEOUT);
    }

    @Test
    void anAnswerHasTheWriteTimeout() {
        Client c = connect();
        c.c().received();
        advance(Duration.ofSeconds(4));
        c.c().requestRead();
        advance(Duration.ofSeconds(29));
        guard.sweep();
        assertThat(c.cut()).isFalse();
        advance(Duration.ofSeconds(1));
        guard.sweep();
        assertThat(c.c().rejection()).contains(Rejection.WRITE_TIMEOUT);
        assertThat(c.cut()).isTrue();
    }

    @Test
    void aClientThatLeavesIsCountedOnlyInTheMiddleOfARequest() {
        Client silent = connect();
        silent.c().lost(false); // connected and left (a port check, a tcpSocket probe)
        Client done = connect();
        serveOne(done);
        done.c().lost(false); // closed its kept-alive connection
        assertThat(guard.rejections().values()).allMatch(n -> n == 0);

        Client halfLine = connect();
        halfLine.c().received();
        halfLine.c().lost(false);
        Client nextRequest = connect();
        serveOne(nextRequest);
        nextRequest.c().received();
        nextRequest.c().lost(false);
        assertThat(guard.rejected(Rejection.INCOMPLETE_REQUEST)).isEqualTo(2);

        Client tls = connect();
        tls.c().lost(true);
        tls.c().lost(true);
        assertThat(guard.rejected(Rejection.TLS_ERROR)).as("once per connection").isOne();
    }

    @Test
    void anAnswerBeforeTheRequestIsWholeIsABadRequest() {
        Client bad = connect();
        bad.c().received();
        bad.c().refusedRequest();
        Client fine = connect();
        fine.c().received();
        fine.c().requestRead();
        fine.c().refusedRequest(); // a 404 or 405 of a whole request is an answer, not a refusal
        assertThat(guard.rejected(Rejection.BAD_REQUEST)).isOne();
    }

    @Test
    void aConnectionAlreadyCountedIsStillClosedWhenItOverstays() {
        Client c = connect();
        c.c().received();
        c.c().refusedRequest(); // 400 on its way to a client that does not read it
        advance(Duration.ofSeconds(5));
        guard.sweep();
        assertThat(c.cut()).isTrue();
        assertThat(guard.rejected(Rejection.BAD_REQUEST)).isOne();
        assertThat(guard.rejected(Rejection.HEADER_TIMEOUT)).isZero();
    }

    /**
     * Whatever clients do, in any order: never more than the limit open, a refusal only when all are being
     * answered, and every closed connection counted once.
     */
    @Test
    void theLimitHoldsWhateverClientsDo() {
        Properties.forAll("the limit holds whatever clients do", Properties.TRIES, ConnectionGuardTest::script,
                ConnectionGuardTest::play);
    }

    static List<Integer> script(SplittableRandom random) {
        List<Integer> steps = new ArrayList<>();
        int n = random.nextInt(1, 200);
        for (int i = 0; i < n; i++) {
            steps.add(random.nextInt(0, 1 << 20));
        }
        return steps;
    }

    /** What the guard should count against the limit: admitted, not ended, not cut. */
    static java.util.stream.Stream<ConnectionGuard.Connection> live(List<ConnectionGuard.Connection> admitted,
            List<AtomicInteger> cuts, List<ConnectionGuard.Connection> running) {
        return java.util.stream.IntStream.range(0, admitted.size())
                .filter(i -> cuts.get(i).get() == 0 && running.contains(admitted.get(i)))
                .mapToObj(admitted::get);
    }

    static void play(List<Integer> steps) {
        AtomicLong clock = new AtomicLong();
        HttpLimits limits = new HttpLimits(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2), 4);
        ConnectionGuard g = new ConnectionGuard(limits, clock::get);
        List<ConnectionGuard.Connection> admitted = new ArrayList<>();
        List<AtomicInteger> cuts = new ArrayList<>();
        List<ConnectionGuard.Connection> running = new ArrayList<>();
        int refused = 0;
        for (int step : steps) {
            int which = step >>> 4;
            switch (step & 15) {
                case 0, 1, 2 -> {
                    boolean allAnswering = g.open() == limits.maxConnections()
                            && live(admitted, cuts, running).allMatch(c -> c.phase() == ConnectionGuard.Phase.ANSWERING);
                    AtomicInteger cut = new AtomicInteger();
                    Optional<ConnectionGuard.Connection> c = g.admit(cut::incrementAndGet);
                    assertThat(c.isEmpty()).as("refused only when all are answering").isEqualTo(allAnswering);
                    if (c.isEmpty()) {
                        refused++;
                    } else {
                        admitted.add(c.get());
                        cuts.add(cut);
                        running.add(c.get());
                    }
                }
                case 3 -> clock.addAndGet(which * 2_000L);
                case 4 -> g.sweep();
                default -> {
                    if (running.isEmpty()) {
                        continue;
                    }
                    ConnectionGuard.Connection c = running.get(which % running.size());
                    switch (step & 15) {
                        case 5, 6 -> c.reading();
                        case 7, 8 -> c.received();
                        case 9, 10 -> c.requestRead();
                        case 11 -> c.refusedRequest();
                        case 12 -> c.lost((which & 1) == 0);
                        default -> {
                            c.ended();
                            running.remove(c);
                        }
                    }
                }
            }
            assertThat(g.open()).isLessThanOrEqualTo(limits.maxConnections())
                    .isEqualTo((int) live(admitted, cuts, running).count());
        }
        long counted = g.rejections().values().stream().mapToLong(Long::longValue).sum();
        long settled = admitted.stream().filter(c -> c.rejection().isPresent()).count();
        assertThat(counted).as("each refusal and each settled connection counted once").isEqualTo(refused + settled);
        for (int i = 0; i < admitted.size(); i++) {
            assertThat(cuts.get(i).get()).as("cut at most once").isLessThanOrEqualTo(1);
            if (cuts.get(i).get() > 0) {
                assertThat(admitted.get(i).rejection()).as("a cut connection is counted").isPresent();
            }
        }
    }
}
