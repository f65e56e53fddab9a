package io.gpuagent.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small reader of the text exposition format for assertions (promtool does the strict check). */
record Exposition(List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Exposition parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name;
            Map<String, String> labels = new TreeMap<>();
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                int i = 0;
                while (i < body.length()) {
                    int eq = body.indexOf('=', i);
                    String key = body.substring(i, eq);
                    StringBuilder v = new StringBuilder();
                    int j = eq + 2;
                    while (body.charAt(j) != '"') {
                        if (body.charAt(j) == '\\') {
                            j++;
                        }
                        v.append(body.charAt(j++));
                    }
                    labels.put(key, v.toString());
                    i = j + 1;
                    if (i < body.length() && body.charAt(i) == ',') {
                        i++;
                    }
                }
            } else {
                name = line.substring(0, space);
            }
            out.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1).trim())));
        }
        return new Exposition(out);
    }

    /** Samples of {@code name} whose labels include all of {@code match} (key, value, key, value...). */
    List<Sample> find(String name, String... match) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < match.length; i += 2) {
                if (!match[i + 1].equals(s.labels().get(match[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** The single value of {@code name} with these labels; fails if not exactly one. */
    double value(String name, String... match) {
        List<Sample> found = find(name, match);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + name + " " + List.of(match) + ", found " + found);
        }
        return found.get(0).value();
    }
}
