package io.gpuagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Validates and unit-tests the shipped Prometheus rules with promtool. */
class RulesTest {

    /** Maven runs tests in {@code agent/}; promtool runs from the repository root. */
    static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void rulesAreValid() throws Exception {
        promtool("check", "rules", "daemonset/rules/gpu-agent.rules.yaml");
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
        promtool("test", "rules", "daemonset/rules/gpu-agent.rules.test.yaml");
    }

    @Test
    void everyAlertIsTestedFiringAndNotFiring() throws Exception {
        com.fasterxml.jackson.dataformat.yaml.YAMLMapper yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        java.util.Set<String> alerts = new java.util.TreeSet<>();
        yaml.readTree(REPO_ROOT.resolve("daemonset/rules/gpu-agent.rules.yaml").toFile()).path("groups")
                .forEach(g -> g.path("rules").forEach(r -> {
                    if (r.has("alert")) {
                        alerts.add(r.path("alert").asText());
                    }
                }));
        java.util.Set<String> firing = new java.util.TreeSet<>();
        java.util.Set<String> quiet = new java.util.TreeSet<>();
        yaml.readTree(REPO_ROOT.resolve("daemonset/rules/gpu-agent.rules.test.yaml").toFile()).path("tests")
                .forEach(t -> t.path("alert_rule_test").forEach(c ->
                        (c.path("exp_alerts").isEmpty() ? quiet : firing).add(c.path("alertname").asText())));
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
        assertThat(firing).as("alerts with a test where they fire").containsAll(alerts);
        assertThat(quiet).as("alerts with a test where they stay quiet").containsAll(alerts);
    }

    static void promtool(String... args) throws IOException, InterruptedException {
        String binary = Files.isExecutable(Path.of("/usr/bin/promtool")) ? "/usr/bin/promtool" : "promtool";
        List<String> command = new java.util.ArrayList<>(List.of(binary));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(REPO_ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        // Read before waiting so that a full pipe cannot block promtool.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue())
                .as("%s exited non-zero; output:%n%s", String.join(" ", command), output)
                .isZero();
    }
}
