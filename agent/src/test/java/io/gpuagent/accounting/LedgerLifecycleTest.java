package io.gpuagent.accounting;

import static io.gpuagent.accounting.Node.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.join.ProcessOwner;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Accounts over time: a container's first interval, a container that goes away (the grace period), a GPU that
 * stops answering, a driver reload that resets the energy counter, and an accounting failure that must not fail the
 * NVML collection it runs in.
 */
class LedgerLifecycleTest {

    static final String GPU = "GPU-aaaaaaaa-0000-0000-0000-000000000000";
    static final ProcessOwner A = new ProcessOwner("team", "a", "main");
    static final ProcessOwner B = new ProcessOwner("team", "b", "main");

    Node node = new Node();
    Node.Gpu gpu = node.gpu(GPU, "NVIDIA L40S", 200_000, 0L);
    Ledger ledger = new Ledger(() -> 0);
    long now;

    LedgerLifecycleTest() {
        node.advertise("nvidia.com/gpu.shared", GPU + "::0", GPU + "::1");
        node.hold(A, "nvidia.com/gpu.shared", GPU + "::0");
        node.process(gpu, 1, A, 40);
    }

    void collect(long afterNanos) {
        node.run(afterNanos);
        now += afterNanos;
        node.account(ledger, now);
    }

    Optional<Accounts.Container> row(ProcessOwner owner) {
        return ledger.current().containers().stream().filter(c -> c.owner().equals(owner)).findFirst();
    }

    double unattributed() {
        return ledger.current().gpus().get(0).unattributedEnergyJoules().orElseThrow();
    }

    @Test
    void aNewHoldersFirstIntervalIsUnattributedAndItIsChargedFromTheNextOn() {
        collect(0);
        collect(SECOND); // floor 200 W: all 200 J idle, by replica: 100 J to a, 100 J unheld
        node.hold(B, "nvidia.com/gpu.shared", GPU + "::1");
        collect(SECOND);
        assertThat(row(B).orElseThrow().energyJoules()).hasValue(0);
        assertThat(row(B).orElseThrow().gpuSeconds()).isZero();
        assertThat(row(B).orElseThrow().powerWatts()).hasValue(100); // its share now, not charged
        assertThat(unattributed()).isEqualTo(100 + 100);
        collect(SECOND);
        assertThat(row(B).orElseThrow().energyJoules()).hasValue(100);
        assertThat(row(B).orElseThrow().gpuSeconds()).isEqualTo(0.5);
        assertThat(row(A).orElseThrow().energyJoules()).hasValue(300);
    }

    @Test
    void aContainerThatWentAwayKeepsItsTotalsForTheGracePeriodThenGoes() {
        collect(0);
        collect(SECOND);
        node.release(A);
        node.processes.clear();
        collect(SECOND);
        Accounts.Container kept = row(A).orElseThrow();
        assertThat(kept.energyJoules()).hasValue(100);
        assertThat(kept.powerWatts()).as("no part in the interval: no power").isEmpty();
        assertThat(unattributed()).isEqualTo(100 + 200);
        collect(Ledger.GRACE.toNanos() - SECOND);
        assertThat(row(A)).isPresent();
        collect(SECOND + 1);
        assertThat(row(A)).isEmpty();
    }

    @Test
    void aContainerBackWithinTheGracePeriodCarriesOn() {
        collect(0);
        collect(SECOND);
        node.release(A);
        node.processes.clear();
        collect(SECOND); // a kubelet read without it, and its process between two runs
        node.hold(A, "nvidia.com/gpu.shared", GPU + "::0");
        node.process(gpu, 1, A, 40);
        collect(SECOND);
        assertThat(row(A).orElseThrow().gpuSeconds()).isEqualTo(1.0);
        assertThat(row(A).orElseThrow().energyJoules()).as("not a new account: charged at once").hasValue(200);
    }

    @Test
    void energyWhileTheGpuDidNotAnswerIsUnattributed() {
        collect(0);
        collect(SECOND);
        gpu.up = false;
        collect(SECOND);
        gpu.up = true;
        collect(SECOND); // 2 s of energy since the last answer: nobody's use seen
        assertThat(row(A).orElseThrow().energyJoules()).hasValue(100);
        assertThat(row(A).orElseThrow().gpuSeconds()).isEqualTo(0.5);
        assertThat(unattributed()).isEqualTo(100 + 400);
        collect(SECOND);
        assertThat(row(A).orElseThrow().energyJoules()).hasValue(200);
    }

    @Test
    void aCounterThatWentBackIsReplacedByPowerTimesTime() {
        collect(0);
        collect(SECOND);
        now += SECOND;
        gpu.energyMj = 5L; // the driver was reloaded: its counter starts again
        node.account(ledger, now);
        assertThat(row(A).orElseThrow().energyJoules()).hasValue(200);
        assertThat(unattributed()).isEqualTo(200);
    }

    @Test
    void aFailureKeepsTheLastAccountsAndDoesNotThrow() {
        collect(0);
        collect(SECOND);
        Accounts before = ledger.current();
        ledger.update(node.snapshot(), Optional.of(node.allocations()), null); // no owners map: a bug upstream

        assertThat(ledger.current()).isSameAs(before);
    }
}
