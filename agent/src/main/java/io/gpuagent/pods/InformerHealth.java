package io.gpuagent.pods;

import io.gpuagent.source.Outcome;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a node-scoped informer (pods, ResourceSlices) is in sync with the API server, as the agent's
 * own metrics show it. fabric8 reconnects a dropped watch by itself and tells nobody, so this is
 * observed: up while the informer has listed and its watch is open; down once the watch has been gone
 * for {@code downAfter} (the informer also closes and reopens its watch every few minutes, which must
 * not count) or as soon as a list fails. A probe (the informer's own list request) supplies the reason.
 * An API the server does not serve at all is a steady state ({@link #notServed}). A watch that expired
 * ({@code 410 Gone}) makes the informer relist while it is up ({@link #relisting}): it stays up, the expiry
 * counts as one error, and it is logged when it starts and when the informer watches again.
 *
 * <p>Each refresh of the informer's source asks {@link #outcome}: the {@link io.gpuagent.source.SourceRunner}
 * keeps the state and logs each change of state or reason once, never each retry. Failures count once per
 * change, not per retry or per refresh.
 */
public final class InformerHealth {

    /** What is watched, for messages: e.g. "pods" and "pods of node n", or "ResourceSlices". */
    public record Subject(String source, String loggerName, String plural, String lostWatch) {
    }

    private enum View { STARTING, UP, DOWN, NOT_SERVED }

    private final Subject subject;
    private final Logger log;
    private final String node;
    private final long downAfterNanos;
    private final long probeEveryNanos;
    private final String notListed;
    private View view = View.STARTING;
    private String reason;
    private Level level = Level.WARNING;
    private String line = "";
    private long newErrors;
    private boolean notWatching;
    private long notWatchingSince;
    private long lastProbe;
    private boolean everUp;
    private boolean relisting;

    public InformerHealth(Subject subject, String node, java.time.Duration downAfter, java.time.Duration probeEvery) {
        this.subject = subject;
        this.log = System.getLogger(subject.loggerName());
        this.node = node;
        this.downAfterNanos = downAfter.toNanos();
        this.probeEveryNanos = probeEvery.toNanos();
        this.notListed = "Kubernetes API: " + subject.plural() + " not listed yet";
        this.reason = notListed;
    }

    /**
     * What this refresh of the informer's source comes to, with {@code count} objects known; the failures seen
     * since the last call are counted in it.
     */
    public synchronized Outcome<Integer> outcome(int count) {
        long errors = newErrors;
        newErrors = 0;
        String watching = "watching " + count + " " + subject.plural() + " of node " + node;
        return switch (view) {
            case UP -> Outcome.up(count, errors).saying("Kubernetes API: " + watching)
                    .recovering("Kubernetes API answers again: " + watching);
            case DOWN -> Outcome.<Integer>down(reason, level, line).counting(errors);
            case NOT_SERVED -> new Outcome.Unsupported<>(reason, errors);
            case STARTING -> Outcome.unchanged(errors);
        };
    }

    /** Whether the informer is in sync, as last observed. */
    public synchronized boolean up() {
        return view == View.UP;
    }

    /** The reason it is not up; empty while up. */
    public synchronized Optional<String> problem() {
        return view == View.UP ? Optional.empty() : Optional.of(reason);
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
        if (view != View.UP || relisting) {
            return;
        }
        relisting = true;
        log.log(Level.INFO, "Kubernetes API: watch expired (410 Gone); relisting the " + count + " " + subject.plural()
                + " of node " + node);
        newErrors++;
    }

    /** The API server does not serve this API: not supported here, quietly, until it does. */
    public synchronized void notServed(String why) {
        notWatching = false;
        relisting = false;
        if (view != View.NOT_SERVED || !Objects.equals(reason, why)) {
            view = View.NOT_SERVED;
            reason = why;
        }
    }

    /**
     * Called on each refresh with what the informer says of itself.
     *
     * @return true when the caller should probe the API server now and pass the outcome to {@link #probed}:
     *         the watch has been away past the grace, and this is the first look or the last probe is old
     */
    public synchronized boolean observe(boolean watching, boolean synced, int count) {
        long now = System.nanoTime();
        if (watching && synced) {
            notWatching = false;
            if (relisting && view == View.UP) {
                log.log(Level.INFO, "Kubernetes API: relisted; watching " + count + " " + subject.plural() + " of node "
                        + node);
            }
            relisting = false;
            view = View.UP;
            everUp = true;
            return false;
        }
        if (!notWatching) {
            notWatching = true;
            notWatchingSince = now;
        }
        if (now - notWatchingSince < downAfterNanos) {
            return false;
        }
        if (view == View.UP || now - lastProbe >= probeEveryNanos) {
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
        } else if (view == View.UP) {
            down(lostReason(), count, Level.WARNING, true);
        } else if (!keepReason && view == View.DOWN) {
            reason = lostReason();
            line = ""; // no news
        }
    }

    public synchronized boolean problemIs(String why) {
        return view != View.UP && why.equals(reason);
    }

    private String lostReason() {
        return everUp ? subject.lostWatch() : notListed;
    }

    private void down(String why, int count, Level lvl, boolean retrying) {
        relisting = false; // a relist that failed: the recovery is told as such
        if (view == View.DOWN && Objects.equals(reason, why)) {
            return; // the same outage: fabric8 retries on, nothing new
        }
        newErrors++;
        view = View.DOWN;
        reason = why;
        level = lvl;
        line = why + (everUp ? "; keeping the last known " + count + " " + subject.plural() : "")
                + (retrying ? "; retrying" : "");
    }
}
