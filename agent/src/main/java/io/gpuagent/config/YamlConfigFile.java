package io.gpuagent.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

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

    /** Far deeper than a flat settings mapping needs, far shallower than a thread's stack allows. */
    static final int MAX_DEPTH = 64;

    private YamlConfigFile() {
    }

    /** Reads and checks {@code file}; every problem is a {@link ConfigException} naming it. */
    static Map<Setting, SettingValue> read(Path file) throws ConfigException {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException("--config", name + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException("--config", name + ": cannot read: " + e, e);
        }
        return parse(text, name);
    }

    /** Parses YAML text; {@code name} is the file name used in messages. */
    static Map<Setting, SettingValue> parse(String text, String name) throws ConfigException {
        Object document;
        try {
            LoadSettings settings = settings(name);
            checkNesting(settings, text, name);
            document = new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            throw new ConfigException("--config", name + where(e) + ": invalid YAML: " + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw new ConfigException("--config", name + ": invalid YAML: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // snakeyaml-engine lets other exceptions out on some malformed text: NumberFormatException for a
            // "\x" escape cut off by the end of the file, or for "\UFFFFFFFF". The file is still the problem.
            throw new ConfigException("--config", name + ": invalid YAML (the YAML reader failed with "
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
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

    // Settings that are switches also take YAML booleans; everything else must be a string so
    // that e.g. "collect-interval: 5" (no unit) or "listen: 9400" (no colon) is caught, not guessed.
    private static String text(Setting setting, Object value, String file) throws ConfigException {
        boolean takesBoolean = setting == Setting.SIMULATE || setting == Setting.KUBERNETES
                || setting == Setting.PROCESS_METRICS || setting == Setting.XID_EVENTS;
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b && takesBoolean) {
            return b.toString();
        }
        String expected = takesBoolean ? "a boolean or a string" : "a string";
        String hint = value instanceof Number || value instanceof Boolean ? " (quote it)" : "";
        throw SettingValue.fromYaml(setting, "", file)
                .error("expected " + expected + ", got " + typeName(value) + hint);
    }

    private static LoadSettings settings(String name) {
        // The safe loader builds only maps, lists and scalars: no tags that instantiate classes.
        // The YAML 1.2 core schema reads true/True/TRUE as booleans, as users expect.
        return LoadSettings.builder()
                .setLabel(name)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .build();
    }

    /**
     * Rejects, before anything is built, documents that would overflow the stack of snakeyaml's
     * recursive composer and constructor or of {@code hashCode}: collections nested deeper than
     * {@link #MAX_DEPTH} (counting what aliases pull in) and aliases to a collection that contains
     * them. A settings file needs neither.
     */
    private static void checkNesting(LoadSettings settings, String text, String name) throws ConfigException {
        Map<String, Integer> heights = new HashMap<>(); // anchor -> height of its node
        Deque<int[]> open = new ArrayDeque<>(); // per open collection: {height of tallest child}
        Deque<String> openAnchors = new ArrayDeque<>(); // anchor of each open collection, "" if none
        for (Event event : new Parse(settings).parseString(text)) {
            int height;
            switch (event.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw tooDeep(event, name);
                    }
                    open.push(new int[1]);
                    openAnchors.push(((NodeEvent) event).getAnchor().map(Anchor::getValue).orElse(""));
                    continue;
                }
                case SequenceEnd, MappingEnd -> {
                    height = open.pop()[0] + 1;
                    String anchor = openAnchors.pop();
                    if (!anchor.isEmpty()) {
                        heights.put(anchor, height);
                    }
                }
                case Scalar -> {
                    height = 0;
                    ((NodeEvent) event).getAnchor().ifPresent(a -> heights.put(a.getValue(), 0));
                }
                case Alias -> {
                    String anchor = ((AliasEvent) event).getAlias().getValue();
                    if (openAnchors.contains(anchor)) {
                        throw new ConfigException("--config", name + at(event) + ": invalid YAML: alias *"
                                + anchor + " refers to a collection that contains it");
                    }
                    height = heights.getOrDefault(anchor, 0); // an unknown anchor fails in the loader
                    if (open.size() + height > MAX_DEPTH) {
                        throw tooDeep(event, name);
                    }
                }
                default -> {
                    continue;
                }
            }
            if (!open.isEmpty()) {
                int[] parent = open.peek();
                parent[0] = Math.max(parent[0], height);
            }
        }
    }

    private static ConfigException tooDeep(Event event, String name) {
        return new ConfigException("--config", name + at(event) + ": invalid YAML: nested more than "
                + MAX_DEPTH + " levels deep");
    }

    private static String at(Event event) {
        return event.getStartMark().map(YamlConfigFile::lineAndColumn).orElse("");
    }

    private static String where(MarkedYamlEngineException e) {
        return e.getProblemMark().or(e::getContextMark)
                .map(YamlConfigFile::lineAndColumn)
                .orElse("");
    }

    private static String lineAndColumn(Mark mark) {
        // snakeyaml counts from zero; editors count from one.
        return ": line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
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
