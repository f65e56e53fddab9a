package io.gpuagent.accounting;

import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.join.ProcessOwner;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the {@link Ledger} published after a collection, immutable: what the scrape renders.
 *
 * @param containers one row per container and device it holds or runs on (and, for the grace period, ones that
 *     went away)
 * @param gpus one row per GPU
 */
public record Accounts(List<Container> containers, List<Gpu> gpus) {

    public static final Accounts NONE = new Accounts(List.of(), List.of());

    public Accounts {
        containers = List.copyOf(containers);
        gpus = List.copyOf(gpus);
    }

    /**
     * One container's account on one GPU or MIG instance.
     *
     * @param energyJoules empty on a GPU that reports neither energy nor power
     * @param powerWatts its share of the device's power over the last interval; empty when it took no part in it
     *     (it went away and is kept for the grace period) or the GPU cannot say
     * @param gpuSeconds device-seconds held: a whole GPU counts 1 a second, a MIG instance or replica its share
     * @param smSeconds SM-busy seconds from NVML's process samples; empty on devices without them (MIG)
     */
    public record Container(GpuIdentity gpu, Optional<MigIdentity> mig, ProcessOwner owner,
            OptionalDouble energyJoules, OptionalDouble powerWatts, double gpuSeconds, OptionalDouble smSeconds) {
    }

    /**
     * One GPU.
     *
     * @param unattributedEnergyJoules energy no container was charged: processes outside any pod, what nobody
     *     holds, a holder's first interval, intervals the GPU did not answer; empty where the GPU cannot say
     * @param idleFloorWatts the idle floor the split used (its model's; {@link IdleFloors})
     * @param method what its active energy is split by
     */
    public record Gpu(GpuIdentity gpu, OptionalDouble unattributedEnergyJoules, OptionalDouble idleFloorWatts,
            SplitMethod method) {
    }
}
