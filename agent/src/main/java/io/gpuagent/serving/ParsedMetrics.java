package io.gpuagent.serving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The result of one read of a metrics endpoint. Immutable so a previous read can be kept and
 * compared against the next one (windowed queue wait) without defensive copies.
 *
 * @param badLines lines that could not be read; a rising count points at a format we misread
 * @param truncated true when the sample cap was reached and later samples were dropped
 */
public record ParsedMetrics(
        Map<String, List<Sample>> byName, Map<String, String> types, int badLines, boolean truncated) {

    public static final ParsedMetrics EMPTY = new ParsedMetrics(Map.of(), Map.of(), 0, false);

    public ParsedMetrics {
        Map<String, List<Sample>> copy = new LinkedHashMap<>();
        byName.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byName = Collections.unmodifiableMap(copy);
        types = Map.copyOf(types);
    }

    /** Samples of the series {@code name}; empty (never null) when absent. */
    public List<Sample> get(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Series names present, in order of first appearance. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** The declared {@code # TYPE} of a metric family (e.g. "counter"), when declared. */
    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    public int sampleCount() {
        return byName.values().stream().mapToInt(List::size).sum();
    }
}
