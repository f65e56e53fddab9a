package io.gpuagent.export;

import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.join.Attribution;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** The native device families of a snapshot, for tests: what the collector renders, without the rest. */
public final class Render {

    private Render() {
    }

    /** With {@code attribution}'s holders on exclusively held devices. */
    public static List<MetricSnapshot> nativeFamilies(GpuSnapshot s, Attribution attribution) {
        return Naming.nativeNaming().render(DeviceView.of(s, attribution));
    }

    /** No device allocated to anyone. */
    public static List<MetricSnapshot> nativeFamilies(GpuSnapshot s) {
        return nativeFamilies(s, Attribution.NONE);
    }
}
