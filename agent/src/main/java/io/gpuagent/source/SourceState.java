package io.gpuagent.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest immutable reading of one source (NVML, the kubelet, ...) as the scrape sees it: the last
 * good value, when it was read, and why the source is not up if it is not. A source that is unsupported or
 * unreachable is a state with a reason, not an exception. Kept by the source's {@link SourceRunner}.
 *
 * @param status where the source stands
 * @param latest the last successful reading (kept while the source is down, for staleness)
 * @param lastSuccess when {@code latest} was read
 * @param problem why the source is not up (one line); empty while it is up
 * @param lastDuration how long the last attempt took (for a stalled source: how long the attempt under way has run)
 * @param errors failed attempts and failed parts of attempts, since start
 */
public record SourceState<T>(String source, Status status, Optional<T> latest, Optional<Instant> lastSuccess,
        Optional<String> problem, Duration lastDuration, long errors) {

    /** Where a source stands. */
    public enum Status {
        /** not read yet */
        STARTING,
        /** the last attempt succeeded */
        UP,
        /** the last attempt failed: its last reading is not served */
        DOWN,
        /**
         * an attempt has been running too long (a hung call): the last reading is still the best there is, and is
         * served with its staleness visible
         */
        STALLED,
        /** the source does not apply here (e.g. a cluster that does not serve an API): a steady state, not an outage */
        UNSUPPORTED
    }

    public SourceState {
        Objects.requireNonNull(source);
        Objects.requireNonNull(status);
        if ((status == Status.UP) != problem.isEmpty()) {
            throw new IllegalArgumentException("a source is up exactly when it has no problem: " + status + " " + problem);
        }
    }

    public static <T> SourceState<T> starting(String source, String why) {
        return new SourceState<>(source, Status.STARTING, Optional.empty(), Optional.empty(), Optional.of(why),
                Duration.ZERO, 0);
    }

    public boolean up() {
        return status == Status.UP;
    }

    public boolean stalled() {
        return status == Status.STALLED;
    }

    public SourceState<T> succeeded(T value, Instant at, Duration took, long newErrors) {
        return new SourceState<>(source, Status.UP, Optional.of(value), Optional.of(at), Optional.empty(), took,
                errors + newErrors);
    }

    public SourceState<T> failed(String why, Duration took) {
        return failed(why, took, 1);
    }

    /** Down with {@code why}, counting {@code newErrors} failures. */
    public SourceState<T> failed(String why, Duration took, long newErrors) {
        return new SourceState<>(source, Status.DOWN, latest, lastSuccess, Optional.of(why), took, errors + newErrors);
    }

    /** Not applicable here, with why: nothing of it is served. */
    public SourceState<T> unsupported(String why, Duration took, long newErrors) {
        return new SourceState<>(source, Status.UNSUPPORTED, Optional.empty(), lastSuccess, Optional.of(why), took,
                errors + newErrors);
    }

    /** {@code extra} more errors (e.g. a part of the source failed between two attempts), nothing else changed. */
    public SourceState<T> withErrors(long extra) {
        return extra == 0 ? this : new SourceState<>(source, status, latest, lastSuccess, problem, lastDuration,
                errors + extra);
    }

    /**
     * The attempt under way has run for {@code runningFor} without an answer: stalled with {@code why}, the last
     * reading kept for serving. Counted as one error when the stall starts, not again while it lasts.
     */
    public SourceState<T> stalled(String why, Duration runningFor) {
        return new SourceState<>(source, Status.STALLED, latest, lastSuccess, Optional.of(why), runningFor,
                stalled() ? errors : errors + 1);
    }

    /** Whether the last reading should be served: up, or only stalled (a failed source's values are dropped). */
    public boolean serving() {
        return latest.isPresent() && (status == Status.UP || status == Status.STALLED);
    }
}
