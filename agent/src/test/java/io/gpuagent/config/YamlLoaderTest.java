package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The limits both configuration files share; each file's own tests cover what it makes of the document. */
class YamlLoaderTest {

    @TempDir
    Path dir;

    static Stream<Arguments> refused() {
        StringBuilder laughs = new StringBuilder("a: &a [x, x]\n");
        for (int i = 0; i < 11; i++) {
            laughs.append("k").append(i).append(": *a\n");
        }
        return Stream.of(
                Arguments.of("deep", "a: " + "[".repeat(65) + "]".repeat(65) + "\n",
                        "deep.yml: line 1, column 67: invalid YAML: nested more than 64 levels deep"),
                Arguments.of("recursive", "a: &b {x: [*b]}\n",
                        "recursive.yml: line 1, column 12: invalid YAML: alias *b refers to a collection that contains it"),
                Arguments.of("aliases", laughs.toString(), "aliases.yml: invalid YAML: Number of aliases"),
                Arguments.of("duplicate", "a: 1\na: 2\n", "duplicate.yml: line 2, column 1: invalid YAML: found duplicate key a"),
                Arguments.of("syntax", "a: [1\nb: 2\n", "syntax.yml: line 2, column 2: invalid YAML: expected ',' or ']'"),
                Arguments.of("library", "a: \"\\x", "library.yml: invalid YAML (the YAML reader failed with NumberFormatException"),
                Arguments.of("tagged", "a: !!java.lang.Object {}\n", "tagged.yml: line 1, column 4: invalid YAML:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, String text, String message) throws Exception {
        Path f = Files.writeString(dir.resolve(name + ".yml"), text);
        assertThatThrownBy(() -> YamlLoader.load(f)).isInstanceOf(YamlLoader.InvalidYaml.class)
                .hasMessageStartingWith(dir.resolve(message).toString()).message().doesNotContain("\n");
    }

    @Test
    void aFileOverOneMebibyteIsNotRead() throws Exception {
        Path f = Files.writeString(dir.resolve("big.yml"), "a: " + "x".repeat(YamlLoader.MAX_BYTES) + "\n");
        assertThatThrownBy(() -> YamlLoader.load(f)).hasMessage(f + ": larger than 1 MiB; not a configuration file");
        assertThatThrownBy(() -> YamlLoader.parse(Files.readString(f), "big.yml"))
                .hasMessageStartingWith("big.yml: invalid YAML");
    }

    @Test
    void notUtf8OrMissingNamesTheFile() throws Exception {
        Path latin1 = Files.write(dir.resolve("latin1.yml"), new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});
        assertThatThrownBy(() -> YamlLoader.load(latin1)).hasMessage(latin1 + ": not UTF-8 text");
        Path missing = dir.resolve("missing.yml");
        assertThatThrownBy(() -> YamlLoader.load(missing)).hasMessageStartingWith(missing + ": cannot read: ");
    }

    @Test
    void withinTheLimitsItIsPlainData() throws Exception {
        Path f = Files.writeString(dir.resolve("ok.yml"), "a: &s [x, " + "[".repeat(62) + "]".repeat(62)
                + "]\nb: *s\nc: TRUE\n");
        assertThat(YamlLoader.load(f)).isInstanceOfSatisfying(Map.class, m -> {
            assertThat(m.get("a")).isInstanceOf(List.class).isEqualTo(m.get("b"));
            assertThat(m.get("c")).isEqualTo(Boolean.TRUE);
        });
        assertThat(YamlLoader.parse("# only a comment\n", "c.yml")).isNull();
    }
}
