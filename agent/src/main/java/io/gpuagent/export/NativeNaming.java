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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The contract's native device families ({@code gpu_*}): the catalog's rows as their native families (rows
 * sharing a family each give one value of its label), plus the {@link HandBuiltFamilies}. Families turned off
 * ({@code --exclude-families}) are neither built nor read: their catalog rows are left out of {@link #reads()}.
 */
public final class NativeNaming implements Naming {

    /** A native family and the catalog rows that make it, in catalog order. */
    private record Family(NativeFamily family, Unit unit, List<DeviceField> rows) {

        /** Its name on {@code /metrics}. */
        String exposedName() {
            return family.counter() ? family.name() + "_total" : family.name();
        }
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

    /** Every family on; after the static block, whose families it takes. */
    static final NativeNaming INSTANCE = new NativeNaming(FamilyFilter.NONE);

    private final FamilyFilter excluded;
    private final List<Family> families;

    private NativeNaming(FamilyFilter excluded) {
        this.excluded = excluded;
        this.families = FAMILIES.stream().filter(f -> excluded.on(f.exposedName())).toList();
    }

    /** @throws IllegalArgumentException when a glob matches no native family that can be turned off */
    static NativeNaming without(FamilyFilter excluded) {
        excluded.check(familyNames(), "native");
        return new NativeNaming(excluded);
    }

    /** Every family native naming serves, by the names {@code /metrics} shows (the serving signals' included). */
    static List<String> familyNames() {
        List<String> names = new ArrayList<>(HandBuiltFamilies.NATIVE_NAMES);
        FAMILIES.forEach(f -> names.add(f.exposedName()));
        names.addAll(HandBuiltFamilies.COMMON_NAMES);
        names.addAll(ServingFamilies.NAMES);
        return names;
    }

    /** The rows of the families left on, those the hand-built ones need, and MIG mode (how MIG instances are found). */
    @Override
    public Set<DeviceField> reads() {
        Set<DeviceField> out = EnumSet.noneOf(DeviceField.class);
        families.forEach(f -> out.addAll(f.rows()));
        out.addAll(HandBuiltFamilies.reads(excluded));
        out.add(DeviceField.MIG_MODE);
        return out;
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
        if (excluded.on("gpu_info")) {
            out.add(HandBuiltFamilies.info(s, gpus));
        }
        for (Family f : families) {
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
        if (excluded.on("gpu_xid_errors_total")) {
            out.add(HandBuiltFamilies.xids(s, gpus));
        }
        HandBuiltFamilies.common(v, labels, excluded, out);
        return excluded.apply(out);
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
