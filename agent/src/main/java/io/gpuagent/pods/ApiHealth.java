package io.gpuagent.pods;

import io.gpuagent.source.SourceState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the pod index is in sync with the API server, as the agent's own metrics show it
 * ({@code gpu_agent_kubernetes_up}). fabric8 reconnects a dropped watch by itself and tells nobody, so
 * this is observed: up while the informer has listed and its watch is open; down once the watch has been
 * gone for {@code downAfter} (the informer also closes and reopens its watch every few minutes, which
 * must not count) or as soon as a list fails. fabric8 retries a lost watch silently, so a probe (the
 * informer's own list request) supplies the reason. Logs once per change of state or reason.
 */
final class ApiHealth {

    static final String SOURCE = "kubernetes";
    private static final Logger LOG = System.getLogger("io.gpuagent.pods");

    private final String node;
    private final Duration downAfter;
    private final Duration probeEvery;
    private final Clock clock;
    private SourceState<Integer> state = SourceState.starting(SOURCE, "Kubernetes API: pods not listed yet");
    private boolean notWatching;
    private long notWatchingSince;
    private long lastProbe;
    private boolean everUp;

    ApiHealth(String node, Duration downAfter, Duration probeEvery, Clock clock) {
        this.node = node;
        this.downAfter = downAfter;
        this.probeEvery = probeEvery;
        this.clock = clock;
    }

    synchronized SourceState<Integer> state() {
        return state;
    }

    /** A list or watch failed (the informer's exception handler): down at once, with the reason. */
    synchronized void failed(Throwable failure, int pods) {
        down("Kubernetes API: " + ApiProblems.describe(failure), pods);
    }

    /**
     * Called on a timer with what the informer says of itself.
     *
     * @return true when the caller should probe the API server now and pass the outcome to {@link #probed}:
     *         the watch has been away past the grace, and this is the first look or the last probe is old
     */
    synchronized boolean observe(boolean watching, boolean synced, int pods) {
        long now = System.nanoTime();
        if (watching && synced) {
            notWatching = false;
            up(pods);
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

    /**
     * The outcome of a probe while the watch is away: its failure is the reason; if it got through, the
     * informer is between reconnect attempts (the reason changes quietly: that is no new state).
     */
    synchronized void probed(Optional<? extends Throwable> failure, int pods) {
        if (failure.isPresent()) {
            failed(failure.get(), pods);
        } else if (state.up()) {
            down(notWatchingReason(), pods);
        } else {
            state = new SourceState<>(SOURCE, state.latest(), state.lastSuccess(), Optional.of(notWatchingReason()),
                    state.lastDuration(), state.errors());
        }
    }

    private String notWatchingReason() {
        return everUp ? "Kubernetes API: watch lost, reconnecting" : "Kubernetes API: pods not listed yet";
    }

    private void up(int pods) {
        if (!state.up()) {
            if (everUp) {
                LOG.log(Level.INFO, "Kubernetes API answers again: watching " + pods + " pods of node " + node);
            } else {
                LOG.log(Level.INFO, "Kubernetes API: watching " + pods + " pods of node " + node);
            }
            everUp = true;
        }
        state = state.succeeded(pods, clock.instant(), Duration.ZERO, 0);
    }

    private void down(String why, int pods) {
        if (state.up() || !Objects.equals(state.problem().orElse(null), why)) {
            LOG.log(Level.WARNING, why + (everUp ? "; keeping the last known metadata of " + pods + " pods" : "")
                    + "; retrying");
            state = state.failed(why, Duration.ZERO);
        }
    }
}
