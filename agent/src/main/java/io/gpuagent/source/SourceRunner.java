package io.gpuagent.source;

import io.gpuagent.problem.OneLine;
import io.gpuagent.problem.ProblemLog;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one {@link Source} on its own platform thread, every {@code interval} (fixed rate), and keeps its
 * {@link SourceState}: times each refresh, counts failures, logs a problem once when it starts and once when it
 * ends, keeps the last good reading with its age. Nothing a refresh throws ends the schedule: it is logged (with
 * its stack trace, once) and counted, and the next refresh comes on time. Only an {@link OutOfMemoryError} ends
 * the thread (the image's JVM flags end the process on one; without them {@link #liveness} says the loop stopped).
 *
 * <p>A refresh that runs past {@code stallAfter} is marked stalled by the {@link Watchdog} (its last reading stays
 * served); one that runs, or a loop that starts none, past {@code wedgedAfter} fails liveness, unless the source
 * says a restart would not cure its hang ({@link Source#restartCuresHang()}).
 */
public final class SourceRunner<T> implements AutoCloseable {

    /** Early runs ({@link #runSoon}) come at most this often, so event storms cannot hammer a source. */
    static final Duration MIN_GAP = Duration.ofSeconds(1);
    private static final Duration MIN_STALL = Duration.ofSeconds(10);
    private static final Duration MIN_WEDGED = Duration.ofSeconds(60);
    private static final String KEY = "source";

    private final Source<T> source;
    private final long period;
    private final Duration stallAfter;
    private final Duration wedgedAfter;
    private final Clock clock;
    private final Logger log;
    private final ProblemLog problems;
    private final AtomicReference<SourceState<T>> state;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private long soonAt; // guarded by lock; 0 = no early run asked for
    private volatile boolean closed;
    /** {@link System#nanoTime} when the refresh under way started; 0 between refreshes. */
    private volatile long runningSince;
    private volatile long lastStart;
    private volatile long lastEnd;
    private volatile Throwable death;
    private volatile boolean stallReported;
    private boolean everUp; // runner thread only
    private boolean manual;

    private SourceRunner(Source<T> source, Duration interval, Duration stallAfter, Duration wedgedAfter, Clock clock) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.source = source;
        this.period = interval.toNanos();
        this.stallAfter = stallAfter;
        this.wedgedAfter = wedgedAfter;
        this.clock = clock;
        this.log = System.getLogger(source.getClass().getPackageName());
        this.problems = new ProblemLog(log);
        this.state = new AtomicReference<>(SourceState.starting(source.name(), source.title() + ": not read yet"));
        this.lastStart = System.nanoTime();
        this.lastEnd = lastStart;
        this.thread = Thread.ofPlatform().name("collect-" + source.name()).daemon().unstarted(this::loop);
        thread.setUncaughtExceptionHandler((t, e) -> {
            death = e;
            log.log(Level.ERROR, "collection loop " + source.name() + " stopped", e);
        });
    }

    /** Starts refreshing {@code source} now and every {@code interval}, with the default stall and wedge limits. */
    public static <T> SourceRunner<T> start(Source<T> source, Duration interval, Clock clock) {
        return start(source, interval, stallAfter(interval), wedgedAfter(interval), clock);
    }

    static <T> SourceRunner<T> start(Source<T> source, Duration interval, Duration stallAfter, Duration wedgedAfter,
            Clock clock) {
        SourceRunner<T> runner = new SourceRunner<>(source, interval, stallAfter, wedgedAfter, clock);
        runner.thread.start();
        return runner;
    }

    /**
     * A runner without a thread of its own: each {@link #refreshNow} is one refresh on the caller's thread, with
     * the same state keeping and logging. For tests, and for a source refreshed by hand.
     */
    public static <T> SourceRunner<T> manual(Source<T> source, Clock clock) {
        SourceRunner<T> runner = new SourceRunner<>(source, Duration.ofSeconds(1), MIN_STALL, MIN_WEDGED, clock);
        runner.manual = true;
        return runner;
    }

    /** One refresh now, on this thread (a {@link #manual} runner only); returns the state it leaves. */
    public SourceState<T> refreshNow() {
        if (!manual) {
            throw new IllegalStateException(name() + " runs on its own thread");
        }
        synchronized (this) {
            runOnce();
        }
        return state.get();
    }

    /**
     * How long one refresh may run before it counts as stalled: well above a real one (a few milliseconds per GPU;
     * a first nvmlInit without persistence mode can take seconds), and at least three intervals so a slow
     * interval is not called a hang.
     */
    public static Duration stallAfter(Duration interval) {
        return max(interval.multipliedBy(3), MIN_STALL);
    }

    /** How long a loop may start no refresh before liveness fails: max(60 s, 10 intervals). */
    public static Duration wedgedAfter(Duration interval) {
        return max(interval.multipliedBy(10), MIN_WEDGED);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) > 0 ? a : b;
    }

    public String name() {
        return source.name();
    }

    /** The source's latest state; never blocks. */
    public SourceState<T> state() {
        return state.get();
    }

    /**
     * Asks for a refresh before the next scheduled one (e.g. a pod was added): coalesced, and no sooner than
     * {@link #MIN_GAP} after the last one ended. Cheap; callable from any thread.
     */
    public void runSoon() {
        lock.lock();
        try {
            if (soonAt == 0 && !closed) {
                soonAt = Math.max(1, Math.max(System.nanoTime(), lastEnd + MIN_GAP.toNanos()));
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        long next = System.nanoTime();
        while (!closed) {
            boolean scheduled = awaitTurn(next);
            if (closed) {
                return;
            }
            runOnce();
            if (scheduled) {
                // Fixed rate: a refresh a little longer than the period is followed at once, so a slow source keeps
                // its pace; periods missed by much more (a hung call) are skipped, not run back to back.
                next += period;
                long now = System.nanoTime();
                if (now - next > period) {
                    next += (now - next) / period * period;
                }
            }
        }
    }

    /** Waits for the scheduled time {@code next} or an early run; true for the scheduled one. */
    private boolean awaitTurn(long next) {
        lock.lock();
        try {
            while (!closed) {
                long now = System.nanoTime();
                if (now - next >= 0) {
                    soonAt = 0; // the scheduled run comes after the request: it serves it
                    return true;
                }
                if (soonAt != 0 && now - soonAt >= 0) {
                    soonAt = 0;
                    return false; // an early run, before the scheduled one
                }
                long until = soonAt != 0 && soonAt - next < 0 ? soonAt : next;
                wake.awaitNanos(until - now);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void runOnce() {
        long start = System.nanoTime();
        lastStart = start;
        runningSince = start == 0 ? 1 : start;
        Outcome<T> outcome;
        try {
            outcome = source.refresh();
        } catch (OutOfMemoryError e) {
            throw e; // ends this thread: liveness reports the loop as stopped (or the JVM exits, as the image asks)
        } catch (InterruptedException e) {
            if (closed) {
                return;
            }
            Thread.currentThread().interrupt();
            outcome = thrown(e);
        } catch (Throwable t) {
            outcome = thrown(t);
        } finally {
            runningSince = 0;
            lastEnd = System.nanoTime();
        }
        Duration took = Duration.ofNanos(lastEnd - start);
        if (stallReported) {
            stallReported = false;
            log.log(Level.INFO, source.title() + " answered again after " + took.toSeconds() + " s: collection resumed");
        }
        apply(outcome, took);
    }

    private Outcome<T> thrown(Throwable t) {
        String why = source.title() + ": refresh failed: " + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + OneLine.of(t.getMessage()));
        // a bug or a library's surprise: its stack trace, once, is what a developer needs
        problems.report(KEY, why, Level.ERROR, why, t);
        return Outcome.down(why, Level.ERROR, why);
    }

    private void apply(Outcome<T> outcome, Duration took) {
        switch (outcome) {
            case Outcome.Up<T> up -> {
                state.updateAndGet(s -> s.succeeded(up.value(), clock.instant(), took, up.errors()));
                if (problems.isOpen(KEY)) {
                    problems.clear(KEY, !everUp && up.firstLine().isPresent() ? up.firstLine().get()
                            : up.recoveredLine().orElse(source.title() + ": recovered"));
                } else if (!everUp) {
                    up.firstLine().ifPresent(l -> log.log(Level.INFO, l));
                }
                everUp = true;
            }
            case Outcome.Down<T> down -> {
                state.updateAndGet(s -> s.failed(down.reason(), took, down.errors()));
                problems.report(KEY, down.reason(), down.level(), down.line(), null);
            }
            case Outcome.Unsupported<T> u -> {
                state.updateAndGet(s -> s.unsupported(u.reason(), took, u.errors()));
                problems.report(KEY, u.reason(), Level.INFO, u.reason(), null);
            }
            case Outcome.Unchanged<T> c -> state.updateAndGet(s -> s.withErrors(c.errors()));
        }
    }

    /**
     * The watchdog's check, from its own thread, never blocking on the refresh: when the refresh under way has run
     * past the stall limit (a hung call cannot be interrupted), the source goes stalled with the call named, once
     * logged and counted, while its last reading stays served. The refresh clears it when it returns.
     */
    void checkStall() {
        long since = runningSince;
        if (since == 0) {
            return;
        }
        Duration running = Duration.ofNanos(System.nanoTime() - since);
        if (running.compareTo(stallAfter) < 0) {
            return;
        }
        SourceState<T> seen = state.get();
        String why = source.stallReason(running);
        // only if nothing moved meanwhile: a refresh that just finished must not be marked stalled
        if (runningSince == since && state.compareAndSet(seen, seen.stalled(why, running)) && !stallReported) {
            stallReported = true;
            log.log(Level.WARNING, why + "; serving the last reading from "
                    + seen.lastSuccess().map(Instant::toString).orElse("never") + " until it returns");
        }
    }

    /**
     * Empty while the loop lives; else why not, naming the loop: its thread is gone, or it has started no refresh
     * for the wedge limit (a hang of a source whose hang a restart does not cure excepted).
     */
    public Optional<String> liveness() {
        if (closed || manual) {
            return Optional.empty();
        }
        if (!thread.isAlive()) {
            Throwable d = death;
            return Optional.of("collection loop " + name() + " has stopped"
                    + (d == null ? "" : ": " + d.getClass().getSimpleName()
                    + (d.getMessage() == null ? "" : ": " + OneLine.of(d.getMessage()))));
        }
        long now = System.nanoTime();
        long since = runningSince;
        if (since != 0 && !source.restartCuresHang()) {
            return Optional.empty(); // e.g. a hung NVML call: readiness says so
        }
        Duration idle = Duration.ofNanos(now - lastStart);
        if (idle.compareTo(wedgedAfter) <= 0) {
            return Optional.empty();
        }
        return Optional.of("collection loop " + name() + (since != 0
                ? " is stuck in one refresh for " + idle.toSeconds() + " s"
                : " has started no refresh for " + idle.toSeconds() + " s"));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
