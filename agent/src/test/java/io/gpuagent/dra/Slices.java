package io.gpuagent.dra;

import io.fabric8.kubernetes.api.model.resource.v1.DeviceAttribute;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSliceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** ResourceSlices as a DRA driver publishes them, for the tests that serve them from a fake API server. */
public final class Slices {

    private Slices() {
    }

    /** A slice of one pool, alone in it ({@code resourceSliceCount} 1). */
    public static ResourceSlice slice(String name, String node, String driver, String pool, long generation,
            io.fabric8.kubernetes.api.model.resource.v1.Device... devices) {
        return new ResourceSliceBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNodeName(node).withDriver(driver)
                .withNewPool().withName(pool).withGeneration(generation).withResourceSliceCount(1L).endPool()
                .withDevices(devices).endSpec().build();
    }

    /** A device with string attributes given as name, value pairs. */
    public static io.fabric8.kubernetes.api.model.resource.v1.Device device(String name, String... attributes) {
        Map<String, DeviceAttribute> map = new LinkedHashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            DeviceAttribute a = new DeviceAttribute();
            a.setString(attributes[i + 1]);
            map.put(attributes[i], a);
        }
        return new DeviceBuilder().withName(name).withAttributes(map).build();
    }
}
