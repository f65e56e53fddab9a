package io.gpuagent.accounting;

import io.gpuagent.join.ProcessOwner;
import java.util.OptionalDouble;

/** One container's running totals on one device; confined to the collection thread. */
final class Account {

    private final ProcessOwner owner;
    /** the latest identity of its device (labels) */
    Device device;
    /** millijoules: whole numbers, so that the parts of a GPU's energy add up to it exactly */
    long energy;
    double gpuSeconds;
    double smSeconds;
    /** took part in an interval with a known energy: its energy series exists */
    boolean metered;
    /** its device gives process samples: its SM seconds series exists */
    boolean sampled;
    /** created by the current update: its first interval is not charged to it */
    boolean fresh = true;
    long lastSeen;
    /** its share of the device's power in the last interval; NaN when it took no part in it or it was unknown */
    double powerWatts = Double.NaN;

    Account(Device device, ProcessOwner owner, long now) {
        this.device = device;
        this.owner = owner;
        this.lastSeen = now;
    }

    Accounts.Container row() {
        return new Accounts.Container(device.gpu(), device.mig(), owner,
                metered ? OptionalDouble.of(energy / 1000.0) : OptionalDouble.empty(),
                Double.isNaN(powerWatts) ? OptionalDouble.empty() : OptionalDouble.of(powerWatts), gpuSeconds,
                sampled ? OptionalDouble.of(smSeconds) : OptionalDouble.empty());
    }
}
