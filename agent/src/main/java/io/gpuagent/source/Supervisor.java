package io.gpuagent.source;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Starts every {@link SourceRunner} and watches them from a thread of its own (the watchdog): once a second it
 * marks a refresh that runs too long as stalled (a hung native call cannot be interrupted; naming it is what an
 * operator can act on), and it answers liveness for all of them ({@code /healthz}): a loop whose thread is gone,
 * or that starts no refresh, fails it by name, and so does the watchdog itself if it stops ticking. Closing it
 * stops them all.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = System.getLogger("io.gpuagent.source");
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration STOPPED_AFTER = Duration.ofSeconds(60);

    private final List<SourceRunner<?>> runners = new CopyOnWriteArrayList<>();
    /** Chores (e.g. re-reading the web config): watched like the sources, not sources of the agent's metrics. */
    private final List<SourceRunner<?>> tasks = new CopyOnWriteArrayList<>();
    private final InjectedFaults faults;
    private final Clock clock;
    private final Thread thread;
    private volatile long lastTick = System.nanoTime();
    private volatile boolean closed;

    private Supervisor(InjectedFaults faults, Clock clock) {
        this.faults = faults;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("watchdog").daemon().unstarted(this::loop);
    }

    public static Supervisor start(Clock clock) {
        return start(InjectedFaults.NONE, clock);
    }

    /** With {@code faults} injected into the sources they name (tests of the packaged agent only). */
    public static Supervisor start(InjectedFaults faults, Clock clock) {
        Supervisor s = new Supervisor(faults, clock);
        s.thread.start();
        return s;
    }

    /** Runs {@code source} every {@code interval} from now on, watched; returns its runner. */
    public <T> SourceRunner<T> run(Source<T> source, Duration interval) {
        SourceRunner<T> runner = SourceRunner.start(faults.into(source), interval, clock);
        runners.add(runner);
        return runner;
    }

    /** Runs {@code chore} every {@code interval} from now on, watched like a source; a throw is logged once. */
    public void task(String name, Duration interval, Runnable chore) {
        Source<Boolean> source = new Source<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Outcome<Boolean> refresh() {
                chore.run();
                return Outcome.up(Boolean.TRUE);
            }
        };
        tasks.add(SourceRunner.start(faults.into(source), interval, clock));
    }

    /** Every source's runner, in order of start: their states are the agent's own metrics. */
    public List<SourceRunner<?>> runners() {
        return List.copyOf(runners);
    }

    /** Every source's current state, in order of start. */
    public List<Supplier<SourceState<?>>> states() {
        List<Supplier<SourceState<?>>> out = new ArrayList<>();
        for (SourceRunner<?> r : runners) {
            out.add(r::state);
        }
        return out;
    }

    private void loop() {
        while (!closed) {
            lastTick = System.nanoTime();
            for (SourceRunner<?> r : runners) {
                try {
                    r.checkStall();
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "checking " + r.name() + " for a stall failed", e);
                }
            }
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Empty while every watched loop lives; else why not, each dead or wedged loop named. */
    public Optional<String> notLiveBecause() {
        List<String> problems = new ArrayList<>();
        for (SourceRunner<?> r : runners) {
            r.liveness().ifPresent(problems::add);
        }
        for (SourceRunner<?> r : tasks) {
            r.liveness().ifPresent(problems::add);
        }
        if (!closed && (!thread.isAlive() || System.nanoTime() - lastTick > STOPPED_AFTER.toNanos())) {
            problems.add("the watchdog has stopped");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        runners.forEach(SourceRunner::close);
        tasks.forEach(SourceRunner::close);
    }
}
