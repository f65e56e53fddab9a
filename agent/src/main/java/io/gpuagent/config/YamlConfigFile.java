package io.gpuagent.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code --config} file: one YAML mapping whose keys are the flag names without dashes
 * ({@code collect-interval: 2s}). Values come back as text, to be converted exactly like flags
 * and environment variables.
 *
 * <p>Strict on purpose: a misspelt key would otherwise be silently ignored and the agent would
 * run with a default the user believes they changed. A key with no value ({@code listen:}) is
 * treated as absent, like an empty environment variable.
 */
final class YamlConfigFile {

    private YamlConfigFile() {
    }

    /** Reads and checks {@code file}; every problem is a {@link ConfigException} naming it. */
    static Map<Setting, SettingValue> read(Path file) throws ConfigException {
        try {
            return settings(YamlLoader.load(file), file.toString());
        } catch (YamlLoader.InvalidYaml e) {
            throw new ConfigException("--config", e.getMessage(), e);
        }
    }

    /** Parses YAML text; {@code name} is the file name used in messages. */
    static Map<Setting, SettingValue> parse(String text, String name) throws ConfigException {
        try {
            return settings(YamlLoader.parse(text, name), name);
        } catch (YamlLoader.InvalidYaml e) {
            throw new ConfigException("--config", e.getMessage(), e);
        }
    }

    private static Map<Setting, SettingValue> settings(Object document, String name) throws ConfigException {
        Map<Setting, SettingValue> values = new EnumMap<>(Setting.class);
        if (document == null) {
            return values; // an empty file, or only comments
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new ConfigException("--config", name + ": expected a mapping of settings such as"
                    + " \"collect-interval: 2s\" at the top level, got " + typeName(document));
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                // A collection key is not printed: aliases can make its text huge.
                Object k = entry.getKey();
                String shown = k instanceof Number || k instanceof Boolean ? "key " + k + " is " : "a key is ";
                throw new ConfigException("--config", name + ": " + shown + typeName(k)
                        + ", expected a setting name");
            }
            Setting setting = Setting.byKey(key).orElseThrow(() -> new ConfigException("--config",
                    name + ": unknown key \"" + key + "\" (known keys: " + knownKeys() + ")"));
            Object value = entry.getValue();
            if (value != null) {
                values.put(setting, SettingValue.fromYaml(setting, text(setting, value, name), name));
            }
        }
        return values;
    }

    // Settings that are switches also take YAML booleans, and counts YAML integers; everything else must be
    // a string so that e.g. "collect-interval: 5" (no unit) or "listen: 9400" (no colon) is caught, not guessed.
    private static String text(Setting setting, Object value, String file) throws ConfigException {
        boolean takesBoolean = setting == Setting.SIMULATE || setting == Setting.KUBERNETES
                || setting == Setting.PROCESS_METRICS || setting == Setting.XID_EVENTS
                || setting == Setting.DCGM_POD_UID || setting == Setting.DCGM_POD_LABELS;
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b && takesBoolean) {
            return b.toString();
        }
        boolean takesInteger = setting == Setting.HTTP_MAX_CONNECTIONS;
        if ((value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) && takesInteger) {
            return value.toString();
        }
        String expected = takesBoolean ? "a boolean or a string" : takesInteger ? "an integer or a string" : "a string";
        String hint = value instanceof Number || value instanceof Boolean ? " (quote it)" : "";
        throw SettingValue.fromYaml(setting, "", file)
                .error("expected " + expected + ", got " + typeName(value) + hint);
    }

    static String typeName(Object value) {
        return switch (value) {
            case null -> "nothing";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Number n -> "a number";
            case List<?> l -> "a list";
            case Set<?> set -> "a set";
            case Map<?, ?> m -> "a mapping";
            case byte[] bytes -> "binary data";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    private static String knownKeys() {
        return Arrays.stream(Setting.values())
                .filter(Setting::allowedInYaml)
                .map(Setting::key)
                .collect(Collectors.joining(", "));
    }
}
