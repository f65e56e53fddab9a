package io.gpuagent.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.join.ProcessOwner;
import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Conservation on random nodes: whatever the GPUs, MIG layouts, holders, replicas, processes and their owners,
 * power readings (a floor above the energy included), GPUs that stop answering and kubelet reads that change, each
 * GPU's containers' energy plus its unattributed remainder is exactly the energy its counter moved, to the millijoule.
 */
class LedgerPropertiesTest {

    static final String[] PROFILES = {"1g.10gb", "2g.20gb", "3g.40gb", "1c.3g.40gb", "odd"};
    static final ProcessOwner[] OWNERS = {new ProcessOwner("a", "p0", "c"), new ProcessOwner("a", "p1", "c"),
            new ProcessOwner("b", "p2", "c"), new ProcessOwner("b", "p3", ""), ProcessOwner.HOST, ProcessOwner.UNKNOWN,
            null};

    /** A random run: the seed of the node and its events, replayed in {@link #conserved}. */
    record Run(long seed, int gpus, int intervals) {
    }

    /** Runs in which some holder was charged: the generator must reach the split, not only the remainder. */
    int charged;

    @Test
    void everyGpusEnergyIsAccountedToTheMillijoule() {
        int runs = Properties.forAll("energy conservation", 300,
                r -> new Run(r.nextLong(), Gen.between(r, 1, 4), Gen.between(r, 1, 20)), this::conserved);
        assertThat(charged).as("runs charging a holder").isGreaterThan(runs / 4);
    }

    void conserved(Run run) {
        SplittableRandom r = new SplittableRandom(run.seed());
        Node node = new Node();
        List<String> devices = new ArrayList<>();
        List<MigIdentity> instances = new ArrayList<>();
        for (int g = 0; g < run.gpus(); g++) {
            Node.Gpu gpu = node.gpu(String.format("GPU-%08x-0000-0000-0000-000000000000", g), r.nextBoolean() ? "H100" : "A100",
                    r.nextLong(1, 700_000), r.nextLong(0, 1L << 40));
            if (r.nextInt(3) == 0) {
                int n = Gen.between(r, 1, 3);
                int slices = r.nextBoolean() ? 7 : 0;
                for (int i = 0; i < n; i++) {
                    MigIdentity m = node.mig(gpu, String.format("MIG-%08x-0000-0000-0000-%012x", g, i), i + 1, Gen.oneOf(r, PROFILES), slices);
                    instances.add(m);
                    devices.add(m.migUuid());
                    if (r.nextInt(3) == 0) {
                        node.gpm(m, r.nextDouble() * 100);
                    }
                }
            } else {
                devices.add(gpu.id.uuid());
                for (int p = 0; p < r.nextInt(5); p++) {
                    node.process(gpu, 1000 + 10 * g + p, Gen.oneOf(r, OWNERS), r.nextInt(101));
                }
            }
        }
        for (int i = 0; i < instances.size(); i++) {
            for (int p = 0; p < r.nextInt(3); p++) {
                node.process(instances.get(i), 5000 + 10 * i + p, Gen.oneOf(r, OWNERS));
            }
        }
        holders(r, node, devices);
        Ledger ledger = new Ledger(() -> 0);
        long now = 0;
        Map<String, Long> first = new HashMap<>();
        Map<String, Long> last = new HashMap<>();
        node.account(ledger, now);
        node.gpus.forEach(g -> first.put(g.id.uuid(), g.energyMj));
        last.putAll(first);
        for (int i = 0; i < run.intervals(); i++) {
            now += r.nextLong(1, 10_000_000_000L);
            for (Node.Gpu g : node.gpus) {
                g.energyMj += r.nextLong(0, 5_000_000);
                g.powerMw = r.nextLong(1, 700_000);
                g.up = r.nextInt(8) != 0;
                if (g.up) {
                    last.put(g.id.uuid(), g.energyMj);
                }
            }
            if (r.nextInt(4) == 0) {
                node.holders.clear();
                node.advertised.clear();
                holders(r, node, devices);
            }
            node.account(ledger, now);
        }
        if (ledger.current().containers().stream().anyMatch(c -> c.energyJoules().orElse(0) > 0 && c.gpuSeconds() > 0)) {
            charged++;
        }
        Map<String, Long> accounted = new HashMap<>();
        for (Accounts.Container c : ledger.current().containers()) {
            accounted.merge(c.gpu().uuid(), Math.round(c.energyJoules().orElse(0) * 1000), Long::sum);
        }
        for (Accounts.Gpu g : ledger.current().gpus()) {
            long total = accounted.getOrDefault(g.gpu().uuid(), 0L)
                    + Math.round(g.unattributedEnergyJoules().orElse(0) * 1000);
            long moved = last.get(g.gpu().uuid()) - first.get(g.gpu().uuid());
            assertThat(total).as(g.gpu().uuid()).isEqualTo(moved);
        }
    }

    /** Random holders of random devices, shared by replicas or not, advertised or not. */
    static void holders(SplittableRandom r, Node node, List<String> devices) {
        for (String device : devices) {
            int holders = r.nextInt(4);
            boolean shared = holders > 1 || r.nextBoolean();
            for (int h = 0; h < holders; h++) {
                ProcessOwner who = OWNERS[h];
                node.hold(who, device.startsWith("MIG") ? "nvidia.com/mig-1g.10gb" : "nvidia.com/gpu.shared",
                        shared ? device + "::" + h : device);
            }
            if (shared && r.nextBoolean()) {
                String[] ids = new String[holders + r.nextInt(3)];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = device + "::" + i;
                }
                node.advertise("nvidia.com/gpu.shared", ids);
            }
        }
    }
}
