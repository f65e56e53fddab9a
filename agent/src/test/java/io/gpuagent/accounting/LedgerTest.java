package io.gpuagent.accounting;

import static io.gpuagent.accounting.Node.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.join.ProcessOwner;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The split, computed by hand: a GPU time-sliced by three containers at known SM shares (four replicas advertised), a
 * MIG GPU, an idle sibling of each model that teaches its idle floor, a board without an energy counter and one that
 * reports no power at all. One second between collections; energies in millijoules are exact.
 */
class LedgerTest {

    static final String SLICED = "GPU-aaaaaaaa-0000-0000-0000-000000000000";
    static final String SPARE = "GPU-bbbbbbbb-0000-0000-0000-000000000000";
    static final String MIGGPU = "GPU-cccccccc-0000-0000-0000-000000000000";
    static final String IDLE_A100 = "GPU-dddddddd-0000-0000-0000-000000000000";
    static final String T4 = "GPU-eeeeeeee-0000-0000-0000-000000000000";
    static final String BLIND = "GPU-ffffffff-0000-0000-0000-000000000000";
    static final String M3 = "MIG-33333333-0000-0000-0000-000000000000";
    static final String M2 = "MIG-22222222-0000-0000-0000-000000000000";
    static final String M1 = "MIG-11111111-0000-0000-0000-000000000000";

    static final ProcessOwner A = new ProcessOwner("team", "a", "main");
    static final ProcessOwner B = new ProcessOwner("team", "b", "main");
    static final ProcessOwner C = new ProcessOwner("team", "c", "main");
    static final ProcessOwner D = new ProcessOwner("team", "d", "main");
    static final ProcessOwner M1_OWNER = new ProcessOwner("serve", "m1", "server");
    static final ProcessOwner M2_OWNER = new ProcessOwner("serve", "m2", "server");
    static final ProcessOwner SPARE_OWNER = new ProcessOwner("ops", "spare", "idle");
    static final ProcessOwner VIDEO = new ProcessOwner("media", "video", "enc");
    static final ProcessOwner BLIND_OWNER = new ProcessOwner("ops", "blind", "main");

    Node node = new Node();
    Node.Gpu sliced = node.gpu(SLICED, "NVIDIA L40S", 300_000, 1_000_000L);
    Node.Gpu spare = node.gpu(SPARE, "NVIDIA L40S", 100_000, 5_000_000L);
    Node.Gpu migGpu = node.gpu(MIGGPU, "NVIDIA A100-SXM4-80GB", 250_000, 0L);
    Node.Gpu idleA100 = node.gpu(IDLE_A100, "NVIDIA A100-SXM4-80GB", 50_000, 0L);
    Node.Gpu t4 = node.gpu(T4, "Tesla T4", 40_000, null);
    Node.Gpu blind = node.gpu(BLIND, "NVIDIA Simulated GPU", 0, null);
    MigIdentity m3 = node.mig(migGpu, M3, 1, "3g.40gb", 7);
    MigIdentity m2 = node.mig(migGpu, M2, 2, "2g.20gb", 7);
    MigIdentity m1 = node.mig(migGpu, M1, 3, "1g.10gb", 7);
    Ledger ledger = new Ledger(() -> 0);
    long now;

    LedgerTest() {
        blind.powerMw = null;
        node.advertise("nvidia.com/gpu.shared", SLICED + "::0", SLICED + "::1", SLICED + "::2", SLICED + "::3");
        node.hold(A, "nvidia.com/gpu.shared", SLICED + "::0");
        node.hold(B, "nvidia.com/gpu.shared", SLICED + "::1");
        node.hold(C, "nvidia.com/gpu.shared", SLICED + "::2");
        node.process(sliced, 1, A, 50);
        node.process(sliced, 2, B, 30);
        node.process(sliced, 3, C, 10);
        node.process(sliced, 4, ProcessOwner.HOST, 10);
        node.hold(M1_OWNER, "nvidia.com/mig-3g.40gb", M3);
        node.hold(M2_OWNER, "nvidia.com/mig-2g.20gb", M2);
        node.process(m3, 10, M1_OWNER);
        node.process(m2, 11, M2_OWNER);
        node.process(m2, 12, ProcessOwner.HOST);
        node.hold(SPARE_OWNER, "nvidia.com/gpu", IDLE_A100);
        node.hold(VIDEO, "nvidia.com/gpu", T4);
        node.process(t4, 20, VIDEO, 70);
        node.hold(BLIND_OWNER, "nvidia.com/gpu", BLIND);
    }

    void collect(long afterNanos) {
        node.run(afterNanos);
        now += afterNanos;
        node.account(ledger, now);
    }

    Accounts.Container row(String device, ProcessOwner owner) {
        List<Accounts.Container> found = ledger.current().containers().stream()
                .filter(c -> c.mig().map(MigIdentity::migUuid).orElse(c.gpu().uuid()).equals(device))
                .filter(c -> c.owner().equals(owner)).toList();
        assertThat(found).as(device + " " + owner).hasSize(1);
        return found.get(0);
    }

    Accounts.Gpu gpu(String uuid) {
        return ledger.current().gpus().stream().filter(g -> g.gpu().uuid().equals(uuid)).findFirst().orElseThrow();
    }

    static double joules(OptionalDouble d) {
        return d.orElseThrow();
    }

    @Test
    void everyHolderStartsAtZeroAndNothingIsChargedBeforeTheFirstInterval() {
        collect(0);
        for (Accounts.Container c : ledger.current().containers()) {
            assertThat(c.energyJoules()).isEmpty();
            assertThat(c.gpuSeconds()).isZero();
            assertThat(c.powerWatts()).isEmpty();
        }
        assertThat(ledger.current().containers()).extracting(c -> c.owner().pod())
                .containsExactlyInAnyOrder("a", "b", "c", "m1", "m2", "spare", "video", "blind");
    }

    @Test
    void aTimeSlicedGpuSplitsItsIdleFloorByReplicaAndTheRestBySmTime() {
        collect(0);
        collect(SECOND);
        // L40S floor 100 W (the spare sibling): idle 100 J by replica (1/4 each of 4 advertised), active 200 J by SM
        // (50:30:10, and 10 for the host process)
        assertThat(joules(row(SLICED, A).energyJoules())).isEqualTo(25 + 100);
        assertThat(joules(row(SLICED, B).energyJoules())).isEqualTo(25 + 60);
        assertThat(joules(row(SLICED, C).energyJoules())).isEqualTo(25 + 20);
        assertThat(joules(gpu(SLICED).unattributedEnergyJoules())).isEqualTo(25 + 20);
        assertThat(joules(row(SLICED, A).powerWatts())).isEqualTo(125);
        assertThat(row(SLICED, A).gpuSeconds()).isEqualTo(0.25);
        assertThat(joules(row(SLICED, A).smSeconds())).isEqualTo(0.5);
        assertThat(joules(row(SLICED, C).smSeconds())).isEqualTo(0.1, within(1e-12));
        assertThat(joules(gpu(SLICED).idleFloorWatts())).isEqualTo(100);
        assertThat(gpu(SLICED).method()).isEqualTo(SplitMethod.PROCESS_SAMPLES);
        // nobody holds the spare: all of it is unattributed
        assertThat(joules(gpu(SPARE).unattributedEnergyJoules())).isEqualTo(100);
    }

    @Test
    void withoutTheKubeletsReplicaCountTheReplicasHeldShareTheGpu() {
        node.advertised.clear();
        collect(0);
        collect(SECOND);
        // idle 100 J in thirds: 33.334 / 33.333 / 33.333 (whole millijoules, exact sum)
        double idle = row(SLICED, A).energyJoules().getAsDouble() - 100 + row(SLICED, B).energyJoules().getAsDouble() - 60
                + row(SLICED, C).energyJoules().getAsDouble() - 20;
        assertThat(idle).isEqualTo(100, within(1e-9));
        assertThat(joules(gpu(SLICED).unattributedEnergyJoules())).isEqualTo(20); // the host process only
        assertThat(row(SLICED, B).gpuSeconds()).isEqualTo(1 / 3.0, within(1e-12));
    }

    @Test
    void aMigGpuSplitsItsFloorBySlicesAndTheRestBySlicesOfBusyInstancesThenTheirProcesses() {
        collect(0);
        collect(SECOND);
        // A100 floor 50 W (the idle sibling): 3/7, 2/7 and 2/7 unheld (the 1g instance and a free slice);
        // 21428.57 / 14285.71 / 14285.71 mJ by largest remainder: 21428, 14286, 14286.
        // Active 200 J by slices of instances running something: 3g 120 J (m1), 2g 80 J shared by m2 and a host process.
        assertThat(joules(row(M3, M1_OWNER).energyJoules())).isEqualTo(21.428 + 120);
        assertThat(joules(row(M2, M2_OWNER).energyJoules())).isEqualTo(14.286 + 40);
        assertThat(joules(gpu(MIGGPU).unattributedEnergyJoules())).isEqualTo(14.286 + 40);
        assertThat(row(M3, M1_OWNER).gpuSeconds()).isEqualTo(3 / 7.0, within(1e-12));
        assertThat(row(M3, M1_OWNER).smSeconds()).isEmpty();
        assertThat(gpu(MIGGPU).method()).isEqualTo(SplitMethod.MIG_SLICES);
    }

    @Test
    void gpmActivityOfEveryInstanceWeighsItsSlices() {
        node.gpm(m3, 10);
        node.gpm(m2, 80);
        node.gpm(m1, 0);
        collect(0);
        collect(SECOND);
        // weights 0.1 * 3 = 0.3 and 0.8 * 2 = 1.6 (m2's half of it to the host process): 200 J * 0.3/1.9, 0.8/1.9
        assertThat(gpu(MIGGPU).method()).isEqualTo(SplitMethod.GPM_SM_ACTIVITY);
        assertThat(joules(row(M3, M1_OWNER).energyJoules())).isEqualTo(53.007); // 21428 + 31579 mJ
        assertThat(joules(row(M2, M2_OWNER).energyJoules())).isEqualTo(14.286 + 84.210, within(0.0011));
    }

    @Test
    void anIdleExclusiveHolderPaysItsWholeGpuAndABoardWithoutCounterIsMeteredByPower() {
        collect(0);
        collect(SECOND);
        assertThat(joules(row(IDLE_A100, SPARE_OWNER).energyJoules())).isEqualTo(50);
        assertThat(row(IDLE_A100, SPARE_OWNER).gpuSeconds()).isEqualTo(1);
        assertThat(joules(row(IDLE_A100, SPARE_OWNER).smSeconds())).isZero(); // samples, nothing running
        assertThat(joules(row(T4, VIDEO).energyJoules())).isEqualTo(40); // 40 W for 1 s, no counter
        assertThat(joules(row(T4, VIDEO).smSeconds())).isEqualTo(0.7, within(1e-12));
        assertThat(joules(gpu(T4).unattributedEnergyJoules())).isZero();
    }

    @Test
    void aGpuWithoutPowerReadingsHasGpuTimeButNoEnergySeries() {
        collect(0);
        collect(SECOND);
        assertThat(row(BLIND, BLIND_OWNER).energyJoules()).isEmpty();
        assertThat(row(BLIND, BLIND_OWNER).powerWatts()).isEmpty();
        assertThat(row(BLIND, BLIND_OWNER).gpuSeconds()).isEqualTo(1);
        assertThat(gpu(BLIND).unattributedEnergyJoules()).isEmpty();
        assertThat(gpu(BLIND).idleFloorWatts()).isEmpty();
    }

    @Test
    void withNoActivityTheActivePartIsSharedLikeTheIdlePart() {
        node.processes.clear();
        collect(0);
        collect(SECOND);
        // 300 J by replica: 75 J each, 75 J for the fourth, unheld replica
        assertThat(joules(row(SLICED, A).energyJoules())).isEqualTo(75);
        assertThat(joules(gpu(SLICED).unattributedEnergyJoules())).isEqualTo(75);
        assertThat(joules(row(SLICED, A).smSeconds())).isZero();
    }
}
