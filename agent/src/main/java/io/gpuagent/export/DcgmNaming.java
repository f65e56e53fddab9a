package io.gpuagent.export;

import io.gpuagent.catalog.Dcgm;
import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.join.Attribution;
import io.gpuagent.kubelet.Allocation;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The device families under dcgm-exporter's names, units and labels ({@code --naming=dcgm}), so dashboards,
 * alerts and autoscaling queries written for dcgm-exporter keep working: the catalog's rows that have a dcgm
 * field, from the same readings as the native families, plus the {@link HandBuiltFamilies#common} ones.
 *
 * <p>dcgm-exporter's counters (energy, PCIe replays, ...) carry no {@code _total} suffix, which the OpenMetrics
 * and Prometheus client naming rules would add to a counter: they are exposed untyped under their exact names,
 * which is what queries depend on ({@code rate()} works on them as before).
 */
public final class DcgmNaming implements Naming {

    private static final DeviceField[] FIELDS = Arrays.stream(DeviceField.values()).filter(f -> f.dcgm() != null)
            .toArray(DeviceField[]::new);

    private final String hostname;

    /** @param hostname the {@code Hostname} label: the node name, as dcgm-exporter sets it in a cluster */
    DcgmNaming(String hostname) {
        this.hostname = Objects.requireNonNull(hostname);
    }

    @Override
    public List<MetricSnapshot> render(DeviceView v) {
        List<MetricSnapshot> out = devices(v.snapshot(), v.attribution(), hostname);
        HandBuiltFamilies.common(v, new GpuLabels(v.attribution()), out);
        return out;
    }

    /** The dcgm device families of a snapshot alone, without the shared ones. */
    public static List<MetricSnapshot> devices(GpuSnapshot s, Attribution attribution, String hostname) {
        Labels[] gpus = new Labels[s.gpus().size()];
        for (int i = 0; i < gpus.length; i++) {
            GpuIdentity id = s.gpus().get(i).identity();
            gpus[i] = labels(id, Optional.empty(), s.driverVersion(), hostname, attribution.exclusiveHolder(id.uuid()));
        }
        Labels[] migs = new Labels[s.migs().size()];
        for (int i = 0; i < migs.length; i++) {
            MigIdentity id = s.migs().get(i).identity();
            migs[i] = labels(id.parent(), Optional.of(id), s.driverVersion(), hostname,
                    attribution.exclusiveHolder(id.migUuid()));
        }
        List<MetricSnapshot> out = new ArrayList<>();
        for (DeviceField f : FIELDS) {
            Dcgm d = f.dcgm();
            Points points = new Points(d.counter() ? Points.Kind.UNTYPED : Points.Kind.GAUGE, d.name(), d.help(), null);
            for (int i = 0; i < gpus.length; i++) {
                GpuReading g = s.gpus().get(i);
                add(points, f, g.values(), g.up(), gpus[i]);
            }
            if (f.mig()) {
                for (int i = 0; i < migs.length; i++) {
                    add(points, f, s.migs().get(i).values(), false, migs[i]);
                }
            }
            points.addTo(out);
        }
        return out;
    }

    /** One device's value of a field, its dimension collapsed as dcgm-exporter reports it. */
    private static void add(Points points, DeviceField f, FieldValues values, boolean up, Labels labels) {
        Dcgm d = f.dcgm();
        switch (d.collapse()) {
            case NONE, FIRST -> {
                if (values.has(f, 0)) {
                    points.add(labels, values.scaled(f, 0, d.scale()));
                } else if (d.zeroWhileUp() && up) {
                    points.add(labels, d.scale().apply(0L));
                }
            }
            case SUM -> {
                OptionalLong sum = values.sum(f);
                if (sum.isPresent()) {
                    points.add(labels, d.scale().apply(sum.getAsLong()));
                }
            }
        }
    }

    /**
     * dcgm-exporter's label set: {@code gpu}, {@code UUID} and {@code device} of the GPU (a MIG instance's series
     * keep its parent's and add {@code GPU_I_ID} and {@code GPU_I_PROFILE}), {@code pci_bus_id}, {@code modelName},
     * {@code Hostname}, {@code DCGM_FI_DRIVER_VERSION}, and the holder's {@code container}, {@code namespace},
     * {@code pod} on exclusively allocated devices.
     */
    static Labels labels(GpuIdentity gpu, Optional<MigIdentity> mig, String driverVersion, String hostname,
            Optional<Allocation.Holder> holder) {
        Labels l = Labels.of("gpu", Integer.toString(gpu.index()), "UUID", gpu.uuid(), "pci_bus_id", gpu.pciBusId(),
                "device", "nvidia" + (gpu.minorNumber().isPresent() ? gpu.minorNumber().getAsLong() : gpu.index()),
                "modelName", gpu.model(), "Hostname", hostname, "DCGM_FI_DRIVER_VERSION", driverVersion);
        if (mig.isPresent()) {
            l = l.merge(Labels.of("GPU_I_ID", Integer.toString(mig.get().gpuInstanceId()),
                    "GPU_I_PROFILE", mig.get().profile()));
        }
        if (holder.isPresent()) {
            l = l.merge(Labels.of("container", holder.get().container(), "namespace", holder.get().namespace(),
                    "pod", holder.get().pod()));
        }
        return l;
    }
}
