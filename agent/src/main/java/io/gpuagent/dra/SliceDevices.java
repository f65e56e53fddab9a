package io.gpuagent.dra;

import io.fabric8.kubernetes.api.model.resource.v1.Device;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceAttribute;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSliceSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The NVIDIA devices of a set of ResourceSlices as plain (pool, device) → attribute strings. Rebuilt whole
 * on every slice change: a node has a handful of slices, and an immutable snapshot lets scrapes read
 * without locks.
 */
final class SliceDevices {

    private SliceDevices() {
    }

    static Map<PoolDevice, Map<String, String>> index(Collection<ResourceSlice> slices) {
        // A driver republishing a pool bumps its generation; slices of an older generation may linger until
        // deleted and must not shadow the new ones.
        Map<String, Long> newest = new HashMap<>();
        for (ResourceSlice slice : slices) {
            if (ours(slice)) {
                newest.merge(slice.getSpec().getPool().getName(), generation(slice), Math::max);
            }
        }
        Map<PoolDevice, Map<String, String>> out = new LinkedHashMap<>();
        for (ResourceSlice slice : slices) {
            if (!ours(slice)) {
                continue;
            }
            String pool = slice.getSpec().getPool().getName();
            if (generation(slice) < newest.get(pool) || slice.getSpec().getDevices() == null) {
                continue;
            }
            for (Device device : slice.getSpec().getDevices()) {
                if (device != null && device.getName() != null) {
                    out.put(new PoolDevice(pool, device.getName()), attributes(device));
                }
            }
        }
        return Map.copyOf(out);
    }

    private static boolean ours(ResourceSlice slice) {
        ResourceSliceSpec spec = slice.getSpec();
        return spec != null && DraDevices.DRIVER.equals(spec.getDriver()) && spec.getPool() != null
                && spec.getPool().getName() != null;
    }

    private static long generation(ResourceSlice slice) {
        Long g = slice.getSpec().getPool().getGeneration();
        return g == null ? 0 : g;
    }

    /** Every typed value as text: resolution only compares UUIDs and parses small integers. */
    private static Map<String, String> attributes(Device device) {
        Map<String, String> out = new HashMap<>();
        if (device.getAttributes() != null) {
            device.getAttributes().forEach((name, value) -> {
                String text = text(value);
                if (name != null && text != null) {
                    out.put(name, text);
                }
            });
        }
        return Map.copyOf(out);
    }

    private static String text(DeviceAttribute a) {
        if (a == null) {
            return null;
        }
        if (a.getString() != null) {
            return a.getString();
        }
        if (a.getInt() != null) {
            return Long.toString(a.getInt());
        }
        if (a.getBool() != null) {
            return Boolean.toString(a.getBool());
        }
        return a.getVersion();
    }
}
