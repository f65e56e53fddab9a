package io.gpuagent.gpu;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs each distinct problem once (a field that fails every second must not flood the log), and again
 * after it cleared and came back.
 */
final class ProblemLog {

    private static final Logger LOG = System.getLogger("io.gpuagent.gpu");
    private static final int MAX_KEYS = 4096;

    private final Set<String> active = ConcurrentHashMap.newKeySet();

    void report(String key, String message) {
        if (active.size() < MAX_KEYS && active.add(key)) {
            LOG.log(Level.WARNING, message);
        }
    }

    void clear(String key) {
        if (active.remove(key)) {
            LOG.log(Level.INFO, "recovered: " + key);
        }
    }

    void clearPrefix(String prefix) {
        active.removeIf(k -> k.startsWith(prefix));
    }
}
