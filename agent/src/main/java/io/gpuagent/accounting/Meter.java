package io.gpuagent.accounting;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.gpu.GpuReading;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One GPU's energy between two collections. From the energy counter where the GPU has one (NVML
 * {@code nvmlDeviceGetTotalEnergyConsumption}, millijoules since the driver loaded, Volta and newer); from the power
 * readings otherwise (the mean of the two readings times the time between them: boards before Volta, or a counter
 * that went backwards because the driver was reloaded). Confined to the collection thread.
 */
final class Meter {

    /**
     * The time between two readings of the GPU and its energy in that time.
     *
     * @param energyMillijoules empty where the GPU reports neither energy nor power
     * @param afterGap the GPU did not answer some collection in between: nobody's use of it was seen
     */
    record Interval(long nanos, OptionalLong energyMillijoules, boolean afterGap) {
    }

    private boolean started;
    private long lastNanos;
    private OptionalLong lastEnergy = OptionalLong.empty();
    private OptionalLong lastPower = OptionalLong.empty();
    private boolean gap;

    /** The interval since the previous answering reading, if any; a reading of a GPU that did not answer none. */
    Optional<Interval> advance(GpuReading g, long nanos) {
        if (!g.up()) {
            gap |= started;
            return Optional.empty();
        }
        OptionalLong energy = g.value(DeviceField.ENERGY);
        OptionalLong power = g.value(DeviceField.POWER_USAGE);
        Optional<Interval> out = Optional.empty();
        if (started && nanos > lastNanos) {
            out = Optional.of(new Interval(nanos - lastNanos, energy(energy, power, nanos - lastNanos), gap));
        }
        if (!started || nanos > lastNanos) {
            started = true;
            lastNanos = nanos;
            lastEnergy = energy;
            lastPower = power;
            gap = false;
        }
        return out;
    }

    private OptionalLong energy(OptionalLong energy, OptionalLong power, long nanos) {
        if (energy.isPresent() && lastEnergy.isPresent() && energy.getAsLong() >= lastEnergy.getAsLong()) {
            return OptionalLong.of(energy.getAsLong() - lastEnergy.getAsLong());
        }
        if (power.isEmpty()) {
            return OptionalLong.empty();
        }
        double milliwatts = lastPower.isPresent() ? (power.getAsLong() + lastPower.getAsLong()) / 2.0 : power.getAsLong();
        return OptionalLong.of(Math.round(milliwatts * nanos / 1e9));
    }
}
