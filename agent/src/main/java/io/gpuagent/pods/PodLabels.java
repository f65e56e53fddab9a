package io.gpuagent.pods;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Pod labels turned into Prometheus label names the way kube-state-metrics does for
 * {@code kube_pod_labels}: {@code label_<key>} with every character outside {@code [a-zA-Z0-9_]}
 * replaced by {@code _}. Users join on these names, so the rule must not drift.
 */
final class PodLabels {

    static final String PREFIX = "label_";

    private PodLabels() {
    }

    /**
     * The labels whose whole key matches the allowlist, renamed. Two keys that sanitize alike
     * ({@code app.kubernetes.io/name} and {@code app_kubernetes_io/name}) keep the first in sorted key
     * order, so the result does not depend on map iteration order. No allowlist, no labels.
     */
    static Map<String, String> allowlisted(Map<String, String> labels, Optional<Pattern> allowlist) {
        if (allowlist.isEmpty() || labels == null || labels.isEmpty()) {
            return Map.of();
        }
        Pattern pattern = allowlist.get();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            if (pattern.matcher(label.getKey()).matches()) {
                out.putIfAbsent(PREFIX + sanitize(label.getKey()), label.getValue() == null ? "" : label.getValue());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The labels as dcgm-exporter's {@code --kubernetes-enable-pod-labels} puts them on its series: the sanitized
     * key without a prefix, every label when there is no allowlist (as dcgm-exporter's empty allowlist means all).
     * Keys that sanitize alike keep the first in sorted key order, as {@link #allowlisted} does.
     */
    static Map<String, String> dcgm(Map<String, String> labels, Optional<Pattern> allowlist) {
        if (labels == null || labels.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            if (allowlist.isEmpty() || allowlist.get().matcher(label.getKey()).matches()) {
                out.putIfAbsent(sanitize(label.getKey()), label.getValue() == null ? "" : label.getValue());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    static String sanitize(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            b.append(ok ? c : '_');
        }
        return b.toString();
    }
}
