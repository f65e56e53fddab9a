package io.gpuagent.nvml;

import io.gpuagent.nvml.raw.nvml_h$library;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which optional functions the bound library exports. A function missing from an older driver means
 * "not supported" for what it reads, never a failure; each symbol is probed once.
 */
final class Symbols {

    private final Map<String, Boolean> probed = new ConcurrentHashMap<>();

    boolean has(String symbol) {
        return probed.computeIfAbsent(symbol, s -> nvml_h$library.current().find(s).isPresent());
    }
}
