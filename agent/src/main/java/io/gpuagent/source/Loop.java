package io.gpuagent.source;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one source's collection on its own platform thread at a fixed rate. A failing run is logged and
 * the next one comes on schedule: nothing a source throws stops its loop.
 */
public final class Loop implements AutoCloseable {

    private static final Logger LOG = System.getLogger("io.gpuagent.source");

    /** Early runs ({@link #runSoon}) come at most this often, so event storms cannot hammer a source. */
    private static final Duration MIN_GAP = Duration.ofSeconds(1);

    private final String name;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean earlyRunPending = new AtomicBoolean();
    private Runnable collection = () -> { };
    private volatile long lastRunEndNanos = System.nanoTime();

    private Loop(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("collect-" + name).daemon().factory());
    }

    public static Loop start(String name, Duration interval, Runnable collection) {
        Loop loop = new Loop(name);
        loop.collection = collection;
        long period = interval.toNanos();
        long firstAt = System.nanoTime();
        java.util.concurrent.atomic.AtomicLong executions = new java.util.concurrent.atomic.AtomicLong();
        loop.executor.scheduleAtFixedRate(() -> {
            // A fixed-rate executor runs every period missed during a long run (a hung NVML call) back to back
            // when it returns: skip the ones more than a period late. A run only a little longer than the
            // period still gets the next one at once, so a slow source keeps its pace.
            long scheduledAt = firstAt + executions.getAndIncrement() * period;
            if (System.nanoTime() - scheduledAt <= period) {
                loop.run(collection);
            }
        }, 0, period, TimeUnit.NANOSECONDS);
        return loop;
    }

    private void run(Runnable collection) {
        try {
            collection.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "collection of " + name + " failed", e);
        } finally {
            lastRunEndNanos = System.nanoTime();
        }
    }

    /**
     * Asks for a run before the next scheduled one (e.g. a pod was added): coalesced, and no sooner than
     * {@link #MIN_GAP} after the last run. Cheap; callable from any thread.
     */
    public void runSoon() {
        if (executor.isShutdown() || !earlyRunPending.compareAndSet(false, true)) {
            return;
        }
        long wait = Math.max(0, MIN_GAP.toNanos() - (System.nanoTime() - lastRunEndNanos));
        executor.schedule(() -> {
            earlyRunPending.set(false);
            run(collection);
        }, wait, TimeUnit.NANOSECONDS);
    }

    /** False once the loop's executor is gone (it never is, short of close). */
    public boolean running() {
        return !executor.isShutdown();
    }

    /** Time since the last run finished: a hung collection shows here. */
    public Duration sinceLastRun() {
        return Duration.ofNanos(System.nanoTime() - lastRunEndNanos);
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
