package io.gpuagent.config;

import static io.gpuagent.config.LoaderSupport.error;
import static io.gpuagent.config.LoaderSupport.load;
import static io.gpuagent.config.LoaderSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class YamlConfigFileTest {

    @TempDir
    Path dir;

    private Path yaml(String text) {
        return write(dir, "agent.yaml", text);
    }

    @Test
    void everyKeyAtOnce() throws ConfigException {
        Path web = write(dir, "web.yml", "");
        Path counters = write(dir, "counters.csv", "");
        Path file = yaml("""
                listen: :9500
                collect-interval: 250ms
                nvml-library: /usr/lib64/libnvidia-ml.so.1
                simulate: true
                pod-resources-socket: /run/pr.sock
                kubernetes: false
                node-name: gpu-node-3
                proc-root: /host/proc
                pod-label-allowlist: "^(app|team)$"
                naming: dcgm
                dcgm-hostname-label: Hostname
                dcgm-counters: %s
                dcgm-pod-uid: true
                dcgm-pod-labels: "on"
                exclude-families: DCGM_FI_PROF_*, gpu_container_*
                gpu-resource-names: example.com/gpu
                process-metrics: true
                xid-events: false
                web-config-file: %s
                http-header-timeout: 2s
                http-idle-timeout: 5m
                http-write-timeout: 20s
                http-max-connections: 100
                """.formatted(counters, web));
        AgentConfig c = load("--config=" + file);
        assertThat(c.describe()).isEqualTo("listen=:9500 collect-interval=250ms"
                + " nvml-library=/usr/lib64/libnvidia-ml.so.1 simulate=default pod-resources-socket=/run/pr.sock"
                + " kubernetes=off node-name=gpu-node-3 proc-root=/host/proc pod-label-allowlist=^(app|team)$"
                + " naming=dcgm dcgm-hostname-label=Hostname dcgm-counters=" + counters
                + " dcgm-pod-uid=true dcgm-pod-labels=true exclude-families=DCGM_FI_PROF_*,gpu_container_*"
                + " gpu-resource-names=example.com/gpu process-metrics=true xid-events=false web-config-file=" + web
                + " http-header-timeout=2s http-idle-timeout=5m http-write-timeout=20s http-max-connections=100"
                + " config=" + file);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "\n", "# only a comment\n", "---\n", "---\n...\n"})
    void emptyFileIsEmptyConfig(String text) throws ConfigException {
        Path file = yaml(text);
        AgentConfig c = load("--config", file.toString());
        assertThat(c.configFile()).contains(file);
        assertThat(c).usingRecursiveComparison().ignoringFields("configFile")
                .isEqualTo(AgentConfig.defaults(LoaderSupport.HOST));
    }

    @Test
    void keyWithoutValueIsUnset() throws ConfigException {
        assertThat(load("--config", yaml("naming:\ncollect-interval: 2s\n").toString()).naming())
                .isEqualTo(Naming.NATIVE);
    }

    @ParameterizedTest(name = "simulate: {0}")
    @CsvSource({"true, default", "True, default", "false, off", "yes, default", "'\"off\"', off", "demo, demo"})
    void simulateTakesBooleansOrText(String value, String shown) throws ConfigException {
        AgentConfig c = load("--config", yaml("simulate: " + value + "\n").toString());
        assertThat(c.simulate().orElse("off")).isEqualTo(shown);
    }

    @Test
    void unknownKeyNamesTheKeyAndTheFile() {
        Path file = yaml("listen: :9400\ncolect-interval: 2s\n");
        ConfigException e = error("--config=" + file);
        assertThat(e.setting()).isEqualTo("--config");
        assertThat(e.getMessage()).contains(file.toString()).contains("unknown key \"colect-interval\"")
                .contains("collect-interval");
    }

    @Test
    void theFileCannotNameAnotherConfigFile() {
        ConfigException e = error("--config=" + yaml("config: other.yaml\n"));
        assertThat(e.getMessage()).startsWith("--config: ").contains("unknown key \"config\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "collect-interval: [1s]      | --collect-interval     | expected a string, got a list",
        "collect-interval: 5         | --collect-interval     | expected a string, got a number (quote it)",
        "listen: 9400                | --listen               | expected a string, got a number",
        "naming: {scheme: dcgm}      | --naming               | expected a string, got a mapping",
        "node-name: true             | --node-name            | expected a string, got a boolean",
        "simulate: 3                 | --simulate             | expected a boolean or a string, got a number",
        "kubernetes: [on]            | --kubernetes           | expected a boolean or a string, got a list",
        "http-max-connections: 1.5   | --http-max-connections | expected an integer or a string, got a number",
        "http-max-connections: 3     | --http-max-connections | must be between 4 and 10000",
    })
    void wrongTypeNamesTheSettingAndTheFile(String text, String setting, String fragment) {
        Path file = yaml(text + "\n");
        ConfigException e = error("--config=" + file);
        assertThat(e.setting()).isEqualTo(setting);
        assertThat(e.getMessage()).contains(fragment).contains(file.toString());
    }

    @Test
    void badValueInTheFileSaysWhereItCameFrom() {
        Path file = yaml("collect-interval: abc\n");
        ConfigException e = error("--config=" + file);
        assertThat(e.getMessage()).isEqualTo("--collect-interval: cannot parse \"abc\" as a duration"
                + " (use e.g. 500ms, 2s, 1m) (from collect-interval in " + file + ")");
    }

    @ParameterizedTest(name = "line {1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "listen: ':9400'\\nnaming: [dcgm\\n                  | 3",
        "listen: ':9400'\\n  naming: dcgm\\n                  | 2",
        "naming: dcgm\\nlisten: \"unterminated\\n              | 3",
        "naming: dcgm\\nnaming: native\\n                     | 2",
        "listen: ':1'\\nnaming: !!java.lang.Object {}\\n       | 2",
    })
    void badSyntaxNamesTheFileAndTheLine(String text, int line) {
        Path file = yaml(text.replace("\\n", "\n"));
        ConfigException e = error("--config=" + file);
        assertThat(e.setting()).isEqualTo("--config");
        assertThat(e.getMessage()).startsWith("--config: " + file + ": line " + line + ",")
                .contains("invalid YAML");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"- listen: :9400\n", "just text\n", "42\n"})
    void topLevelMustBeAMapping(String text) {
        ConfigException e = error("--config=" + yaml(text));
        assertThat(e.getMessage()).startsWith("--config: ").contains("expected a mapping");
    }

    @Test
    void missingFileNamesConfigAndThePath() {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = error("--config", missing.toString());
        assertThat(e.getMessage()).isEqualTo("--config: " + missing + ": no such file");
    }

    @Test
    void flagsAndEnvironmentStillBeatTheFile() throws ConfigException {
        Path file = yaml("collect-interval: 4s\nnaming: dcgm\n");
        AgentConfig c = load(java.util.Map.of("GPU_AGENT_NAMING", "native"),
                java.util.List.of("--config=" + file, "--collect-interval=2s"));
        assertThat(c.collectInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.naming()).isEqualTo(Naming.NATIVE);
    }

    /**
     * Found by probing while writing YamlConfigFilePropertiesTest, which also finds the recursive key on
     * the unfixed code: deep nesting overflowed snakeyaml's recursive composer, and an alias inside its
     * own anchored collection overflowed hashCode, both as a StackOverflowError instead of a
     * ConfigException.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "flow sequences      | nested more than 64 levels deep",
        "block sequences     | nested more than 64 levels deep",
        "flow mappings       | nested more than 64 levels deep",
        "aliases             | nested more than 64 levels deep",
        "recursive alias key | alias *a refers to a collection that contains it",
        "recursive alias     | alias *b refers to a collection that contains it",
    })
    void tooDeepOrRecursiveIsAConfigError(String shape, String fragment) {
        String text = switch (shape) {
            case "flow sequences" -> "listen: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n";
            case "block sequences" -> "- ".repeat(3_000) + "x\n";
            case "flow mappings" -> "{a: ".repeat(3_000) + "b" + "}".repeat(3_000) + "\n";
            // each anchor one deeper than the last without any nesting in the text
            case "aliases" -> {
                StringBuilder b = new StringBuilder("x0: &a0 [v]\n");
                for (int i = 1; i <= 70; i++) {
                    b.append("x").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append("]\n");
                }
                yield b.toString();
            }
            case "recursive alias key" -> "&a [*a]: 1\n";
            case "recursive alias" -> "listen: &b {x: [*b]}\n";
            default -> throw new IllegalArgumentException(shape);
        };
        ConfigException e = error("--config=" + yaml(text));
        assertThat(e.setting()).isEqualTo("--config");
        assertThat(e.getMessage()).contains("invalid YAML").contains(fragment).contains(": line ");
    }

    /**
     * Found by the long campaign of YamlConfigFilePropertiesTest (anyTextIsSettingsOrAConfigError, after
     * 23,144 tries): snakeyaml-engine threw NumberFormatException for these, which escaped as a stack trace.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"\\x", "listen: \"\\x", "\"listenlisten\\x", "naming: \"\\UFFFFFFFF\"\n"})
    void yamlReaderFailuresAreConfigErrors(String text) {
        ConfigException e = error("--config=" + yaml(text));
        assertThat(e.setting()).isEqualTo("--config");
        assertThat(e.getMessage()).contains("invalid YAML").contains("NumberFormatException").doesNotContain("\n");
    }

    @Test
    void nestingUpToTheLimitIsOnlyAWrongType() {
        ConfigException e = error("--config=" + yaml("listen: " + "[".repeat(63) + "]".repeat(63) + "\n"));
        assertThat(e.getMessage()).startsWith("--listen: expected a string, got a list");
    }

    /** Found by probing for YamlConfigFilePropertiesTest: "key [a] is a a list", and a collection key printed whole. */
    @Test
    void nonStringKeysAndOddValuesAreNamedPlainly() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("[a]: 1\n", "--config: " + "%s: a key is a list, expected a setting name");
        cases.put("? {a: 1}\n: 2\n", "--config: %s: a key is a mapping, expected a setting name");
        cases.put("1: x\n", "--config: %s: key 1 is a number, expected a setting name");
        cases.put("true: x\n", "--config: %s: key true is a boolean, expected a setting name");
        cases.put("listen: !!binary aGk=\n", "--listen: expected a string, got binary data (from listen in %s)");
        cases.put("listen: !!set {a}\n", "--listen: expected a string, got a set (from listen in %s)");
        cases.forEach((text, message) -> {
            Path file = yaml(text);
            assertThat(error("--config=" + file).getMessage()).as(text).isEqualTo(message.formatted(file));
        });
    }
}
