package io.gpuagent.config;

import io.gpuagent.problem.OneLine;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
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
 * The one way the agent reads a YAML file a user hands it ({@code --config}, {@code --web-config-file}): a small
 * document of maps, lists and scalars, or a one-line error naming the file (and the line where there is one).
 * Whatever the text, nothing else escapes: not a {@link StackOverflowError} from snakeyaml's recursive composer or
 * from {@code hashCode} on a self-containing alias, not the library's own slips.
 */
public final class YamlLoader {

    /** Far deeper than either file needs, far shallower than a thread's stack allows. */
    public static final int MAX_DEPTH = 64;
    /** Both files are a few lines; a larger one is a wrong path, not a configuration. */
    public static final int MAX_BYTES = 1 << 20;
    /** Aliases of collections, which multiply what is built (a "billion laughs" file). */
    static final int MAX_COLLECTION_ALIASES = 10;

    /** What is wrong with the file; the message starts with its name and is one line. */
    public static final class InvalidYaml extends Exception {
        InvalidYaml(String message, Throwable cause) {
            super(OneLine.of(message), cause);
        }
    }

    private YamlLoader() {
    }

    /** Reads {@code file} (UTF-8, at most {@link #MAX_BYTES}) and parses it; null for an empty document. */
    public static Object load(Path file) throws InvalidYaml {
        String name = file.toString();
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidYaml(name + ": larger than 1 MiB; not a configuration file", null);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new InvalidYaml(name + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidYaml(name + ": cannot read: " + e, e);
        }
        return parse(text, name);
    }

    /** Parses YAML text; {@code name} is the file name used in messages. Null for an empty document. */
    public static Object parse(String text, String name) throws InvalidYaml {
        // The safe loader builds only maps, lists and scalars: no tags that instantiate classes. The YAML 1.2
        // core schema reads true/True/TRUE as booleans, as users expect. A repeated key is a mistake, not an
        // override.
        LoadSettings settings = LoadSettings.builder()
                .setLabel(name)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setCodePointLimit(MAX_BYTES)
                .build();
        try {
            checkNesting(settings, text, name);
            return new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            throw new InvalidYaml(name + where(e) + ": invalid YAML: " + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw new InvalidYaml(name + ": invalid YAML: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // snakeyaml-engine lets other exceptions out on some malformed text: NumberFormatException for a
            // "\x" escape cut off by the end of the file, or for "\UFFFFFFFF". The file is still the problem.
            throw new InvalidYaml(name + ": invalid YAML (the YAML reader failed with "
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /**
     * Rejects, before anything is built, documents that would overflow the stack of snakeyaml's recursive
     * composer and constructor or of {@code hashCode}: collections nested deeper than {@link #MAX_DEPTH} (counting
     * what aliases pull in) and aliases to a collection that contains them. Neither file needs either. The
     * low-level parser it runs is a state machine, not recursive.
     */
    private static void checkNesting(LoadSettings settings, String text, String name) throws InvalidYaml {
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
                        throw new InvalidYaml(name + at(event) + ": invalid YAML: alias *" + anchor
                                + " refers to a collection that contains it", null);
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

    private static InvalidYaml tooDeep(Event event, String name) {
        return new InvalidYaml(name + at(event) + ": invalid YAML: nested more than " + MAX_DEPTH + " levels deep",
                null);
    }

    private static String at(Event event) {
        return event.getStartMark().map(YamlLoader::lineAndColumn).orElse("");
    }

    private static String where(MarkedYamlEngineException e) {
        return e.getProblemMark().or(e::getContextMark).map(YamlLoader::lineAndColumn).orElse("");
    }

    private static String lineAndColumn(Mark mark) {
        // snakeyaml counts from zero; editors count from one.
        return ": line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }
}
