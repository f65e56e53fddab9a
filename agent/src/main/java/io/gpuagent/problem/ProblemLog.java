package io.gpuagent.problem;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs each problem once when it starts and once when it ends, so a field or a source that fails every
 * second does not flood the log. A problem is a key (e.g. {@code gpu/1/lost}) with a one-line message:
 * reported again with the same message it is quiet; with another message (the reason changed) it is logged
 * again; cleared, it logs {@code recovered: <key>} (or a message of the caller's). Thread-safe.
 */
public final class ProblemLog {

    /** Past this many distinct open problems new ones are not tracked (nor logged): the log stays bounded. */
    private static final int MAX_KEYS = 4096;

    private final Logger log;
    private final Map<String, String> active = new ConcurrentHashMap<>();

    public ProblemLog(Logger log) {
        this.log = Objects.requireNonNull(log);
    }

    public ProblemLog(String loggerName) {
        this(System.getLogger(loggerName));
    }

    /** Logs {@code message} at WARNING when {@code key} starts, or its message changed; else nothing. */
    public boolean report(String key, String message) {
        return report(key, Level.WARNING, message);
    }

    /** As {@link #report(String, String)}, at {@code level}; true when it was logged. */
    public boolean report(String key, Level level, String message) {
        return report(key, message, level, message, null);
    }

    /**
     * Logs {@code line} (with {@code cause}'s stack trace, if given) at {@code level} when {@code key} starts or its
     * {@code reason} changed; a line that says more than the reason (counts, advice) does not make it new.
     *
     * @return true when it was logged
     */
    public boolean report(String key, String reason, Level level, String line, Throwable cause) {
        String why = OneLine.of(reason);
        if (active.size() >= MAX_KEYS && !active.containsKey(key)) {
            return false;
        }
        String before = active.put(key, why);
        if (why.equals(before)) {
            return false;
        }
        if (line.isBlank()) {
            return false; // a new reason that is no news
        }
        if (cause == null) {
            log.log(level, OneLine.of(line));
        } else {
            log.log(level, OneLine.of(line), cause);
        }
        return true;
    }

    /** Ends {@code key}: logs {@code recovered: <key>} at INFO if it was open. */
    public boolean clear(String key) {
        return clear(key, "recovered: " + key);
    }

    /** Ends {@code key}: logs {@code message} at INFO if it was open; true when it was. */
    public boolean clear(String key, String message) {
        if (active.remove(key) != null) {
            log.log(Level.INFO, OneLine.of(message));
            return true;
        }
        return false;
    }

    /** Ends every problem whose key starts with {@code prefix}, quietly (e.g. all of a closed session). */
    public void clearPrefix(String prefix) {
        active.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** Forgets, quietly, every problem whose key {@code keep} rejects (e.g. of targets that went away). */
    public void forgetUnless(java.util.function.Predicate<String> keep) {
        active.keySet().removeIf(keep.negate());
    }

    /** Whether {@code key} is an open problem. */
    public boolean isOpen(String key) {
        return active.containsKey(key);
    }
}
