package io.gpuagent.gpu;

import io.gpuagent.problem.ProblemLog;
import io.gpuagent.nvml.Nvml;
import io.gpuagent.nvml.NvmlException;
import io.gpuagent.source.SourceState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The NVML source: opens NVML (retrying with backoff while it cannot: GPU operators install the
 * driver after the agent starts), then reads every GPU into an immutable {@link GpuSnapshot}. Called by
 * one collection thread; the scrape only ever reads {@link #state()}.
 */
public final class GpuSource implements AutoCloseable {

    public static final String SOURCE = "nvml";
    private static final Logger LOG = System.getLogger("io.gpuagent.gpu");
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final NvmlOpener opener;
    private final Clock clock;
    private final ProblemLog problems = new ProblemLog("io.gpuagent.gpu");
    private final InFlight inFlight = new InFlight();
    private final DeviceReader reader = new DeviceReader(problems, inFlight);
    private final ProcessReader processReader = new ProcessReader(problems, inFlight);
    private final AtomicReference<SourceState<GpuSnapshot>> state;
    /** {@link System#nanoTime} when the collection under way started; 0 between collections. */
    private volatile long busySinceNanos;
    /** Set by the watchdog when it reported a stall, cleared (and the recovery logged) by the collection. */
    private volatile boolean stallReported;
    private volatile java.util.function.Consumer<XidReport> xidListener = r -> { };
    private NvmlSession session;
    private Duration backoff = FIRST_BACKOFF;
    private Instant nextOpen = Instant.MIN;

    public GpuSource(NvmlOpener opener, Clock clock) {
        this.opener = opener;
        this.clock = clock;
        this.state = new AtomicReference<>(SourceState.starting(SOURCE, "NVML: not initialised yet"));
    }

    /** Also hands each XID the driver reports to {@code listener} (on the XID thread; it must not block). */
    public void onXid(java.util.function.Consumer<XidReport> listener) {
        this.xidListener = java.util.Objects.requireNonNull(listener);
    }

    /** The latest reading; never blocks. */
    public SourceState<GpuSnapshot> state() {
        return state.get();
    }

    /** True once NVML is initialised and at least one collection is done. */
    public boolean ready() {
        SourceState<GpuSnapshot> s = state.get();
        return s.up() && s.latest().isPresent();
    }

    /** One collection: opens NVML if needed (respecting the backoff), then reads all GPUs. */
    public synchronized void collect() {
        long start = System.nanoTime();
        busySinceNanos = start == 0 ? 1 : start;
        try {
            collect(start);
        } finally {
            busySinceNanos = 0;
            if (stallReported) {
                stallReported = false;
                LOG.log(Level.INFO, "NVML answered again after " + since(start).toSeconds() + " s: collection resumed");
            }
        }
    }

    private void collect(long start) {
        if (session == null && !open(start)) {
            return;
        }
        try {
            GpuSnapshot snapshot = session.collect(reader, processReader, inFlight);
            long errors = reader.takeErrors() + processReader.takeErrors() + session.takeErrors()
                    + snapshot.gpus().stream().filter(g -> !g.up()).count();
            state.updateAndGet(s -> s.succeeded(snapshot, clock.instant(), since(start), errors));
        } catch (NvmlException | IllegalStateException e) {
            // NVML as a whole failed (not one GPU): start over with a fresh nvmlInit.
            LOG.log(Level.WARNING, "NVML collection failed, reinitialising: " + e.getMessage());
            closeSession();
            state.updateAndGet(s -> s.failed("NVML: " + e.getMessage(), since(start)));
        }
    }

    private boolean open(long start) {
        Instant now = clock.instant();
        if (now.isBefore(nextOpen)) {
            return false;
        }
        try {
            inFlight.at("initialisation");
            Nvml nvml = opener.open();
            session = NvmlSession.open(nvml, problems, r -> xidListener.accept(r));
            reader.newSession();
            LOG.log(Level.INFO, opener.describe() + " initialised: driver " + nvml.driverVersion() + ", "
                    + session.gpuCount() + " GPU(s)");
            backoff = FIRST_BACKOFF;
            problems.clearPrefix("init/");
            return true;
        } catch (NvmlException e) {
            String reason = "NVML: " + e.nvmlMessage();
            problems.report("init/" + e.code(), opener.describe() + " unavailable, retrying with backoff: " + e.getMessage());
            state.updateAndGet(s -> s.failed(reason, since(start)));
            nextOpen = now.plus(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            return false;
        }
    }

    /**
     * The watchdog's check, from another thread, never blocking on the collection: when the collection under
     * way has run longer than {@code threshold} (a hung NVML call cannot be interrupted), the source goes
     * down with the call named, once logged and counted, while its last reading stays served. The
     * collection clears it when the call returns.
     *
     * @return the reason when stalled
     */
    public Optional<String> checkStall(Duration threshold) {
        SourceState<GpuSnapshot> seen = state.get();
        long busySince = busySinceNanos;
        if (busySince == 0) {
            return Optional.empty();
        }
        Duration running = since(busySince);
        if (running.compareTo(threshold) < 0) {
            return Optional.empty();
        }
        String call = inFlight.call();
        String why = "NVML: no answer for " + running.toSeconds() + " s" + (call.isEmpty() ? "" : " (in " + call + ")");
        // Only if nothing moved meanwhile: a collection that just finished must not be marked stalled.
        if (busySinceNanos == busySince && state.compareAndSet(seen, seen.stalled(why, running)) && !stallReported) {
            stallReported = true;
            LOG.log(Level.WARNING, why + "; serving the last reading from "
                    + seen.lastSuccess().map(Instant::toString).orElse("never") + " and reporting not ready until it returns");
        }
        return Optional.of(why);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public synchronized void close() {
        closeSession();
    }
}
