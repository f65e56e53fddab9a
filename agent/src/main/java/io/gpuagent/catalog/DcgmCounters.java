package io.gpuagent.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dcgm-exporter counters file, as its users keep it ({@code -f}/{@code --collectors}, shipped as
 * {@code etc/default-counters.csv}): one field a line, {@code field name, Prometheus type, help}; a line starting
 * with {@code #} is a comment. Read the way dcgm-exporter reads it (Go's CSV reader with {@code #} comments, each
 * field trimmed of spaces, exactly three fields, a type from its list), a little more leniently where that cannot
 * change what a file means: blank and indented comment lines are skipped rather than refused.
 *
 * <p>Pure: {@link #parse} is a function of the text. A line that is not a field is an error naming the line,
 * never skipped: a file that half-loads would leave panels empty without a word.
 */
public record DcgmCounters(List<Counter> counters) {

    /** dcgm-exporter's accepted types ({@code promMetricType}); {@code label} puts the field's value in a label. */
    public static final Set<String> TYPES = Set.of("gauge", "counter", "histogram", "summary", "label");

    /**
     * One line of the file.
     *
     * @param line its number in the file, from 1
     * @param field the DCGM field name, e.g. {@code DCGM_FI_DEV_GPU_UTIL}
     * @param type one of {@link #TYPES}
     * @param help the text for {@code # HELP}
     */
    public record Counter(int line, String field, String type, String help) {
    }

    public DcgmCounters {
        counters = List.copyOf(counters);
    }

    /**
     * @throws IllegalArgumentException {@code line N: what is wrong}, for the first line that is not a field
     */
    public static DcgmCounters parse(String text) {
        List<Counter> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line, number);
            if (fields.size() != 3) {
                throw error(number, "expected 3 comma-separated fields (field name, type, help), found "
                        + fields.size());
            }
            String name = fields.get(0);
            String type = fields.get(1);
            if (!name.matches("[A-Za-z_:][A-Za-z0-9_:]*")) {
                throw error(number, "\"" + name + "\" is not a field name");
            }
            if (!TYPES.contains(type)) {
                throw error(number, "\"" + type + "\" is not a type (gauge, counter, histogram, summary or label)");
            }
            Integer before = seen.putIfAbsent(name, number);
            if (before != null) {
                throw error(number, name + " is already on line " + before);
            }
            out.add(new Counter(number, name, type, fields.get(2)));
        }
        return new DcgmCounters(out);
    }

    /**
     * The comma-separated fields of one line, each trimmed of spaces. A field whose first non-space character is a
     * double quote is quoted (a comma inside it is text, {@code ""} a quote), as CSV quotes.
     */
    private static List<String> fields(String line, int number) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            StringBuilder field = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw error(number, "a quoted field is not closed (a field cannot span lines)");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw error(number, "text after a quoted field's closing quote");
                }
                out.add(field.toString());
            } else {
                int end = line.indexOf(',', i);
                out.add(line.substring(i, end < 0 ? n : end).strip());
                i = end < 0 ? n : end;
            }
            if (i >= n) {
                return out;
            }
            i++; // the comma
        }
    }

    private static IllegalArgumentException error(int line, String what) {
        return new IllegalArgumentException("line " + line + ": " + what);
    }
}
