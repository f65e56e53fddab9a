package io.gpuagent.export;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.Dimension;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.catalog.Native;
import io.gpuagent.catalog.NativeFamily;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.nvml.ClockEventReason;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contract's native device families ({@code gpu_*}): the catalog's rows as their native families (rows
 * sharing a family each give one value of its label), plus the {@link HandBuiltFamilies}.
 */
public final class NativeNaming implements Naming {

    static final NativeNaming INSTANCE = new NativeNaming();

    /** A native family and the catalog rows that make it, in catalog order. */
    private record Family(NativeFamily family, Unit unit, List<DeviceField> rows) {
    }

    private static final List<Family> FAMILIES;
    private static final String[] REASONS = new String[ClockEventReason.values().length];

    static {
        Map<NativeFamily, List<DeviceField>> rows = new LinkedHashMap<>();
        for (DeviceField f : DeviceField.values()) {
            if (f.nativeNaming() != null) {
                rows.computeIfAbsent(f.nativeNaming().family(), k -> new ArrayList<>()).add(f);
            }
        }
        List<Family> families = new ArrayList<>();
        rows.forEach((f, r) -> families.add(new Family(f, f.unit() == null ? null : new Unit(f.unit()), List.copyOf(r))));
        FAMILIES = List.copyOf(families);
        for (ClockEventReason r : ClockEventReason.values()) {
            REASONS[r.ordinal()] = r.name().toLowerCase(Locale.ROOT);
        }
    }

    private NativeNaming() {
    }

    @Override
    public List<MetricSnapshot> render(DeviceView v) {
        GpuSnapshot s = v.snapshot();
        GpuLabels labels = new GpuLabels(v.attribution());
        Labels[] gpus = new Labels[s.gpus().size()];
        for (int i = 0; i < gpus.length; i++) {
            gpus[i] = labels.of(s.gpus().get(i).identity());
        }
        Labels[] migs = new Labels[s.migs().size()];
        for (int i = 0; i < migs.length; i++) {
            migs[i] = labels.of(s.migs().get(i).identity());
        }
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(HandBuiltFamilies.info(s, gpus));
        for (Family f : FAMILIES) {
            Points points = new Points(f.family().counter() ? Points.Kind.COUNTER : Points.Kind.GAUGE,
                    f.family().name(), f.family().help(), f.unit());
            for (DeviceField row : f.rows()) {
                for (int i = 0; i < gpus.length; i++) {
                    add(points, row, s.gpus().get(i).values(), gpus[i]);
                }
                if (row.mig()) {
                    for (int i = 0; i < migs.length; i++) {
                        add(points, row, s.migs().get(i).values(), migs[i]);
                    }
                }
            }
            points.addTo(out);
        }
        out.add(HandBuiltFamilies.xids(s, gpus));
        HandBuiltFamilies.common(v, labels, out);
        return out;
    }

    /** The series of one row of one device: one, one per index of its dimension, or one per clock event reason. */
    private static void add(Points points, DeviceField row, FieldValues values, Labels device) {
        Native n = row.nativeNaming();
        Dimension dim = row.dimension();
        for (int i = 0; i < dim.size(); i++) {
            if (!values.has(row, i)) {
                continue;
            }
            Labels l = n.labelValue() == null ? device : device.add(n.family().label(), n.labelValue());
            if (dim != Dimension.NONE) {
                l = l.add(dim.label(), dim.value(i));
            }
            if (n.reasonBits()) {
                long mask = values.get(row, i).getAsLong();
                for (ClockEventReason r : ClockEventReason.values()) {
                    points.add(l.add(n.family().label(), REASONS[r.ordinal()]), r.isSet(mask) ? 1 : 0);
                }
            } else {
                points.add(l, values.scaled(row, i, n.scale()));
            }
        }
    }
}
