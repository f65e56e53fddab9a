package io.gpuagent.dra;

import java.util.Objects;

/** A device as a DRA driver publishes it: unique per driver by pool name and device name (on this node). */
public record PoolDevice(String poolName, String deviceName) {

    public PoolDevice {
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(deviceName, "deviceName");
    }
}
