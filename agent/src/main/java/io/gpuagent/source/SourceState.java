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
 */
public record SourceState<T>(String source, Optional<T> latest, Optional<Instant> lastSuccess, Optional<String> problem,
        Duration lastDuration, long errors) {

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
}
