package io.gpuagent.pods;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import io.gpuagent.source.Outcome;
import io.gpuagent.source.Source;
import io.gpuagent.source.SourceRunner;
import io.gpuagent.source.SourceState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiHealthTest {

    /** An informer's health under a manual runner: each {@link #state} is one refresh of its source. */
    private static final class Health {
        final InformerHealth h;
        final SourceRunner<Integer> runner;
        int count;

        Health(Duration downAfter) {
            h = new InformerHealth(PodIndex.PODS, "node-a", downAfter, Duration.ZERO);
            runner = SourceRunner.manual(new Source<Integer>() {
                @Override
                public String name() {
                    return PodIndex.SOURCE;
                }

                @Override
                public String title() {
                    return "Kubernetes API";
                }

                @Override
                public Outcome<Integer> refresh() {
                    return h.outcome(count);
                }
            }, Clock.systemUTC());
        }

        boolean observe(boolean watching, boolean synced, int n) {
            count = n;
            return h.observe(watching, synced, n);
        }

        void probed(Optional<? extends Throwable> failure, int n, boolean keepReason) {
            count = n;
            h.probed(failure, n, keepReason);
        }

        void failed(Throwable failure, int n) {
            count = n;
            h.failed(failure, n);
        }

        void relisting(int n) {
            h.relisting(n);
        }

        SourceState<Integer> state() {
            return runner.refreshNow();
        }
    }

    private static Health health(Duration downAfter) {
        return new Health(downAfter);
    }

    @Test
    void downUntilListedAndWatching() {
        Health h = health(Duration.ofHours(1));
        assertThat(h.state().up()).isFalse();
        assertThat(h.state().problem()).contains("Kubernetes API: not read yet");
        assertThat(h.state().status()).isEqualTo(SourceState.Status.STARTING);
        h.observe(false, true, 3);
        assertThat(h.state().up()).isFalse();
        h.observe(true, true, 3);
        assertThat(h.state().up()).isTrue();
        assertThat(h.state().latest()).contains(3);
        assertThat(h.state().lastSuccess()).isPresent();
    }

    @Test
    void aShortWatchGapIsNotAnOutage() {
        Health h = health(Duration.ofHours(1));
        h.observe(true, true, 1);
        assertThat(h.observe(false, true, 1)).as("probe wanted").isFalse();
        assertThat(h.state().up()).isTrue();
    }

    @Test
    void aLongGapIsProbedAndTheProbeGivesTheReason() {
        Health h = health(Duration.ZERO);
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
        Health h = health(Duration.ofHours(1));
        h.observe(true, true, 1);
        h.failed(new IllegalStateException("boom"), 1);
        assertThat(h.state().up()).isFalse();
        assertThat(h.state().problem()).contains("Kubernetes API: boom");
    }

    @Test
    void aRelistWhileUpIsAnExpiredWatch_countedOnceAndStillUp() {
        Health h = health(Duration.ofHours(1));
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
        Health h = health(Duration.ofHours(1));
        h.observe(true, true, 1);
        h.failed(new ConnectException(), 1);
        long errors = h.state().errors();
        h.relisting(1);
        assertThat(h.state().errors()).isEqualTo(errors);
        assertThat(h.state().up()).isFalse();
    }
}
