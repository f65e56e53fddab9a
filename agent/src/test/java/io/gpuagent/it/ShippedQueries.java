package io.gpuagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every PromQL expression the project ships for users to run: the Grafana dashboards' panels and
 * variables, the rules file's recording and alerting rules, and the autoscaling recipes; each with
 * where it comes from and the form that must return data on a healthy simulated node.
 */
final class ShippedQueries {

    static final Path ROOT = Path.of("..");
    static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)$");
    static final Pattern INTERVAL = Pattern.compile("\\$\\{?__(?:rate_interval|interval|range)\\}?");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]+\\}|\\$[A-Za-z_][A-Za-z0-9_]*");
    /** A comparison with a number (a threshold), and its optional {@code bool}. */
    static final Pattern COMPARISON = Pattern.compile(
            "\\s*(?:==|!=|>=|<=|>|<)\\s*(?:bool\\s+)?[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");
    /** The "answer 0 rather than nothing" fallback of counts and recipes. */
    static final Pattern FALLBACK = Pattern.compile("\\s+or\\s+vector\\(\\s*[-+.0-9eE]+\\s*\\)");

    /**
     * @param origin file and place, for messages
     * @param query what the user runs, variables substituted
     * @param relaxed the query without thresholds and {@code or vector(0)} fallbacks, whose answer shows
     *     whether every selector in it finds series (an alert that does not fire still must)
     */
    record Query(String origin, String query, String relaxed) {
    }

    private ShippedQueries() {
    }

    static List<Query> all() throws IOException {
        List<Query> out = new ArrayList<>();
        out.addAll(dashboards());
        out.addAll(rules());
        out.addAll(recipes());
        return out;
    }

    static Query of(String origin, String query) {
        return new Query(origin, query, relax(query));
    }

    static List<Query> dashboards() throws IOException {
        List<Query> out = new ArrayList<>();
        List<String> files;
        try (Stream<Path> listing = Files.list(ROOT.resolve("dashboards"))) {
            files = listing.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList();
        }
        for (String file : files) {
            JsonNode d = new ObjectMapper().readTree(ROOT.resolve("dashboards").resolve(file).toFile());
            for (JsonNode v : d.path("templating").path("list")) {
                if (v.path("type").asText().equals("query")) {
                    Matcher m = LABEL_VALUES.matcher(v.path("definition").asText().strip());
                    if (!m.matches()) {
                        throw new AssertionError(file + " $" + v.path("name").asText() + ": not label_values(selector, label)");
                    }
                    // Grafana asks for the label's values among the selector's series
                    out.add(of(file + " $" + v.path("name").asText(),
                            "count by (" + m.group(2) + ") (" + substitute(m.group(1)) + ")"));
                }
            }
            for (JsonNode p : d.path("panels")) {
                for (JsonNode t : p.path("targets")) {
                    out.add(of(file + " \"" + p.path("title").asText() + "\" " + t.path("refId").asText(),
                            substitute(t.path("expr").asText())));
                }
            }
        }
        return out;
    }

    static List<Query> rules() throws IOException {
        List<Query> out = new ArrayList<>();
        JsonNode file = new YAMLMapper().readTree(ROOT.resolve("daemonset/rules/gpu-agent.rules.yaml").toFile());
        for (JsonNode group : file.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("record") ? rule.path("record").asText() : rule.path("alert").asText();
                out.add(of("rules " + name, rule.path("expr").asText().strip()));
                if (rule.has("record")) {
                    out.add(of("rules " + name + " (the recorded series)", name));
                }
            }
        }
        return out;
    }

    static List<Query> recipes() throws IOException {
        List<Query> out = new ArrayList<>();
        for (io.gpuagent.deploy.AutoscalingQueries.Query q : io.gpuagent.deploy.AutoscalingQueries.queries(ROOT)) {
            out.add(of("daemonset/autoscaling/" + q.file() + " " + q.where(), q.expr()));
        }
        return out;
    }

    /** Grafana's variables: intervals become 1m, template variables match anything. */
    static String substitute(String expr) {
        return VARIABLE.matcher(INTERVAL.matcher(expr).replaceAll("1m")).replaceAll(".*");
    }

    /** Drops threshold comparisons and {@code or vector(0)} fallbacks outside label matchers and strings. */
    static String relax(String query) {
        String q = FALLBACK.matcher(query).replaceAll("");
        StringBuilder out = new StringBuilder();
        int braces = 0;
        char quote = 0;
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < q.length()) {
                    out.append(q.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '{') {
                braces++;
            } else if (c == '}') {
                braces--;
            } else if (braces == 0) {
                Matcher m = COMPARISON.matcher(q).region(i, q.length());
                if (m.lookingAt()) {
                    i = m.end() - 1;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
