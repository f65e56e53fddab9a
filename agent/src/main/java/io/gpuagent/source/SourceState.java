package io.gpuagent.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest immutable reading of one source (NVML, the kubelet, ...) as the scrape sees it: the last
 * good value, when it was read, and why the source is down if it is. A source that is unsupported or
 * unreachable is a state with a reason, not an exception.
 *
 * @param latest the last successful reading (kept while the source is down, for staleness)
 * @param lastSuccess when {@code latest} was read
 * @param problem why the source is down (one line), empty while it is up
 * @param lastDuration how long the last attempt took
 * @param errors failed attempts and failed parts of attempts, since start
 * @param stalled the source is down because an attempt has been running too long (a hung call), not because
 *        one failed: {@code latest} is still the best there is, and is served with its staleness visible
 */
public record SourceState<T>(String source, Optional<T> latest, Optional<Instant> lastSuccess, Optional<String> problem,
        Duration lastDuration, long errors, boolean stalled) {

    public SourceState(String source, Optional<T> latest, Optional<Instant> lastSuccess, Optional<String> problem,
            Duration lastDuration, long errors) {
        this(source, latest, lastSuccess, problem, lastDuration, errors, false);
    }

    public static <T> SourceState<T> starting(String source, String why) {
        return new SourceState<>(source, Optional.empty(), Optional.empty(), Optional.of(why), Duration.ZERO, 0);
    }

    public boolean up() {
        return problem.isEmpty();
    }

    public SourceState<T> succeeded(T value, Instant at, Duration took, long newErrors) {
        return new SourceState<>(source, Optional.of(value), Optional.of(at), Optional.empty(), took, errors + newErrors);
    }

    public SourceState<T> failed(String why, Duration took) {
        return new SourceState<>(source, latest, lastSuccess, Optional.of(why), took, errors + 1);
    }

    /**
     * The attempt under way has run for {@code runningFor} without an answer: down with {@code why}, the last
     * reading kept for serving. Counted as one error when the stall starts, not again while it lasts.
     */
    public SourceState<T> stalled(String why, Duration runningFor) {
        return new SourceState<>(source, latest, lastSuccess, Optional.of(why), runningFor, stalled ? errors : errors + 1,
                true);
    }

    /** Whether the last reading should be served: up, or only stalled (a failed source's values are dropped). */
    public boolean serving() {
        return latest.isPresent() && (problem.isEmpty() || stalled);
    }
}
