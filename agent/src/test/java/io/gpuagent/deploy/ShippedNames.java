package io.gpuagent.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a shipped PromQL expression may use: the metric families docs/metrics.md documents and the
 * recording rules of the rules file. Shared by the dashboard and autoscaling-recipe checks.
 */
public final class ShippedNames {

    /** Maven runs tests in {@code agent/}; the files live at the repository root. */
    static final Path ROOT = Path.of("..");
    static final Pattern METRIC = Pattern.compile("\\b(?:gpu|inference)_[a-z_]+");
    /** A recording-rule name: level:metric:operations (operations may name a window: increase1h). */
    static final Pattern RECORD = Pattern.compile("\\b[a-z_]+:[a-z_]+:[a-z0-9_]+\\b");
    static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

    private static final Set<String> DOCUMENTED = new TreeSet<>();
    private static final Set<String> RECORDS = new TreeSet<>();

    static {
        try {
            Matcher code = Pattern.compile("`([^`]+)`").matcher(Files.readString(ROOT.resolve("docs/metrics.md")));
            while (code.find()) {
                if (code.group(1).matches("(?:gpu|inference)_[a-z_]+")) {
                    DOCUMENTED.add(code.group(1));
                }
            }
            Matcher record = Pattern.compile("(?m)^\\s*-?\\s*record:\\s*(\\S+)\\s*$")
                    .matcher(Files.readString(ROOT.resolve("daemonset/rules/gpu-agent.rules.yaml")));
            while (record.find()) {
                RECORDS.add(record.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ShippedNames() {
    }

    /** Metric families documented in docs/metrics.md. */
    public static Set<String> documented() {
        return Set.copyOf(DOCUMENTED);
    }

    /** Recording rules of daemonset/rules/gpu-agent.rules.yaml. */
    public static Set<String> records() {
        return Set.copyOf(RECORDS);
    }

    /** Metric and recording-rule names an expression uses (label values such as reason!="gpu_idle" excluded). */
    public static Set<String> names(String expr) {
        Set<String> out = new TreeSet<>();
        String code = STRING.matcher(expr).replaceAll("\"\"");
        Matcher record = RECORD.matcher(code);
        while (record.find()) {
            out.add(record.group());
        }
        Matcher metric = METRIC.matcher(RECORD.matcher(code).replaceAll(" "));
        while (metric.find()) {
            out.add(metric.group());
        }
        return out;
    }

    /** The names of {@code expr} that are neither documented nor recorded. */
    public static Set<String> unknown(String expr) {
        Set<String> unknown = new TreeSet<>();
        for (String name : names(expr)) {
            if (name.contains(":") ? !RECORDS.contains(name) : !DOCUMENTED.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }
}
