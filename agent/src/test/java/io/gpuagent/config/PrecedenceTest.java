package io.gpuagent.config;

import static io.gpuagent.config.LoaderSupport.load;
import static io.gpuagent.config.LoaderSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A flag beats the environment, which beats the YAML file, which beats the default. */
class PrecedenceTest {

    @TempDir
    Path dir;

    /**
     * For each setting, a value per source; {@code sources} says which are present, and the
     * expected winner is the highest present one (or the default).
     */
    @ParameterizedTest(name = "{0} from {5}")
    @CsvSource(delimiter = '|', value = {
        // key             | env                        | flag      | env value | yaml value | present          | expected
        "collect-interval  | GPU_AGENT_COLLECT_INTERVAL | 2s        | 3s        | 4s         | flag,env,yaml    | 2s",
        "collect-interval  | GPU_AGENT_COLLECT_INTERVAL | 2s        | 3s        | 4s         | env,yaml         | 3s",
        "collect-interval  | GPU_AGENT_COLLECT_INTERVAL | 2s        | 3s        | 4s         | yaml             | 4s",
        "collect-interval  | GPU_AGENT_COLLECT_INTERVAL | 2s        | 3s        | 4s         | flag,yaml        | 2s",
        "collect-interval  | GPU_AGENT_COLLECT_INTERVAL | 2s        | 3s        | 4s         | ''               | 1s",
        "listen            | GPU_AGENT_LISTEN           | :1001     | :1002     | :1003      | flag,env,yaml    | :1001",
        "listen            | GPU_AGENT_LISTEN           | :1001     | :1002     | :1003      | env,yaml         | :1002",
        "listen            | GPU_AGENT_LISTEN           | :1001     | :1002     | :1003      | yaml             | :1003",
        "listen            | GPU_AGENT_LISTEN           | :1001     | :1002     | :1003      | ''               | :9400",
        "naming            | GPU_AGENT_NAMING           | native    | dcgm      | dcgm       | flag,env,yaml    | native",
        "naming            | GPU_AGENT_NAMING           | dcgm      | native    | dcgm       | env,yaml         | native",
        "naming            | GPU_AGENT_NAMING           | native    | native    | dcgm       | yaml             | dcgm",
        "node-name         | NODE_NAME                  | f         | e         | y          | flag,env,yaml    | f",
        "node-name         | NODE_NAME                  | f         | e         | y          | env,yaml         | e",
        "node-name         | NODE_NAME                  | f         | e         | y          | yaml             | y",
        "node-name         | NODE_NAME                  | f         | e         | y          | ''               | test-host",
        "simulate          | GPU_AGENT_SIMULATE         | a.conf    | off       | b.conf     | flag,env,yaml    | a.conf",
        "simulate          | GPU_AGENT_SIMULATE         | a.conf    | off       | b.conf     | env,yaml         | off",
        "simulate          | GPU_AGENT_SIMULATE         | a.conf    | true      | b.conf     | env,yaml         | default",
        "simulate          | GPU_AGENT_SIMULATE         | a.conf    | off       | b.conf     | yaml             | b.conf",
        "kubernetes        | GPU_AGENT_KUBERNETES       | on        | off       | auto       | flag,env,yaml    | on",
        "kubernetes        | GPU_AGENT_KUBERNETES       | on        | off       | on         | env,yaml         | off",
        "kubernetes        | GPU_AGENT_KUBERNETES       | on        | on        | false      | yaml             | off",
    })
    void highestPresentSourceWins(String key, String env, String flag, String envValue, String yamlValue,
            String present, String expected) throws ConfigException {
        List<String> args = new ArrayList<>();
        Map<String, String> environment = new HashMap<>();
        if (present.contains("flag")) {
            args.add("--" + key + "=" + flag);
        }
        if (present.contains("env")) {
            environment.put(env, envValue);
        }
        if (present.contains("yaml")) {
            environment.put("GPU_AGENT_CONFIG", write(dir, "agent.yaml", key + ": " + yamlValue + "\n").toString());
        }
        AgentConfig config = load(environment, args);
        assertThat(shown(key).apply(config)).isEqualTo(expected);
    }

    /** The setting as describe() shows it, so one column of expected text covers every type. */
    private static Function<AgentConfig, String> shown(String key) {
        return config -> {
            for (String part : config.describe().split(" ")) {
                if (part.startsWith(key + "=")) {
                    return part.substring(key.length() + 1);
                }
            }
            throw new AssertionError(key + " missing from " + config.describe());
        };
    }

    @Test
    void configFlagBeatsConfigEnvironment() throws ConfigException {
        Path fromFlag = write(dir, "flag.yaml", "naming: dcgm\n");
        Path fromEnv = write(dir, "env.yaml", "naming: native\nlisten: ':1'\n");
        AgentConfig config = load(Map.of("GPU_AGENT_CONFIG", fromEnv.toString()), List.of("--config", fromFlag.toString()));
        assertThat(config.naming()).isEqualTo(Naming.DCGM);
        assertThat(config.listenPort()).isEqualTo(9400);
        assertThat(config.configFile()).contains(fromFlag);
    }

    @Test
    void aValueOverriddenByAHigherSourceIsNotChecked() throws ConfigException {
        // Only the winning value matters: a stale bad variable does not stop a corrected flag.
        AgentConfig config = load(Map.of("GPU_AGENT_COLLECT_INTERVAL", "abc"), List.of("--collect-interval=2s"));
        assertThat(config.collectInterval()).hasSeconds(2);
    }

    @Test
    void emptyFlagValueFallsThroughToTheEnvironment() throws ConfigException {
        AgentConfig config = load(Map.of("GPU_AGENT_NAMING", "dcgm"), List.of("--naming="));
        assertThat(config.naming()).isEqualTo(Naming.DCGM);
    }
}
