package io.gpuagent.source;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;

/**
 * What one refresh of a {@link Source} found. The {@link SourceRunner} turns it into the source's
 * {@link SourceState} and logs what changed: a problem once when it starts (or its reason changes), once when
 * it ends. A source gives the wording; the runner decides when it is said.
 */
public sealed interface Outcome<T> {

    /**
     * Read: {@code value} is the new reading.
     *
     * @param errors parts of the refresh that failed without failing it (a GPU field, a target, an expired watch)
     * @param firstLine said (INFO) the first time the source is up, if given
     * @param recoveredLine said (INFO) when the source is up again after a problem it logged; a default if absent
     */
    record Up<T>(T value, long errors, Optional<String> firstLine, Optional<String> recoveredLine) implements Outcome<T> {
        public Up {
            Objects.requireNonNull(value);
        }

        /** Says {@code line} the first time the source is up. */
        public Up<T> saying(String line) {
            return new Up<>(value, errors, Optional.of(line), recoveredLine);
        }

        /** Says {@code line} when the source is up again after a problem. */
        public Up<T> recovering(String line) {
            return new Up<>(value, errors, firstLine, Optional.of(line));
        }
    }

    /**
     * Failed: the source is down for {@code reason} (one line: it is what {@code /readyz} and the state show). The
     * runner logs {@code line} at {@code level} when the reason is new (an empty line: a new reason that is no news).
     *
     * @param errors how many failures this refresh counts: 1 for a failed attempt; an event-driven source counts the
     *     failures it saw since its last refresh (0 while one outage goes on)
     */
    record Down<T>(String reason, Level level, String line, long errors) implements Outcome<T> {
        public Down {
            Objects.requireNonNull(reason);
            Objects.requireNonNull(level);
            Objects.requireNonNull(line);
        }

        /** Counts {@code n} failures instead of one. */
        public Down<T> counting(long n) {
            return new Down<>(reason, level, line, n);
        }
    }

    /**
     * Does not apply here, for {@code reason} (logged once at INFO): a steady state, not an outage.
     *
     * @param errors failures seen since the last refresh (e.g. the request that found the API missing)
     */
    record Unsupported<T>(String reason, long errors) implements Outcome<T> {
        public Unsupported {
            Objects.requireNonNull(reason);
        }
    }

    /**
     * Nothing attempted (e.g. waiting out a backoff): the state stays as it is, no error counted.
     *
     * @param errors parts that failed meanwhile, counted without changing the state
     */
    record Unchanged<T>(long errors) implements Outcome<T> {
    }

    static <T> Up<T> up(T value) {
        return new Up<>(value, 0, Optional.empty(), Optional.empty());
    }

    static <T> Up<T> up(T value, long errors) {
        return new Up<>(value, errors, Optional.empty(), Optional.empty());
    }

    /** Down for {@code reason}, logged as such at WARNING. */
    static <T> Down<T> down(String reason) {
        return new Down<>(reason, Level.WARNING, reason, 1);
    }

    /** Down for {@code reason}, logged as {@code line} at {@code level}. */
    static <T> Down<T> down(String reason, Level level, String line) {
        return new Down<>(reason, level, line, 1);
    }

    static <T> Unsupported<T> unsupported(String reason) {
        return new Unsupported<>(reason, 0);
    }

    static <T> Unchanged<T> unchanged() {
        return new Unchanged<>(0);
    }

    static <T> Unchanged<T> unchanged(long errors) {
        return new Unchanged<>(errors);
    }
}
