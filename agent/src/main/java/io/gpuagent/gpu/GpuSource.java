package io.gpuagent.gpu;

import io.gpuagent.problem.ProblemLog;
import io.gpuagent.nvml.Nvml;
import io.gpuagent.nvml.NvmlException;
import io.gpuagent.source.Outcome;
import io.gpuagent.source.Source;
import io.gpuagent.source.SourceState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The NVML source: opens NVML (retrying with backoff while it cannot: GPU operators install the
 * driver after the agent starts), then reads every GPU into an immutable {@link GpuSnapshot}. Refreshed by its
 * {@link io.gpuagent.source.SourceRunner}; the scrape only ever reads the runner's state. A hung NVML call is
 * the driver's: the runner's watchdog marks it stalled, naming the call ({@link #stallReason}), and a restart
 * would not cure it ({@link #restartCuresHang}).
 */
public final class GpuSource implements Source<GpuSnapshot>, AutoCloseable {

    public static final String SOURCE = "nvml";
    private static final Logger LOG = System.getLogger("io.gpuagent.gpu");
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final NvmlOpener opener;
    private final Clock clock;
    private final ProblemLog problems = new ProblemLog(LOG);
    private final InFlight inFlight = new InFlight();
    private final DeviceReader reader;
    /** Whether any GPM row is read: without one, GPM is not sampled at all. */
    private final boolean gpm;
    private final ProcessReader processReader = new ProcessReader(problems, inFlight);
    private volatile Consumer<XidReport> xidListener = r -> { };
    private volatile Consumer<GpuSnapshot> afterRead = s -> { };
    private NvmlSession session;
    private Duration backoff = FIRST_BACKOFF;
    private Instant nextOpen = Instant.MIN;

    public GpuSource(NvmlOpener opener, Clock clock) {
        this(opener, clock, java.util.EnumSet.allOf(io.gpuagent.catalog.DeviceField.class));
    }

    /** @param reads the catalog rows to read: what the naming serves ({@link io.gpuagent.export}'s reads) */
    public GpuSource(NvmlOpener opener, Clock clock, java.util.Set<io.gpuagent.catalog.DeviceField> reads) {
        this.opener = opener;
        this.clock = clock;
        this.reader = new DeviceReader(problems, inFlight, reads);
        this.gpm = reads.stream().anyMatch(io.gpuagent.catalog.DeviceField::fractional);
    }

    /** Also hands each XID the driver reports to {@code listener} (on the XID thread; it must not block). */
    public void onXid(Consumer<XidReport> listener) {
        this.xidListener = Objects.requireNonNull(listener);
    }

    /**
     * Hands each new snapshot to {@code then} on the collection thread before it is published (e.g. to resolve
     * its processes' owners from /proc: here, never on the scrape path).
     */
    public void afterRead(Consumer<GpuSnapshot> then) {
        this.afterRead = Objects.requireNonNull(then);
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public String title() {
        return "NVML";
    }

    /** Ready once NVML is initialised and a first collection is done; else the one-line reason. */
    public static Optional<String> notReadyBecause(SourceState<GpuSnapshot> s) {
        if (s.up() && s.latest().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(s.problem().orElse("NVML: first collection not done yet"));
    }

    /** One collection: opens NVML if needed (respecting the backoff), then reads all GPUs. */
    @Override
    public synchronized Outcome<GpuSnapshot> refresh() {
        if (session == null) {
            Optional<Outcome<GpuSnapshot>> notOpen = open();
            if (notOpen.isPresent()) {
                return notOpen.get();
            }
        }
        try {
            GpuSnapshot snapshot = session.collect(reader, processReader, inFlight);
            long errors = reader.takeErrors() + processReader.takeErrors() + session.takeErrors()
                    + snapshot.gpus().stream().filter(g -> !g.up()).count();
            afterRead.accept(snapshot);
            return Outcome.up(snapshot, errors);
        } catch (NvmlException | IllegalStateException e) {
            // NVML as a whole failed (not one GPU): start over with a fresh nvmlInit.
            closeSession();
            return Outcome.down("NVML: " + e.getMessage(), Level.WARNING,
                    "NVML collection failed, reinitialising: " + e.getMessage());
        }
    }

    /** Opens NVML unless waiting out the backoff; empty once open, else what this refresh comes to. */
    private Optional<Outcome<GpuSnapshot>> open() {
        Instant now = clock.instant();
        if (now.isBefore(nextOpen)) {
            return Optional.of(Outcome.unchanged());
        }
        try {
            inFlight.at("initialisation");
            Nvml nvml = opener.open();
            session = NvmlSession.open(nvml, problems, r -> xidListener.accept(r), gpm);
            reader.newSession();
            LOG.log(Level.INFO, opener.describe() + " initialised: driver " + nvml.driverVersion() + ", "
                    + session.gpuCount() + " GPU(s)");
            backoff = FIRST_BACKOFF;
            return Optional.empty();
        } catch (NvmlException e) {
            nextOpen = now.plus(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            return Optional.of(Outcome.down("NVML: " + e.nvmlMessage(), Level.WARNING,
                    opener.describe() + " unavailable, retrying with backoff: " + e.getMessage()));
        }
    }

    /** Names the NVML read in flight: a native downcall cannot be interrupted, naming it is what helps. */
    @Override
    public String stallReason(Duration running) {
        String call = inFlight.call();
        return "NVML: no answer for " + running.toSeconds() + " s" + (call.isEmpty() ? "" : " (in " + call + ")");
    }

    /** A hung NVML call is the driver's: restarting the agent does not cure it. */
    @Override
    public boolean restartCuresHang() {
        return false;
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
