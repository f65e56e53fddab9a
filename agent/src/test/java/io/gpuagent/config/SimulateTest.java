package io.gpuagent.config;

import static io.gpuagent.config.LoaderSupport.load;
import static io.gpuagent.config.LoaderSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulateTest {

    @ParameterizedTest(name = "GPU_AGENT_SIMULATE={0}")
    @CsvSource({
        "true,       default",
        "TRUE,       default",
        "1,          default",
        "yes,        default",
        "on,         default",
        "false,      ''",
        "0,          ''",
        "no,         ''",
        "Off,        ''",
        "default,    default",
        "h100-8,     h100-8",
        "mig.conf,   mig.conf",
    })
    void environmentForms(String value, String expected) throws ConfigException {
        Optional<String> simulate = load(Map.of("GPU_AGENT_SIMULATE", value), List.of()).simulate();
        assertThat(simulate).isEqualTo(expected.isEmpty() ? Optional.empty() : Optional.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--simulate                       | default",
        "--simulate=foo.conf              | foo.conf",
        "--simulate foo.conf              | foo.conf",
        "--simulate --naming=dcgm         | default",
        "--naming=dcgm --simulate         | default",
        "--simulate=false                 | off",
        "--simulate=                      | off",
    })
    void flagForms(String args, String expected) throws ConfigException {
        AgentConfig c = load(Map.of(), List.of(args.split(" ")));
        assertThat(c.simulate().orElse("off")).isEqualTo(expected);
        assertThat(c.simulate().isPresent()).isEqualTo(!expected.equals("off"));
    }

    @Test
    void bareFlagBeatsEnvironmentOff() throws ConfigException {
        assertThat(load(Map.of("GPU_AGENT_SIMULATE", "false"), List.of("--simulate")).simulate()).contains("default");
    }

    @Test
    void anExistingScenarioPathIsKeptAsGiven(@TempDir Path dir) throws ConfigException {
        Path scenario = write(dir, "two-gpus.conf", "gpus=2\n");
        assertThat(load("--simulate=" + scenario).simulate()).contains(scenario.toString());
    }
}
