package io.gpuagent.export;

import io.gpuagent.catalog.DeviceField;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A naming scheme for the device families: how the device-field catalog ({@link io.gpuagent.catalog.DeviceField})
 * and the families built by hand ({@link HandBuiltFamilies}) show on {@code /metrics}. Pure: no I/O, and a family
 * that cannot be built is left out rather than failing the scrape.
 */
public interface Naming {

    List<MetricSnapshot> render(DeviceView view);

    /** The catalog rows the NVML reader must read for what this naming serves; the others are not asked for. */
    default Set<DeviceField> reads() {
        return EnumSet.allOf(DeviceField.class);
    }

    /** The contract's {@code gpu_*} families (the default). */
    static Naming nativeNaming() {
        return NativeNaming.INSTANCE;
    }

    /**
     * The contract's {@code gpu_*} families without those {@code excluded} turns off.
     *
     * @throws IllegalArgumentException when a glob matches no family native naming can turn off
     */
    static Naming nativeNaming(FamilyFilter excluded) {
        return excluded == FamilyFilter.NONE ? NativeNaming.INSTANCE : NativeNaming.without(excluded);
    }

    /** dcgm-exporter's names, units and labels ({@code --naming=dcgm}) with its defaults; {@code node} is the hostname. */
    static Naming dcgm(String node) {
        return new DcgmNaming(DcgmNaming.Options.defaults(node));
    }

    /**
     * dcgm-exporter's names, units and labels as {@code options} say.
     *
     * @throws IllegalArgumentException when a glob of {@code options} matches no family dcgm naming can turn off
     */
    static Naming dcgm(DcgmNaming.Options options) {
        return new DcgmNaming(options);
    }
}
