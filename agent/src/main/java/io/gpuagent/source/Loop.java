package io.gpuagent.source;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one source's collection on its own platform thread at a fixed rate. A failing run is logged and
 * the next one comes on schedule: nothing a source throws stops its loop.
 */
public final class Loop implements AutoCloseable {

    private static final Logger LOG = System.getLogger("io.gpuagent.source");

    private final String name;
    private final ScheduledExecutorService executor;
    private volatile long lastRunEndNanos = System.nanoTime();

    private Loop(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("collect-" + name).daemon().factory());
    }

    public static Loop start(String name, Duration interval, Runnable collection) {
        Loop loop = new Loop(name);
        loop.executor.scheduleAtFixedRate(() -> loop.run(collection), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
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
