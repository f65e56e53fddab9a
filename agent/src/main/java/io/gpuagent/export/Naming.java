package io.gpuagent.export;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * A naming scheme for the device families: how the device-field catalog ({@link io.gpuagent.catalog.DeviceField})
 * and the families built by hand ({@link HandBuiltFamilies}) show on {@code /metrics}. Pure: no I/O, and a family
 * that cannot be built is left out rather than failing the scrape.
 */
public interface Naming {

    List<MetricSnapshot> render(DeviceView view);

    /** The contract's {@code gpu_*} families (the default). */
    static Naming nativeNaming() {
        return NativeNaming.INSTANCE;
    }

    /** dcgm-exporter's names, units and labels ({@code --naming=dcgm}); {@code hostname} is their {@code Hostname}. */
    static Naming dcgm(String hostname) {
        return new DcgmNaming(hostname);
    }
}
