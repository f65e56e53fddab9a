package io.gpuagent.serving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus text exposition format 0.0.4 and the OpenMetrics text format.
 *
 * <p>The text comes from serving pods we do not control, so the reader is defensive: a line it
 * cannot read is counted and skipped, never fatal, and nothing here throws. Limits on line length
 * and sample count keep a misbehaving endpoint from costing the agent unbounded memory.
 */
public final class ExpositionParser {

    /** Longer lines are skipped: no real sample needs this much, and it bounds per-line work. */
    public static final int MAX_LINE_CHARS = 64 * 1024;
    /** Samples past this are dropped; a big vLLM exposition has a few thousand. */
    public static final int MAX_SAMPLES = 200_000;

    // Strict number syntax: Double.parseDouble alone would also take "1d", "0x1p3" or "Infinity".
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private ExpositionParser() {}

    public static ParsedMetrics parse(String text) {
        if (text == null || text.isEmpty()) {
            return ParsedMetrics.EMPTY;
        }
        State st = new State();
        int len = text.length();
        int start = 0;
        while (start < len && !st.eof) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = len;
            }
            if (end - start > MAX_LINE_CHARS) {
                st.bad++;
            } else {
                try {
                    st.line(text.substring(start, end));
                } catch (RuntimeException e) {
                    // Defence in depth: the line reader should not throw, but one line must never
                    // cost the whole read.
                    st.bad++;
                }
            }
            start = end + 1;
        }
        return new ParsedMetrics(st.samples, st.types, st.bad, st.truncated);
    }

    private static final class State {
        final Map<String, List<Sample>> samples = new LinkedHashMap<>();
        final Map<String, String> types = new HashMap<>();
        int bad;
        int count;
        boolean truncated;
        boolean eof;

        void line(String raw) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                return;
            }
            if (trimmed.charAt(0) == '#') {
                comment(trimmed);
                return;
            }
            Sample s = new LineReader(trimmed).sample();
            if (s == null) {
                bad++;
                return;
            }
            if (count >= MAX_SAMPLES) {
                truncated = true;
                return;
            }
            count++;
            samples.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }

        void comment(String line) {
            String[] parts = line.substring(1).strip().split("\\s+", 3);
            if (parts.length == 1 && parts[0].equals("EOF")) {
                eof = true; // OpenMetrics: nothing after "# EOF" belongs to the exposition
            } else if (parts.length == 3 && parts[0].equals("TYPE")) {
                types.put(parts[1], parts[2].strip().toLowerCase(java.util.Locale.ROOT));
            }
            // HELP, UNIT and free comments carry nothing the signals need.
        }
    }

    /** Reads one sample line; returns null when the line is malformed. */
    private static final class LineReader {
        private final String s;
        private int i;

        LineReader(String s) {
            this.s = s;
        }

        Sample sample() {
            String name = name(true);
            if (name == null) {
                return null;
            }
            boolean separated = skipSpaces();
            Map<String, String> labels = Map.of();
            if (peek() == '{') {
                i++;
                labels = labels();
                if (labels == null) {
                    return null;
                }
                separated = skipSpaces();
            }
            if (!separated) {
                return null; // the value must be separated from name/labels
            }
            String valueToken = token();
            Double value = number(valueToken);
            if (value == null) {
                return null;
            }
            skipSpaces();
            if (i < s.length() && peek() != '#') {
                if (number(token()) == null) {
                    return null; // timestamp present but not a number
                }
                skipSpaces();
            }
            // Anything left must be an OpenMetrics exemplar (" # {...} v [ts]"); we ignore it.
            if (i < s.length() && peek() != '#') {
                return null;
            }
            return new Sample(name, labels, value);
        }

        private Map<String, String> labels() {
            Map<String, String> out = new LinkedHashMap<>();
            while (true) {
                skipSpaces();
                if (peek() == '}') {
                    i++;
                    return out;
                }
                String key = name(false);
                if (key == null) {
                    return null;
                }
                skipSpaces();
                if (peek() != '=') {
                    return null;
                }
                i++;
                skipSpaces();
                if (peek() != '"') {
                    return null;
                }
                i++;
                String value = quoted();
                if (value == null || out.putIfAbsent(key, value) != null) {
                    return null; // unterminated value or duplicate label name
                }
                skipSpaces();
                char c = peek();
                if (c == ',') {
                    i++; // a trailing comma before '}' is allowed by the format
                } else if (c != '}') {
                    return null;
                }
            }
        }

        private String quoted() {
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case '\\' -> b.append('\\');
                        case '"' -> b.append('"');
                        default -> b.append('\\').append(e); // unknown escapes are kept verbatim
                    }
                } else {
                    b.append(c);
                }
            }
            return null;
        }

        /** A metric name ([a-zA-Z_:][a-zA-Z0-9_:]*) or, without colons, a label name. */
        private String name(boolean colons) {
            int start = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                        || (colons && c == ':') || (i > start && c >= '0' && c <= '9');
                if (!ok) {
                    break;
                }
                i++;
            }
            return i > start ? s.substring(start, i) : null;
        }

        private String token() {
            int start = i;
            while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                i++;
            }
            return s.substring(start, i);
        }

        private boolean skipSpaces() {
            int start = i;
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            return i > start;
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }
    }

    /** Parses a sample value or timestamp; null when it is not a number in the format's syntax. */
    static Double number(String t) {
        switch (t) {
            case "NaN", "nan" -> {
                return Double.NaN;
            }
            case "+Inf", "Inf", "+inf", "inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                if (t.isEmpty() || t.length() > 64 || !NUMBER.matcher(t).matches()) {
                    return null;
                }
                return Double.parseDouble(t);
            }
        }
    }
}
