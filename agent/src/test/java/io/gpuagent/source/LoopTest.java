package io.gpuagent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopTest {

    @Test
    void aThrowingRunDoesNotStopTheLoop() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (Loop loop = Loop.start("t", Duration.ofMillis(20), () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("boom");
        })) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (runs.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(runs.get()).isGreaterThanOrEqualTo(3);
            assertThat(loop.running()).isTrue();
        }
    }

    @Test
    void earlyRunsAreCoalesced() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (Loop loop = Loop.start("t", Duration.ofHours(1), runs::incrementAndGet)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (runs.get() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            for (int i = 0; i < 100; i++) {
                loop.runSoon();
            }
            while (runs.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(1200); // past the minimum gap: a second burst would have run by now
            assertThat(runs.get()).isEqualTo(2);
        }
    }

    @Test
    void periodsMissedDuringALongRunAreSkippedNotRunBackToBack() throws Exception {
        java.util.List<Long> starts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        AtomicInteger n = new AtomicInteger();
        long[] longRunEnd = new long[1];
        try (Loop loop = Loop.start("t", Duration.ofMillis(50), () -> {
            starts.add(System.nanoTime());
            if (n.incrementAndGet() == 2) { // a hung call: 20 periods long
                sleep(1000);
                longRunEnd[0] = System.nanoTime();
            }
        })) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((longRunEnd[0] == 0 || System.nanoTime() - longRunEnd[0] < 300_000_000L)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(longRunEnd[0]).isPositive();
        long burst;
        synchronized (starts) {
            burst = starts.stream().filter(t -> t >= longRunEnd[0] && t - longRunEnd[0] < 100_000_000L).count();
        }
        // a fixed-rate executor alone would run the ~20 missed periods at once
        assertThat(burst).as("runs in the 100 ms after the long one").isLessThanOrEqualTo(3);
    }

    @Test
    void aRunALittleLongerThanThePeriodIsFollowedAtOnceSoTheLoopKeepsItsPace() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (Loop loop = Loop.start("t", Duration.ofMillis(100), () -> {
            runs.incrementAndGet();
            sleep(130); // every run overruns its period by 30 %
        })) {
            Thread.sleep(1_600);
        }
        // back to back, ~130 ms each: about 12 runs; skipping the late one each time would give about 8
        assertThat(runs.get()).isGreaterThanOrEqualTo(10);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
