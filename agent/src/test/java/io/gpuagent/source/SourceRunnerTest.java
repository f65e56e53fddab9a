package io.gpuagent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceRunnerTest {

    /** A source made of a function, named "t". */
    interface Refresh {
        Outcome<String> refresh() throws Exception;
    }

    static Source<String> source(Refresh r) {
        return source(r, true);
    }

    static Source<String> source(Refresh r, boolean restartCuresHang) {
        return new Source<>() {
            @Override
            public String name() {
                return "t";
            }

            @Override
            public Outcome<String> refresh() throws Exception {
                return r.refresh();
            }

            @Override
            public boolean restartCuresHang() {
                return restartCuresHang;
            }
        };
    }

    final List<LogRecord> logged = Collections.synchronizedList(new ArrayList<>());
    final Logger jul = Logger.getLogger("io.gpuagent.source");
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        jul.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        jul.removeHandler(capture);
    }

    List<String> lines() {
        synchronized (logged) {
            return logged.stream().map(LogRecord::getMessage).toList();
        }
    }

    @Test
    void anErrorFromARefreshIsLoggedOnceCountedEachTimeAndTheNextRunComesOnTime() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (SourceRunner<String> runner = SourceRunner.start(source(() -> {
            runs.incrementAndGet();
            throw new AssertionError("boom");
        }), Duration.ofMillis(20), Clock.systemUTC())) {
            await(() -> runs.get() >= 5);
            assertThat(runner.state().status()).isEqualTo(SourceState.Status.DOWN);
            assertThat(runner.state().problem()).contains("t: refresh failed: AssertionError: boom");
            assertThat(runner.state().errors()).isGreaterThanOrEqualTo(4);
            assertThat(runner.liveness()).isEmpty();
            assertThat(lines()).filteredOn(l -> l.contains("boom")).hasSize(1);
            assertThat(logged.stream().filter(r -> r.getThrown() != null)).as("the stack trace, once").hasSize(1);
        }
    }

    @Test
    void aProblemIsLoggedWhenItStartsWhenItsReasonChangesAndWhenItEnds() {
        AtomicReference<Outcome<String>> next = new AtomicReference<>(Outcome.up("a"));
        SourceRunner<String> runner = SourceRunner.manual(source(next::get), Clock.systemUTC());
        runner.refreshNow();
        next.set(Outcome.down("t: refused", Level.WARNING, "t: refused; retrying"));
        runner.refreshNow();
        runner.refreshNow();
        next.set(Outcome.down("t: timed out"));
        runner.refreshNow();
        next.set(Outcome.up("b", 2).recovering("t answers again"));
        SourceState<String> s = runner.refreshNow();
        runner.refreshNow();
        assertThat(lines()).containsExactly("t: refused; retrying", "t: timed out", "t answers again");
        assertThat(s.latest()).contains("b");
        assertThat(runner.state().errors()).as("3 failed refreshes, 2 failed parts of each of the last two").isEqualTo(7);
    }

    @Test
    void aFirstLineIsSaidOnceAndUnsupportedIsAStateOfItsOwn() {
        AtomicReference<Outcome<String>> next = new AtomicReference<>(Outcome.unsupported("t: not served here"));
        SourceRunner<String> runner = SourceRunner.manual(source(next::get), Clock.systemUTC());
        SourceState<String> s = runner.refreshNow();
        assertThat(s.status()).isEqualTo(SourceState.Status.UNSUPPORTED);
        assertThat(s.up()).isFalse();
        assertThat(s.errors()).isZero();
        runner.refreshNow();
        next.set(Outcome.up("x").saying("t: watching 1").recovering("t answers again: watching 1"));
        runner.refreshNow();
        runner.refreshNow();
        assertThat(lines()).containsExactly("t: not served here", "t: watching 1");
    }

    @Test
    void unchangedKeepsTheStateAndCountsOnlyWhatItSays() {
        AtomicReference<Outcome<String>> next = new AtomicReference<>(Outcome.up("a"));
        SourceRunner<String> runner = SourceRunner.manual(source(next::get), Clock.systemUTC());
        SourceState<String> up = runner.refreshNow();
        next.set(Outcome.unchanged(1));
        SourceState<String> after = runner.refreshNow();
        assertThat(after.up()).isTrue();
        assertThat(after.lastSuccess()).isEqualTo(up.lastSuccess());
        assertThat(after.errors()).isEqualTo(1);
    }

    @Test
    void aHungRefreshIsStalledServingTheLastReadingAndLivenessFailsOnlyIfARestartWouldCureIt() throws Exception {
        for (boolean cures : new boolean[] {true, false}) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger runs = new AtomicInteger();
            try (SourceRunner<String> runner = SourceRunner.start(source(() -> {
                if (runs.incrementAndGet() == 2) {
                    release.await();
                }
                return Outcome.up("r" + runs.get());
            }, cures), Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(300), Clock.systemUTC())) {
                await(() -> runs.get() >= 2);
                Thread.sleep(150);
                runner.checkStall();
                SourceState<String> stalled = runner.state();
                assertThat(stalled.status()).isEqualTo(SourceState.Status.STALLED);
                assertThat(stalled.serving()).isTrue();
                assertThat(stalled.latest()).contains("r1");
                assertThat(stalled.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("t: no answer for 0 s"));
                runner.checkStall();
                assertThat(runner.state().errors()).as("a stall counts once").isEqualTo(1);
                Thread.sleep(250);
                if (cures) {
                    assertThat(runner.liveness()).hasValueSatisfying(
                            p -> assertThat(p).startsWith("collection loop t is stuck in one refresh for"));
                } else {
                    assertThat(runner.liveness()).as("a hang a restart does not cure is no liveness matter").isEmpty();
                }
                release.countDown();
                await(() -> runner.state().up() && runs.get() >= 3);
                assertThat(runner.liveness()).isEmpty();
                assertThat(lines()).anyMatch(l -> l.startsWith("t answered again after"));
            }
        }
    }

    @Test
    void aLoopWhoseThreadDiesFailsLivenessNamingIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (SourceRunner<String> runner = SourceRunner.start(source(() -> {
            if (runs.incrementAndGet() == 3) {
                throw new OutOfMemoryError("test");
            }
            return Outcome.up("ok");
        }), Duration.ofMillis(20), Clock.systemUTC())) {
            await(() -> runner.liveness().isPresent());
            assertThat(runner.liveness()).contains("collection loop t has stopped: OutOfMemoryError: test");
            Thread.sleep(100);
            assertThat(runs.get()).isEqualTo(3);
        }
    }

    @Test
    void earlyRunsAreCoalesced() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (SourceRunner<String> runner = SourceRunner.start(source(() -> Outcome.up("" + runs.incrementAndGet())),
                Duration.ofHours(1), Clock.systemUTC())) {
            await(() -> runs.get() >= 1);
            for (int i = 0; i < 100; i++) {
                runner.runSoon();
            }
            await(() -> runs.get() >= 2);
            Thread.sleep(1200); // past the minimum gap: a second burst would have run by now
            assertThat(runs.get()).isEqualTo(2);
        }
    }

    @Test
    void periodsMissedDuringALongRunAreSkippedNotRunBackToBack() throws Exception {
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger n = new AtomicInteger();
        long[] longRunEnd = new long[1];
        try (SourceRunner<String> runner = SourceRunner.start(source(() -> {
            starts.add(System.nanoTime());
            if (n.incrementAndGet() == 2) { // a hung call: 20 periods long
                Thread.sleep(1000);
                longRunEnd[0] = System.nanoTime();
            }
            return Outcome.up("x");
        }), Duration.ofMillis(50), Clock.systemUTC())) {
            await(() -> longRunEnd[0] != 0 && System.nanoTime() - longRunEnd[0] >= 300_000_000L);
        }
        long burst;
        synchronized (starts) {
            burst = starts.stream().filter(t -> t >= longRunEnd[0] && t - longRunEnd[0] < 100_000_000L).count();
        }
        // running every missed period would start ~20 refreshes at once
        assertThat(burst).as("runs in the 100 ms after the long one").isLessThanOrEqualTo(3);
    }

    @Test
    void aRunALittleLongerThanThePeriodIsFollowedAtOnceSoTheLoopKeepsItsPace() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (SourceRunner<String> runner = SourceRunner.start(source(() -> {
            runs.incrementAndGet();
            Thread.sleep(130); // every run overruns its period by 30 %
            return Outcome.up("x");
        }), Duration.ofMillis(100), Clock.systemUTC())) {
            Thread.sleep(1_600);
        }
        // back to back, ~130 ms each: about 12 runs; skipping the late one each time would give about 8
        assertThat(runs.get()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void theSupervisorNamesEveryDeadLoopAndRunsTasksWatched() throws Exception {
        AtomicInteger chores = new AtomicInteger();
        try (Supervisor supervisor = Supervisor.start(InjectedFaults.parse("t:die@1"), Clock.systemUTC())) {
            SourceRunner<String> t = supervisor.run(source(() -> Outcome.up("x")), Duration.ofMillis(20));
            supervisor.task("chore", Duration.ofMillis(20), chores::incrementAndGet);
            await(() -> supervisor.notLiveBecause().isPresent());
            assertThat(supervisor.notLiveBecause()).hasValueSatisfying(p -> assertThat(p)
                    .startsWith("collection loop t has stopped: OutOfMemoryError: injected fault"));
            assertThat(t.state().latest()).as("one refresh before the fault").contains("x");
            await(() -> chores.get() >= 3);
            assertThat(supervisor.states()).hasSize(1);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }
}
