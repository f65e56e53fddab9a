package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of the {@code --config} file ({@link YamlConfigFile}) and of the whole loader behind it: a file
 * written from known settings, in any of YAML's scalar styles and layouts, reads back to exactly those texts; any
 * other text, however nested, recursive or malformed, is refused with a one-line {@link ConfigException} naming
 * {@code --config} or the setting, never another exception (a StackOverflowError was one, see
 * YamlConfigFileTest.tooDeepOrRecursiveIsAConfigError).
 */
class YamlConfigFilePropertiesTest {

    private static final List<Setting> IN_YAML = Arrays.stream(Setting.values()).filter(Setting::allowedInYaml).toList();

    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("yaml-properties");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** A file's text and the setting texts it holds. */
    record Written(String text, Map<Setting, String> values) {
    }

    @Property
    void aWrittenFileReadsBackToItsSettings(@ForAll("files") Written w) throws ConfigException {
        Map<Setting, SettingValue> read = YamlConfigFile.parse(w.text(), "f.yaml");
        Map<Setting, String> texts = new EnumMap<>(Setting.class);
        read.forEach((s, v) -> {
            texts.put(s, v.text());
            assertThat(v.origin()).isEqualTo(s.key() + " in f.yaml");
        });
        assertThat(texts).as(w.text()).isEqualTo(w.values());
    }

    @Property
    void anyTextIsSettingsOrAConfigError(@ForAll("yamlLike") String text) {
        check(text);
    }

    @Property
    void arbitraryUnicodeIsSettingsOrAConfigError(@ForAll @StringLength(max = 300) String text) {
        check(text);
    }

    @Property
    void arbitraryBytesAreSettingsOrAConfigError(@ForAll @Size(max = 300) byte[] bytes) {
        check(new String(bytes, StandardCharsets.UTF_8));
        check(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    @Property
    void aCorruptedFileIsSettingsOrAConfigError(@ForAll("files") Written w, @ForAll @IntRange(max = 10_000) int at,
            @ForAll("yamlLike") String junk, @ForAll boolean replace) {
        String t = w.text();
        int i = at % (t.length() + 1);
        check(t.substring(0, i) + junk + (replace ? t.substring(Math.min(t.length(), i + junk.length())) : t.substring(i)));
    }

    @Property
    void deepNestingIsAConfigError(@ForAll("nested") String text) {
        check(text);
    }

    /** The loader end to end: a file of any text gives a configuration or a ConfigException, nothing else. */
    @Property
    void theLoaderReadsAnyFileIntoAConfigOrAConfigError(@ForAll("loaderFiles") String text) throws IOException {
        Path file = Files.createTempFile(dir, "agent", ".yaml");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8)); // a lone surrogate becomes '?' 
        Throwable t = catchThrowable(() -> ConfigLoader.load(new String[] {"--config", file.toString()}, Map.of(),
                () -> Optional.of("host")));
        Files.delete(file);
        if (t != null) {
            assertThat(t).as(text).isExactlyInstanceOf(ConfigException.class);
            assertThat(t.getMessage()).doesNotContain("\n").startsWith(((ConfigException) t).setting() + ": ");
        }
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
    static Arbitrary<String> settingText() {
        return Arbitraries.oneOf(
                Arbitraries.of(":9400", "[::1]:9400", "2s", "500ms", "/usr/lib64/libnvidia-ml.so.1", "demo", "auto",
                        "node-1", "/host/proc", "^(app|team)$", "dcgm", "example.com/gpu,example.com/a100", "on",
                        "true", "no", "1", "3.5", "null", "~", "", " lead", "trail ", "a: b", "# not a comment", "- x",
                        "'", "\"", "\\", "{x}", "[y]", "&anchor", "*alias", "!tag", "%", "@", "`", "日本", "\u00A0x",
                        "tab\there"),
                Arbitraries.strings().ofMaxLength(20).map(YamlConfigFilePropertiesTest::yamlRepresentable));
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

    @Provide
    Arbitrary<Written> files() {
        Arbitrary<Map<Setting, String>> values = Arbitraries.maps(Arbitraries.of(IN_YAML), settingText()).ofMaxSize(6)
                .map(LinkedHashMap::new);
        Arbitrary<List<Integer>> styles = Arbitraries.integers().between(0, 2).list().ofSize(12);
        Arbitrary<Integer> layout = Arbitraries.integers().between(0, 3);
        Arbitrary<String> newline = Arbitraries.of("\n", "\r\n");
        return Combinators.combine(values, styles, layout, newline).as((vs, st, lay, nl) -> {
            List<String> entries = new ArrayList<>();
            int k = 0;
            for (Map.Entry<Setting, String> e : vs.entrySet()) {
                entries.add(e.getKey().key() + ": " + scalar(e.getValue(), st.get(k++ % st.size())));
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
        });
    }

    @Provide
    Arbitrary<String> yamlLike() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("listen", "collect-interval", "naming", "config", "simulate", ": ", ":", "- ", "-", "[",
                        "]", "{", "}", ",", "? ", "&a ", "*a", "&b ", "*b", "!!str ", "!!binary ", "!!set ", "!!map ",
                        "!!java.lang.Object ", "!local ", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "---", "...", "#",
                        "|", ">", "'", "\"", "\\", "\n", "\r\n", "\r", "  ", "\t", "true", "~", "1", "0x1f", ".inf",
                        "2s", "\u0000", "\uFEFF", "\uD800", "\u0085", "\u2028", "é",
                        // double-quoted escapes, some cut short or out of range (the reader once threw on them)
                        "\\x", "\\x4", "\\u12", "\\UFFFFFFFF", "\\U0010FFFF", "\\N", "\\ "),
                settingText());
        return token.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> nested() {
        Arbitrary<String> open = Arbitraries.of("[", "{a: ", "- ", "[[", "{? ", "&x [", "&y {k: ");
        return Combinators.combine(open.list().ofMinSize(1).ofMaxSize(4_000), Arbitraries.of("x", "*x", "*y", "", "]"),
                Arbitraries.of(true, false), Arbitraries.of("listen: ", "", "? "))
                .as((opens, leaf, close, prefix) -> {
                    StringBuilder b = new StringBuilder(prefix);
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
                });
    }

    @Provide
    Arbitrary<String> loaderFiles() {
        return Arbitraries.oneOf(files().map(Written::text), yamlLike(), nested());
    }
}
