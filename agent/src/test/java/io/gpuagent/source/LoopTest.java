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
}
