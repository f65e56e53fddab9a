package io.gpuagent.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns one setting's text into its typed value, or a {@link ConfigException} that names the
 * setting and where the text came from. Only files that must exist before start are checked
 * here; paths to things that may appear later (driver, kubelet socket) are left alone.
 */
final class SettingParsers {

    private SettingParsers() {
    }

    /** Applies a parser that reports problems as {@link IllegalArgumentException}. */
    static <T> T convert(SettingValue value, Function<String, T> parser) throws ConfigException {
        try {
            return parser.apply(value.text());
        } catch (IllegalArgumentException e) {
            throw value.error(e.getMessage(), e);
        }
    }

    static Duration collectInterval(SettingValue value) throws ConfigException {
        Duration d = convert(value, Durations::parse);
        if (d.compareTo(AgentConfig.MIN_COLLECT_INTERVAL) < 0 || d.compareTo(AgentConfig.MAX_COLLECT_INTERVAL) > 0) {
            throw value.error("\"" + value.text() + "\" is out of range: the collection interval must be between "
                    + Durations.format(AgentConfig.MIN_COLLECT_INTERVAL) + " and "
                    + Durations.format(AgentConfig.MAX_COLLECT_INTERVAL));
        }
        return d;
    }

    /** A duration between {@code min} and {@code max}, both included. */
    static Duration duration(SettingValue value, Duration min, Duration max) throws ConfigException {
        Duration d = convert(value, Durations::parse);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw value.error("\"" + value.text() + "\" is out of range: it must be between "
                    + Durations.format(min) + " and " + Durations.format(max));
        }
        return d;
    }

    /** A whole number between {@code min} and {@code max}, both included. */
    static int integer(SettingValue value, int min, int max) throws ConfigException {
        String text = value.text().strip();
        // digits only, and few enough that parseInt cannot overflow: "1e3", "+5", "0x10" are not counts
        if (!text.matches("[0-9]{1,9}")) {
            throw value.error("\"" + value.text() + "\" is not a whole number");
        }
        int n = Integer.parseInt(text);
        if (n < min || n > max) {
            throw value.error("\"" + value.text() + "\" is out of range: it must be between " + min + " and " + max);
        }
        return n;
    }

    static HttpLimits httpLimits(java.util.Map<Setting, SettingValue> values) throws ConfigException {
        Duration header = values.containsKey(Setting.HTTP_HEADER_TIMEOUT)
                ? duration(values.get(Setting.HTTP_HEADER_TIMEOUT), HttpLimits.MIN_HEADER_TIMEOUT,
                        HttpLimits.MAX_HEADER_TIMEOUT)
                : HttpLimits.DEFAULT_HEADER_TIMEOUT;
        Duration idle = values.containsKey(Setting.HTTP_IDLE_TIMEOUT)
                ? duration(values.get(Setting.HTTP_IDLE_TIMEOUT), HttpLimits.MIN_TIMEOUT, HttpLimits.MAX_TIMEOUT)
                : HttpLimits.DEFAULT_IDLE_TIMEOUT;
        Duration write = values.containsKey(Setting.HTTP_WRITE_TIMEOUT)
                ? duration(values.get(Setting.HTTP_WRITE_TIMEOUT), HttpLimits.MIN_TIMEOUT, HttpLimits.MAX_TIMEOUT)
                : HttpLimits.DEFAULT_WRITE_TIMEOUT;
        int max = values.containsKey(Setting.HTTP_MAX_CONNECTIONS)
                ? integer(values.get(Setting.HTTP_MAX_CONNECTIONS), HttpLimits.MIN_MAX_CONNECTIONS,
                        HttpLimits.MAX_MAX_CONNECTIONS)
                : HttpLimits.DEFAULT_MAX_CONNECTIONS;
        return new HttpLimits(header, idle, write, max);
    }

    static Path path(SettingValue value) throws ConfigException {
        try {
            return Path.of(value.text());
        } catch (InvalidPathException e) {
            throw value.error("\"" + value.text() + "\" is not a valid path: " + e.getReason(), e);
        }
    }

    /** A file the agent reads at start, so it must be there now: fail before anything starts. */
    static Path readableFile(SettingValue value) throws ConfigException {
        Path p = path(value);
        if (!Files.exists(p)) {
            throw value.error(p + ": no such file");
        }
        if (Files.isDirectory(p)) {
            throw value.error(p + ": is a directory, expected a file");
        }
        if (!Files.isReadable(p)) {
            throw value.error(p + ": not readable (check its permissions)");
        }
        return p;
    }

    /**
     * A comma-separated list of extended resource names ({@code example.com/gpu}): each needs a
     * domain prefix, as Kubernetes requires of extended resources.
     */
    static java.util.Set<String> resourceNames(SettingValue value) throws ConfigException {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (String part : value.text().split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")) {
                throw value.error("\"" + name + "\" is not an extended resource name (domain/name, e.g. example.com/gpu)");
            }
            names.add(name);
        }
        return names;
    }

    /**
     * Comma-separated globs over metric family names: {@code *} any run of characters, {@code ?} one; nothing else
     * but the characters of a metric name, so a regex or a typo'd separator is caught here rather than matching
     * nothing.
     */
    static java.util.List<String> globs(SettingValue value) throws ConfigException {
        java.util.List<String> globs = new java.util.ArrayList<>();
        for (String part : value.text().split(",")) {
            String glob = part.strip();
            if (glob.isEmpty()) {
                continue;
            }
            if (!glob.matches("[a-zA-Z0-9_:*?]+")) {
                throw value.error("\"" + glob + "\" is not a glob over metric names (letters, digits, _, :, * and ?)");
            }
            if (!globs.contains(glob)) {
                globs.add(glob);
            }
        }
        return globs;
    }

    static Pattern regex(SettingValue value) throws ConfigException {
        try {
            return Pattern.compile(value.text());
        } catch (PatternSyntaxException e) {
            throw value.error("invalid regular expression \"" + value.text() + "\": "
                    + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""), e);
        }
    }

    /**
     * {@code true}/{@code 1}/{@code yes}/{@code on} = the bundled default scenario,
     * {@code false}/{@code 0}/{@code no}/{@code off} = off, anything else a scenario. The words
     * are read from every source alike, so {@code --simulate=false} in a templated manifest
     * means off, as it would in the environment.
     */
    static Optional<String> simulate(SettingValue value) throws ConfigException {
        String text = value.text();
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> {
                return Optional.of(AgentConfig.SIMULATE_DEFAULT);
            }
            case "false", "0", "no", "off" -> {
                return Optional.empty();
            }
            default -> {
                // A name without '/' is a bundled scenario, resolved by the simulator; a path is
                // the user's file, which a typo would otherwise turn into a confusing late failure.
                if (text.contains("/")) {
                    readableFile(value);
                }
                return Optional.of(text);
            }
        }
    }

    static boolean bool(SettingValue value) throws ConfigException {
        return switch (value.text().strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw value.error("\"" + value.text() + "\" is not a boolean (true or false)");
        };
    }

    static String nodeName(SettingValue value) throws ConfigException {
        String name = value.text().strip();
        if (name.isEmpty()) {
            throw value.error("the node name must not be blank");
        }
        return name;
    }
}
