package io.gpuagent.config;

import static io.gpuagent.config.LoaderSupport.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input is one line that names the setting (or the argument) at fault. */
class ConfigErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // arguments (space-separated)           | setting named            | message contains
        "--collect-interval=abc                   | --collect-interval       | cannot parse \"abc\" as a duration (use e.g. 500ms, 2s, 1m)",
        "--collect-interval abc                   | --collect-interval       | cannot parse \"abc\" as a duration",
        "--collect-interval=5                     | --collect-interval       | cannot parse \"5\"",
        "--collect-interval=50ms                  | --collect-interval       | must be between 100ms and 10m",
        "--collect-interval=11m                   | --collect-interval       | must be between 100ms and 10m",
        "--collect-interval=0s                    | --collect-interval       | greater than zero",
        "--listen=9400                            | --listen                 | missing the port",
        "--listen=:70000                          | --listen                 | from 0 to 65535",
        "--listen=::1:9400                        | --listen                 | needs brackets",
        "--listen=http://localhost:9400           | --listen                 | not a host name",
        "--pod-label-allowlist=(app               | --pod-label-allowlist    | invalid regular expression \"(app\"",
        "--pod-label-allowlist=*                  | --pod-label-allowlist    | invalid regular expression",
        "--naming=prometheus                      | --naming                 | \"prometheus\" is not one of native, dcgm",
        "--kubernetes=maybe                       | --kubernetes             | \"maybe\" is not one of auto, true, on, false, off",
        "--kubernetes=yes                         | --kubernetes             | is not one of",
        "--bogus                                  | --bogus                  | unknown flag",
        "--bogus=1                                | --bogus                  | unknown flag",
        "--lisen=:1                               | --lisen                  | did you mean --listen?",
        "-x                                       | -x                       | unknown flag",
        "stray                                    | stray                    | unexpected argument",
        "--naming=dcgm stray                      | stray                    | unexpected argument",
        "-- --listen=:1                           | --listen=:1              | unexpected argument",
        "@args.txt                                | @args.txt                | unexpected argument",
        "--listen                                 | --listen                 | missing value",
        "--listen --naming=dcgm                   | --listen                 | missing value",
        "--listen=:1 --listen=:2                  | --listen                 | given more than once",
        "--web-config-file=/nonexistent/web.yml   | --web-config-file        | /nonexistent/web.yml: no such file",
        "--web-config-file=/                      | --web-config-file        | is a directory",
        "--config=/nonexistent/agent.yaml         | --config                 | /nonexistent/agent.yaml: no such file",
        "--simulate=/nonexistent/h100.conf        | --simulate               | /nonexistent/h100.conf: no such file",
        "--simulate=./nonexistent.conf            | --simulate               | no such file",
        "--http-header-timeout=soon               | --http-header-timeout    | cannot parse \"soon\" as a duration",
        "--http-header-timeout=50ms               | --http-header-timeout    | must be between 100ms and 5m",
        "--http-header-timeout=6m                 | --http-header-timeout    | must be between 100ms and 5m",
        "--http-idle-timeout=500ms                | --http-idle-timeout      | must be between 1s and 1h",
        "--http-idle-timeout=0s                   | --http-idle-timeout      | greater than zero",
        "--http-write-timeout=2h                  | --http-write-timeout     | must be between 1s and 1h",
        "--http-max-connections=many              | --http-max-connections   | \"many\" is not a whole number",
        "--http-max-connections=-5                | --http-max-connections   | is not a whole number",
        "--http-max-connections=1e3               | --http-max-connections   | is not a whole number",
        "--http-max-connections=99999999999       | --http-max-connections   | is not a whole number",
        "--http-max-connections=3                 | --http-max-connections   | must be between 4 and 10000",
        "--http-max-connections=10001             | --http-max-connections   | must be between 4 and 10000",
    })
    void badCommandLine(String args, String setting, String fragment) {
        List<String> argv = Arrays.asList(args.split(" "));
        ConfigException e = error(Map.of(), argv);
        assertThat(e.setting()).isEqualTo(setting);
        assertThat(e.getMessage()).startsWith(setting + ": ").contains(fragment);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "GPU_AGENT_COLLECT_INTERVAL     | abc            | --collect-interval    | cannot parse \"abc\" as a duration",
        "GPU_AGENT_LISTEN               | localhost      | --listen              | missing the port",
        "GPU_AGENT_NAMING               | DCGM-exporter  | --naming              | is not one of native, dcgm",
        "GPU_AGENT_KUBERNETES           | sometimes      | --kubernetes          | is not one of",
        "GPU_AGENT_POD_LABEL_ALLOWLIST  | [a-            | --pod-label-allowlist | invalid regular expression",
        "GPU_AGENT_WEB_CONFIG_FILE      | /nonexistent/w | --web-config-file     | no such file",
        "GPU_AGENT_CONFIG               | /nonexistent/c | --config              | /nonexistent/c: no such file",
        "GPU_AGENT_SIMULATE             | /nonexistent/s | --simulate            | no such file",
    })
    void badEnvironmentNamesTheSettingAndTheVariable(String variable, String value, String setting, String fragment) {
        ConfigException e = error(Map.of(variable, value), List.of());
        assertThat(e.setting()).isEqualTo(setting);
        assertThat(e.getMessage()).startsWith(setting + ": ").contains(fragment).endsWith("(from " + variable + ")");
    }

    @Test
    void theBriefsExampleMessageVerbatim() {
        assertThat(error("--collect-interval", "abc").getMessage())
                .isEqualTo("--collect-interval: cannot parse \"abc\" as a duration (use e.g. 500ms, 2s, 1m)");
    }

    @Test
    void blankNodeName() {
        ConfigException e = error("--node-name", "  ");
        assertThat(e.setting()).isEqualTo("--node-name");
        assertThat(e.getMessage()).contains("must not be blank");
    }

    @Test
    void noHostNameAnywhereIsAnError() {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> ConfigLoader.load(new String[0], Map.of(), Optional::empty));
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--node-name: ").hasMessageContaining("NODE_NAME");
    }

    @Test
    void aDirectoryIsNotAConfigFile(@TempDir Path dir) {
        ConfigException e = error("--config=" + dir);
        assertThat(e.setting()).isEqualTo("--config");
        assertThat(e.getMessage()).contains(dir.toString()).contains("is a directory");
    }
}
