package io.gpuagent.pods;

import io.gpuagent.source.SourceState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a node-scoped informer (pods, ResourceSlices) is in sync with the API server, as the agent's
 * own metrics show it. fabric8 reconnects a dropped watch by itself and tells nobody, so this is
 * observed: up while the informer has listed and its watch is open; down once the watch has been gone
 * for {@code downAfter} (the informer also closes and reopens its watch every few minutes, which must
 * not count) or as soon as a list fails. A probe (the informer's own list request) supplies the reason.
 * An API the server does not serve at all is a steady state ({@link #notServed}), logged at INFO. A watch
 * that expired ({@code 410 Gone}) makes the informer relist while it is up ({@link #relisting}): it stays
 * up, the expiry counts as one error, and it is logged when it starts and when the informer watches
 * again. Logs once per change of state or reason, never per retry.
 */
public final class InformerHealth {

    /** What is watched, for messages: e.g. "pods" and "pods of node n", or "ResourceSlices". */
    public record Subject(String source, String loggerName, String plural, String lostWatch) {
    }

    private final Subject subject;
    private final Logger log;
    private final String node;
    private final Duration downAfter;
    private final Duration probeEvery;
    private final Clock clock;
    private final String notListed;
    private SourceState<Integer> state;
    private boolean notWatching;
    private long notWatchingSince;
    private long lastProbe;
    private boolean everUp;
    private boolean relisting;

    public InformerHealth(Subject subject, String node, Duration downAfter, Duration probeEvery, Clock clock) {
        this.subject = subject;
        this.log = System.getLogger(subject.loggerName());
        this.node = node;
        this.downAfter = downAfter;
        this.probeEvery = probeEvery;
        this.clock = clock;
        this.notListed = "Kubernetes API: " + subject.plural() + " not listed yet";
        this.state = SourceState.starting(subject.source(), notListed);
    }

    public synchronized SourceState<Integer> state() {
        return state;
    }

    /** A list or watch failed (the informer's exception handler): down at once, with the reason. */
    public synchronized void failed(Throwable failure, int count) {
        down("Kubernetes API: " + ApiProblems.describe(failure), count, Level.WARNING, true);
    }

    /**
     * The informer starts a list (see {@link ListRequests}). While up, no failure was reported, so its watch
     * expired ({@code 410 Gone}, e.g. after an etcd compaction) and it relists: one error, logged, and up
     * all along (the store keeps the last known objects meanwhile). A list while down or before the first
     * sync is a retry or the start, already told; the retries of one relist count once.
     */
    public synchronized void relisting(int count) {
        if (!state.up() || relisting) {
            return;
        }
        relisting = true;
        log.log(Level.INFO, "Kubernetes API: watch expired (410 Gone); relisting the " + count + " " + subject.plural()
                + " of node " + node);
        state = new SourceState<>(subject.source(), state.latest(), state.lastSuccess(), state.problem(),
                state.lastDuration(), state.errors() + 1);
    }

    /** The API server does not serve this API: down, quietly, until it does. */
    public synchronized void notServed(String reason, int count) {
        notWatching = false;
        down(reason, count, Level.INFO, false);
    }

    /**
     * Called on a timer with what the informer says of itself.
     *
     * @return true when the caller should probe the API server now and pass the outcome to {@link #probed}:
     *         the watch has been away past the grace, and this is the first look or the last probe is old
     */
    public synchronized boolean observe(boolean watching, boolean synced, int count) {
        long now = System.nanoTime();
        if (watching && synced) {
            notWatching = false;
            if (relisting && state.up()) {
                log.log(Level.INFO, "Kubernetes API: relisted; watching " + count + " " + subject.plural() + " of node "
                        + node);
            }
            relisting = false;
            up(count);
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
     *
     * @param keepReason whether the current reason must stay (e.g. "not served")
     */
    public synchronized void probed(Optional<? extends Throwable> failure, int count, boolean keepReason) {
        if (failure.isPresent()) {
            failed(failure.get(), count);
        } else if (state.up()) {
            down(lostReason(), count, Level.WARNING, true);
        } else if (!keepReason) {
            state = new SourceState<>(subject.source(), state.latest(), state.lastSuccess(), Optional.of(lostReason()),
                    state.lastDuration(), state.errors());
        }
    }

    public synchronized boolean problemIs(String reason) {
        return reason.equals(state.problem().orElse(null));
    }

    private String lostReason() {
        return everUp ? subject.lostWatch() : notListed;
    }

    private void up(int count) {
        if (!state.up()) {
            log.log(Level.INFO, (everUp ? "Kubernetes API answers again: " : "Kubernetes API: ") + "watching " + count
                    + " " + subject.plural() + " of node " + node);
            everUp = true;
        }
        state = state.succeeded(count, clock.instant(), Duration.ZERO, 0);
    }

    private void down(String why, int count, Level level, boolean retrying) {
        relisting = false; // a relist that failed: the recovery is told as such
        if (state.up() || !Objects.equals(state.problem().orElse(null), why)) {
            log.log(level, why + (everUp ? "; keeping the last known " + count + " " + subject.plural() : "")
                    + (retrying ? "; retrying" : ""));
            state = state.failed(why, Duration.ZERO);
        }
    }
}
