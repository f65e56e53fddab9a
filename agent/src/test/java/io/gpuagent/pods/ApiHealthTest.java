package io.gpuagent.pods;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiHealthTest {

    private static InformerHealth health(Duration downAfter) {
        return ApiHealth.create("node-a", downAfter, Duration.ZERO, Clock.systemUTC());
    }

    @Test
    void downUntilListedAndWatching() {
        InformerHealth h = health(Duration.ofHours(1));
        assertThat(h.state().up()).isFalse();
        assertThat(h.state().problem()).contains("Kubernetes API: pods not listed yet");
        h.observe(false, true, 3);
        assertThat(h.state().up()).isFalse();
        h.observe(true, true, 3);
        assertThat(h.state().up()).isTrue();
        assertThat(h.state().latest()).contains(3);
        assertThat(h.state().lastSuccess()).isPresent();
    }

    @Test
    void aShortWatchGapIsNotAnOutage() {
        InformerHealth h = health(Duration.ofHours(1));
        h.observe(true, true, 1);
        assertThat(h.observe(false, true, 1)).as("probe wanted").isFalse();
        assertThat(h.state().up()).isTrue();
    }

    @Test
    void aLongGapIsProbedAndTheProbeGivesTheReason() {
        InformerHealth h = health(Duration.ZERO);
        h.observe(true, true, 1);
        assertThat(h.observe(false, true, 1)).as("probe wanted").isTrue();
        assertThat(h.state().up()).as("not down before the probe says why").isTrue();

        h.probed(Optional.of(new ConnectException()), 1, false);
        assertThat(h.state().up()).isFalse();
        assertThat(h.state().problem()).contains("Kubernetes API: connection refused");
        assertThat(h.state().latest()).as("last known metadata kept").contains(1);
        long errors = h.state().errors();

        h.probed(Optional.empty(), 1, false);
        assertThat(h.state().problem()).contains("Kubernetes API: watch lost, reconnecting");
        assertThat(h.state().errors()).as("a quieter reason is no new failure").isEqualTo(errors);

        h.observe(true, true, 2);
        assertThat(h.state().up()).isTrue();
        assertThat(h.state().problem()).isEmpty();
    }

    @Test
    void aFailedListIsDownAtOnce() {
        InformerHealth h = health(Duration.ofHours(1));
        h.observe(true, true, 1);
        h.failed(new IllegalStateException("boom"), 1);
        assertThat(h.state().up()).isFalse();
        assertThat(h.state().problem()).contains("Kubernetes API: boom");
    }

    @Test
    void aRelistWhileUpIsAnExpiredWatch_countedOnceAndStillUp() {
        InformerHealth h = health(Duration.ofHours(1));
        h.relisting(0);
        assertThat(h.state().errors()).as("the first list is no relist").isZero();
        h.observe(true, true, 2);
        long errors = h.state().errors();

        h.relisting(2);
        h.observe(false, true, 2); // the new watch is not open yet
        h.relisting(2); // a retry of the same list
        assertThat(h.state().up()).isTrue();
        assertThat(h.state().errors()).isEqualTo(errors + 1);
        h.observe(true, true, 3);
        assertThat(h.state().up()).isTrue();
        assertThat(h.state().latest()).contains(3);

        h.relisting(3); // the next expiry counts again
        assertThat(h.state().errors()).isEqualTo(errors + 2);
    }

    @Test
    void aListWhileDownIsARetryNotAnExpiry() {
        InformerHealth h = health(Duration.ofHours(1));
        h.observe(true, true, 1);
        h.failed(new ConnectException(), 1);
        long errors = h.state().errors();
        h.relisting(1);
        assertThat(h.state().errors()).isEqualTo(errors);
        assertThat(h.state().up()).isFalse();
    }
}
