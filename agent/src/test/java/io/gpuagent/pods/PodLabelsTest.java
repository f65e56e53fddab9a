package io.gpuagent.pods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PodLabelsTest {

    @ParameterizedTest
    @CsvSource({
            "app, app",
            "app.kubernetes.io/name, app_kubernetes_io_name",
            "example.com/gpu-team, example_com_gpu_team",
            "already_ok_9, already_ok_9",
            "Ünïcode, _n_code",
    })
    void sanitizesLikeKubeStateMetrics(String key, String expected) {
        assertThat(PodLabels.sanitize(key)).isEqualTo(expected);
    }

    @Test
    void copiesNothingWithoutAnAllowlist() {
        assertThat(PodLabels.allowlisted(Map.of("app", "x"), Optional.empty())).isEmpty();
        assertThat(PodLabels.allowlisted(null, Optional.of(Pattern.compile(".*")))).isEmpty();
    }

    @Test
    void theWholeKeyMustMatch() {
        Map<String, String> labels = Map.of("team", "a", "team-lead", "b", "my-team", "c");
        assertThat(PodLabels.allowlisted(labels, Optional.of(Pattern.compile("team"))))
                .containsExactlyEntriesOf(Map.of("label_team", "a"));
        assertThat(PodLabels.allowlisted(labels, Optional.of(Pattern.compile("team.*"))))
                .containsOnlyKeys("label_team", "label_team_lead");
    }

    @Test
    void whenTwoKeysSanitizeAlikeTheFirstInSortedOrderWins() {
        // "a-b" < "a.b" < "a_b" in code-point order; all three become label_a_b.
        Map<String, String> labels = Map.of("a_b", "underscore", "a.b", "dot", "a-b", "dash");
        assertThat(PodLabels.allowlisted(labels, Optional.of(Pattern.compile("a.b"))))
                .containsExactlyEntriesOf(Map.of("label_a_b", "dash"));
    }

    @Test
    void dcgmExportersNamesHaveNoPrefixAndNoAllowlistMeansAll() {
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "trainer", "team", "vision", "a-b", "dash",
                "a_b", "underscore");
        assertThat(PodLabels.dcgm(labels, Optional.empty())).containsExactlyInAnyOrderEntriesOf(
                Map.of("app_kubernetes_io_name", "trainer", "team", "vision", "a_b", "dash"));
        assertThat(PodLabels.dcgm(labels, Optional.of(Pattern.compile("team|app.*")))).containsExactlyInAnyOrderEntriesOf(
                Map.of("app_kubernetes_io_name", "trainer", "team", "vision"));
        assertThat(PodLabels.dcgm(null, Optional.empty())).isEmpty();
    }
}
