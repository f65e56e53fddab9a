package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties of the {@code --config} file ({@link YamlConfigFile}) and of the whole loader behind it: a file
 * written from known settings, in any of YAML's scalar styles and layouts, reads back to exactly those texts; any
 * other text, however nested, recursive or malformed, is refused with a one-line {@link ConfigException} naming
 * {@code --config} or the setting, never another exception (a StackOverflowError was one, see
 * YamlConfigFileTest.tooDeepOrRecursiveIsAConfigError).
 */
class YamlConfigFilePropertiesTest {

    private static final List<Setting> IN_YAML = Arrays.stream(Setting.values()).filter(Setting::allowedInYaml).toList();

    @TempDir
    static Path dir;

    /** A file's text and the setting texts it holds. */
    record Written(String text, Map<Setting, String> values) {
    }

    @Test
    void aWrittenFileReadsBackToItsSettings() {
        Properties.forAll("a written file reads back to its settings", Properties.TRIES,
                YamlConfigFilePropertiesTest::file, w -> {
                    Map<Setting, SettingValue> read = YamlConfigFile.parse(w.text(), "f.yaml");
                    Map<Setting, String> texts = new EnumMap<>(Setting.class);
                    read.forEach((s, v) -> {
                        texts.put(s, v.text());
                        assertThat(v.origin()).isEqualTo(s.key() + " in f.yaml");
                    });
                    assertThat(texts).as(w.text()).isEqualTo(w.values());
                });
    }

    @Test
    void anyTextIsSettingsOrAConfigError() {
        Properties.forAll("any text is settings or a config error", Properties.TRIES,
                YamlConfigFilePropertiesTest::yamlLike, YamlConfigFilePropertiesTest::check);
    }

    @Test
    void arbitraryUnicodeIsSettingsOrAConfigError() {
        Properties.forAll("arbitrary Unicode is settings or a config error", Properties.TRIES, r -> Gen.text(r, 300),
                YamlConfigFilePropertiesTest::check);
    }

    @Test
    void arbitraryBytesAreSettingsOrAConfigError() {
        Properties.forAll("arbitrary bytes are settings or a config error", Properties.TRIES, r -> Gen.bytes(r, 300),
                bytes -> {
                    check(new String(bytes, StandardCharsets.UTF_8));
                    check(new String(bytes, StandardCharsets.ISO_8859_1));
                });
    }

    @Test
    void aCorruptedFileIsSettingsOrAConfigError() {
        Properties.forAll("a corrupted file is settings or a config error", Properties.TRIES, r -> {
            String t = file(r).text();
            if (r.nextInt(3) == 0) {
                return Gen.corrupt(r, t);
            }
            int i = r.nextInt(10_001) % (t.length() + 1);
            String junk = yamlLike(r);
            return t.substring(0, i) + junk
                    + (r.nextBoolean() ? t.substring(Math.min(t.length(), i + junk.length())) : t.substring(i));
        }, YamlConfigFilePropertiesTest::check);
    }

    @Test
    void deepNestingIsAConfigError() {
        Properties.forAll("deep nesting is a config error", Properties.TRIES, YamlConfigFilePropertiesTest::nested,
                YamlConfigFilePropertiesTest::check);
    }

    /** The loader end to end: a file of any text gives a configuration or a ConfigException, nothing else. */
    @Test
    void theLoaderReadsAnyFileIntoAConfigOrAConfigError() {
        Properties.forAll("the loader reads any file into a config or a config error", Properties.TRIES,
                r -> switch (r.nextInt(3)) {
                    case 0 -> file(r).text();
                    case 1 -> yamlLike(r);
                    default -> nested(r);
                }, text -> {
                    Path file = Files.createTempFile(dir, "agent", ".yaml");
                    Files.write(file, text.getBytes(StandardCharsets.UTF_8)); // a lone surrogate becomes '?'
                    Throwable t = catchThrowable(() -> ConfigLoader.load(new String[] {"--config", file.toString()},
                            Map.of(), () -> Optional.of("host")));
                    Files.delete(file);
                    if (t != null) {
                        assertThat(t).as(text).isExactlyInstanceOf(ConfigException.class);
                        assertThat(t.getMessage()).doesNotContain("\n")
                                .startsWith(((ConfigException) t).setting() + ": ");
                    }
                });
    }

    private static void check(String text) {
        Throwable t = catchThrowable(() -> YamlConfigFile.parse(text, "f.yaml").forEach((s, v) -> {
            assertThat(s.allowedInYaml()).isTrue();
            assertThat(v.text()).isNotNull();
        }));
        if (t != null) {
            assertThat(t).as(text).isExactlyInstanceOf(ConfigException.class);
            ConfigException e = (ConfigException) t;
            assertThat(e.setting()).matches("--[a-z-]+");
            assertThat(e.getMessage()).startsWith(e.setting() + ": ").doesNotContain("\n").contains("f.yaml");
        }
    }

    // ---- generators ----

    /** Text a setting could hold: the characters real values use, and some that need quoting. */
    static String settingText(SplittableRandom r) {
        return r.nextBoolean()
                ? Gen.oneOf(r, ":9400", "[::1]:9400", "2s", "500ms", "/usr/lib64/libnvidia-ml.so.1", "demo", "auto",
                        "node-1", "/host/proc", "^(app|team)$", "dcgm", "example.com/gpu,example.com/a100", "on",
                        "true", "no", "1", "3.5", "null", "~", "", " lead", "trail ", "a: b", "# not a comment", "- x",
                        "'", "\"", "\\", "{x}", "[y]", "&anchor", "*alias", "!tag", "%", "@", "`", "日本", "\u00A0x",
                        "tab\there")
                : yamlRepresentable(Gen.text(r, 20));
    }

    /** YAML cannot carry every code point; replace those it refuses (C0 controls other than tab, surrogates...). */
    private static String yamlRepresentable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.appendCodePoint(c == '\t' || c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0)
                && !(c >= 0xD800 && c <= 0xDFFF) && c != 0xFEFF && c != 0xFFFE && c != 0xFFFF ? c : 'x'));
        return b.toString();
    }

    /** Writes {@code value} as a YAML scalar that reads back as that string, in one of several styles. */
    static String scalar(String value, int style) {
        return switch (style) {
            case 0 -> "'" + value.replace("'", "''") + "'";
            case 1 -> {
                StringBuilder b = new StringBuilder("\"");
                value.codePoints().forEach(c -> {
                    switch (c) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\t' -> b.append("\\t");
                        default -> {
                            if (c > 0xFFFF) {
                                b.append(String.format("\\U%08x", c));
                            } else if (c > 0x7E) {
                                b.append(String.format("\\u%04x", c));
                            } else {
                                b.appendCodePoint(c);
                            }
                        }
                    }
                });
                yield b.append('"').toString();
            }
            default -> plainSafe(value) ? value : "'" + value.replace("'", "''") + "'";
        };
    }

    /** Whether the core schema reads {@code value} unquoted as this very string. */
    private static boolean plainSafe(String value) {
        return value.matches("[A-Za-z/^][A-Za-z0-9/._()|^$-]*") // no ",": it ends an entry in a flow mapping
                && !value.matches("(?i)true|false|null|~|\\.inf|\\.nan|[-+]?\\.inf")
                && !value.contains(": ") && !value.endsWith(":");
    }

    /** A file written from up to 6 known settings, in any scalar style and layout, and what it holds. */
    static Written file(SplittableRandom r) {
        Map<Setting, String> vs = new LinkedHashMap<>();
        int n = r.nextInt(7);
        for (int i = 0; i < n; i++) {
            vs.put(Gen.oneOf(r, IN_YAML), settingText(r));
        }
        int lay = r.nextInt(4);
        String nl = Gen.oneOf(r, "\n", "\r\n");
        List<String> entries = new ArrayList<>();
        for (Map.Entry<Setting, String> e : vs.entrySet()) {
            entries.add(e.getKey().key() + ": " + scalar(e.getValue(), r.nextInt(3)));
        }
        String text = switch (lay) {
            case 0 -> String.join(nl, entries) + nl;
            case 1 -> "# gpu-agent settings" + nl + "---" + nl + String.join(nl + nl, entries) + nl + "..." + nl;
            case 2 -> "{" + String.join(", ", entries) + "}" + nl;
            // a key with nothing after it counts as absent
            default -> String.join("   # comment" + nl, entries) + (entries.isEmpty() ? "" : nl)
                    + (vs.containsKey(Setting.NAMING) ? "" : "naming:" + nl);
        };
        Map<Setting, String> expected = new EnumMap<>(Setting.class);
        expected.putAll(vs);
        return new Written(text, expected);
    }

    /** Up to 40 tokens of YAML syntax (anchors, aliases, tags, directives, indicators, escapes) and setting texts. */
    static String yamlLike(SplittableRandom r) {
        return Gen.tokens(r, 40, t -> t.nextBoolean()
                ? Gen.oneOf(t, "listen", "collect-interval", "naming", "config", "simulate", ": ", ":", "- ", "-", "[",
                        "]", "{", "}", ",", "? ", "&a ", "*a", "&b ", "*b", "!!str ", "!!binary ", "!!set ", "!!map ",
                        "!!java.lang.Object ", "!local ", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "---", "...", "#",
                        "|", ">", "'", "\"", "\\", "\n", "\r\n", "\r", "  ", "\t", "true", "~", "1", "0x1f", ".inf",
                        "2s", "\u0000", "\uFEFF", "\uD800", "\u0085", "\u2028", "é",
                        // double-quoted escapes, some cut short or out of range (the reader once threw on them)
                        "\\x", "\\x4", "\\u12", "\\UFFFFFFFF", "\\U0010FFFF", "\\N", "\\ ")
                : settingText(t));
    }

    /** 1 to 4,000 levels of flow and block collections and complex keys, some anchored and aliased, closed or not. */
    static String nested(SplittableRandom r) {
        // most depths small, some in the thousands
        int depth = r.nextBoolean() ? Gen.between(r, 1, 100) : Gen.between(r, 1, 4_000);
        List<String> opens = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            opens.add(Gen.oneOf(r, "[", "{a: ", "- ", "[[", "{? ", "&x [", "&y {k: "));
        }
        String leaf = Gen.oneOf(r, "x", "*x", "*y", "", "]");
        boolean close = r.nextBoolean();
        StringBuilder b = new StringBuilder(Gen.oneOf(r, "listen: ", "", "? "));
        opens.forEach(b::append);
        b.append(leaf);
        if (close) {
            for (int i = opens.size() - 1; i >= 0; i--) {
                String o = opens.get(i);
                b.append(o.contains("{") ? "}" : o.contains("[") ? "]".repeat(o.length() - o.replace("[", "")
                        .length()) : "");
            }
        }
        return b.append('\n').toString();
    }
}
