package io.gpuagent.dra;

import io.gpuagent.pods.ApiProblems;

import io.gpuagent.source.SourceState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the ResourceSlice index is in sync with the API server. Observed rather than told, as for pods:
 * fabric8 reconnects a dropped watch silently, so the watch counts as lost only after {@code downAfter}
 * (it is also recycled every few minutes) and a probe supplies the reason. A cluster without the DRA API
 * is a steady state, not an outage: it is logged once at INFO. Every change of state or reason is logged
 * once, never per retry.
 */
final class DraHealth {

    static final String SOURCE = "dra";
    static final String NOT_SERVED = "resource.k8s.io/v1 not served: DRA attribution off";
    static final String NOT_LISTED = "Kubernetes API: ResourceSlices not listed yet";
    private static final Logger LOG = System.getLogger("io.gpuagent.dra");

    private final String node;
    private final Duration downAfter;
    private final Duration probeEvery;
    private final Clock clock;
    private SourceState<Integer> state = SourceState.starting(SOURCE, NOT_LISTED);
    private boolean notWatching;
    private long notWatchingSince;
    private long lastProbe;
    private boolean everUp;

    DraHealth(String node, Duration downAfter, Duration probeEvery, Clock clock) {
        this.node = node;
        this.downAfter = downAfter;
        this.probeEvery = probeEvery;
        this.clock = clock;
    }

    synchronized SourceState<Integer> state() {
        return state;
    }

    /** A list or watch failed: down at once with the reason. */
    synchronized void failed(Throwable failure, int devices) {
        down("Kubernetes API: " + ApiProblems.describe(failure), devices, Level.WARNING);
    }

    /** The API server answered 404 for ResourceSlices. */
    synchronized void notServed(int devices) {
        notWatching = false;
        down(NOT_SERVED, devices, Level.INFO);
    }

    /**
     * Called on a timer with what the informer says of itself.
     *
     * @return true when the caller should probe the API server now and hand the outcome to {@link #probed}
     */
    synchronized boolean observe(boolean watching, boolean synced, int devices) {
        long now = System.nanoTime();
        if (watching && synced) {
            notWatching = false;
            up(devices);
            return false;
        }
        if (!notWatching) {
            notWatching = true;
            notWatchingSince = now;
        }
        if (now - notWatchingSince < downAfter.toNanos()) {
            return false;
        }
        if (state.up() || now - lastProbe >= probeEvery.toNanos()) {
            lastProbe = now;
            return true;
        }
        return false;
    }

    /** A probe's outcome while the watch is away; if it got through, the informer is between retries. */
    synchronized void probed(Optional<? extends Throwable> failure, int devices) {
        if (failure.isPresent()) {
            failed(failure.get(), devices);
        } else if (state.up()) {
            down(lostReason(), devices, Level.WARNING);
        } else if (!NOT_SERVED.equals(state.problem().orElse(null))) {
            state = new SourceState<>(SOURCE, state.latest(), state.lastSuccess(), Optional.of(lostReason()),
                    state.lastDuration(), state.errors());
        }
    }

    private String lostReason() {
        return everUp ? "Kubernetes API: ResourceSlice watch lost, reconnecting" : NOT_LISTED;
    }

    private void up(int devices) {
        if (!state.up()) {
            LOG.log(Level.INFO, (everUp ? "Kubernetes API answers again: " : "DRA: ") + "watching ResourceSlices of node "
                    + node + ", " + devices + " " + DraDevices.DRIVER + " devices");
            everUp = true;
        }
        state = state.succeeded(devices, clock.instant(), Duration.ZERO, 0);
    }

    private void down(String why, int devices, Level level) {
        if (state.up() || !Objects.equals(state.problem().orElse(null), why)) {
            LOG.log(level, why + (everUp ? "; keeping the last known " + devices + " devices" : "")
                    + (NOT_SERVED.equals(why) ? "" : "; retrying"));
            state = state.failed(why, Duration.ZERO);
        }
    }
}
