package io.gpuagent.export;

import io.gpuagent.catalog.Dcgm;
import io.gpuagent.catalog.DcgmSelection;
import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.join.Attribution;
import io.gpuagent.kubelet.Allocation;
import io.gpuagent.kubelet.ContainerAllocation;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * The device families under dcgm-exporter's names, units and labels ({@code --naming=dcgm}), so dashboards,
 * alerts and autoscaling queries written for dcgm-exporter keep working: the catalog's rows that have a dcgm
 * field (all of them, or those of the user's counters file), from the same readings as the native families, plus
 * the {@link HandBuiltFamilies#common} ones.
 *
 * <p>dcgm-exporter's counters (energy, PCIe replays, ...) carry no {@code _total} suffix, which the OpenMetrics
 * and Prometheus client naming rules would add to a counter: they are exposed untyped under their exact names,
 * which is what queries depend on ({@code rate()} works on them as before).
 */
public final class DcgmNaming implements Naming {

    /**
     * What dcgm naming serves and how it labels it.
     *
     * @param node the node's name, the value of the hostname label
     * @param hostnameLabel {@code hostname} (dcgm-exporter 4.8.3 and newer), {@code Hostname} (before), or none
     * @param fields which dcgm fields, with their help and type
     * @param excluded families turned off ({@code --exclude-families})
     * @param podUid the uid of a holder's pod, for {@code pod_uid} ({@code --dcgm-pod-uid}); never blocks
     * @param podLabels the labels of a holder's pod to put on its device's series, named as dcgm-exporter names
     *     them ({@code --dcgm-pod-labels}); never blocks
     */
    public record Options(String node, Optional<String> hostnameLabel, DcgmSelection fields, FamilyFilter excluded,
            Function<Allocation.Holder, Optional<String>> podUid,
            Function<Allocation.Holder, Map<String, String>> podLabels) {

        public Options {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(hostnameLabel, "hostnameLabel");
            Objects.requireNonNull(fields, "fields");
            Objects.requireNonNull(excluded, "excluded");
            Objects.requireNonNull(podUid, "podUid");
            Objects.requireNonNull(podLabels, "podLabels");
        }

        /** dcgm-exporter 4.8.3's labels, the built-in fields, no pod uid or labels. */
        public static Options defaults(String node) {
            return new Options(node, Optional.of("hostname"), DcgmSelection.BUILT_IN, FamilyFilter.NONE,
                    h -> Optional.empty(), h -> Map.of());
        }
    }

    private final Options options;
    private final List<DcgmSelection.Field> fields;

    /** @throws IllegalArgumentException when a glob of {@code options.excluded()} matches no family it serves */
    DcgmNaming(Options options) {
        this.options = options;
        if (options.excluded() != FamilyFilter.NONE) {
            options.excluded().check(familyNames(), "dcgm");
        }
        this.fields = options.fields().without(options.excluded()::excludes).fields();
    }

    /** Every family dcgm naming can serve, by the names {@code /metrics} shows (the serving signals' included). */
    static List<String> familyNames() {
        List<String> names = new ArrayList<>(DcgmSelection.catalogNames());
        names.addAll(HandBuiltFamilies.COMMON_NAMES);
        names.addAll(ServingFamilies.NAMES);
        return names;
    }

    /** The rows of the fields served, those the hand-built families need, and MIG mode (how MIG instances are found). */
    @Override
    public Set<DeviceField> reads() {
        Set<DeviceField> out = EnumSet.noneOf(DeviceField.class);
        fields.forEach(f -> out.add(f.row()));
        out.addAll(HandBuiltFamilies.reads(options.excluded()));
        out.add(DeviceField.MIG_MODE);
        return out;
    }

    @Override
    public List<MetricSnapshot> render(DeviceView v) {
        List<MetricSnapshot> out = devices(v.snapshot(), v.attribution());
        HandBuiltFamilies.common(v, new GpuLabels(v.attribution()), options.excluded(), out);
        return options.excluded().apply(out);
    }

    /** The dcgm device families of a snapshot alone, with dcgm-exporter's defaults, without the shared ones. */
    public static List<MetricSnapshot> devices(GpuSnapshot s, Attribution attribution, String node) {
        return new DcgmNaming(Options.defaults(node)).devices(s, attribution);
    }

    private List<MetricSnapshot> devices(GpuSnapshot s, Attribution attribution) {
        String driver = options.fields().driverVersionLabel() ? s.driverVersion() : null;
        Labels[] gpus = new Labels[s.gpus().size()];
        for (int i = 0; i < gpus.length; i++) {
            GpuIdentity id = s.gpus().get(i).identity();
            gpus[i] = labels(id, Optional.empty(), driver, attribution);
        }
        Labels[] migs = new Labels[s.migs().size()];
        for (int i = 0; i < migs.length; i++) {
            MigIdentity id = s.migs().get(i).identity();
            migs[i] = labels(id.parent(), Optional.of(id), driver, attribution);
        }
        List<MetricSnapshot> out = new ArrayList<>();
        for (DcgmSelection.Field field : fields) {
            DeviceField f = field.row();
            Points points = new Points(field.gauge() ? Points.Kind.GAUGE : Points.Kind.UNTYPED, field.name(),
                    field.help(), null);
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
     * the node under {@code hostname} (or {@code Hostname}), {@code DCGM_FI_DRIVER_VERSION} where the fields ask for
     * it; on a device one container holds, its {@code container}, {@code namespace}, {@code pod} (and on demand
     * {@code pod_uid} and the pod's labels); on a device that came from a DRA claim, the claim's {@code dra_*}.
     */
    private Labels labels(GpuIdentity gpu, Optional<MigIdentity> mig, String driverVersion, Attribution attribution) {
        Labels l = Labels.of("gpu", Integer.toString(gpu.index()), "UUID", gpu.uuid(), "pci_bus_id", gpu.pciBusId(),
                "device", "nvidia" + (gpu.minorNumber().isPresent() ? gpu.minorNumber().getAsLong() : gpu.index()),
                "modelName", gpu.model());
        if (options.hostnameLabel().isPresent()) {
            l = l.add(options.hostnameLabel().get(), options.node());
        }
        if (driverVersion != null) {
            l = l.add(DcgmSelection.DRIVER_VERSION, driverVersion);
        }
        if (mig.isPresent()) {
            l = l.merge(Labels.of("GPU_I_ID", Integer.toString(mig.get().gpuInstanceId()),
                    "GPU_I_PROFILE", mig.get().profile()));
        }
        String device = mig.map(MigIdentity::migUuid).orElse(gpu.uuid());
        Optional<ContainerAllocation.ClaimDevice> claim = attribution.claim(device);
        if (claim.isPresent()) {
            l = l.merge(dra(claim.get(), mig));
        }
        Optional<Allocation.Holder> holder = attribution.exclusiveHolder(device);
        if (holder.isPresent()) {
            Allocation.Holder h = holder.get();
            l = l.merge(Labels.of("container", h.container(), "namespace", h.namespace(), "pod", h.pod()));
            Optional<String> uid = options.podUid().apply(h);
            if (uid.isPresent()) {
                l = l.add("pod_uid", uid.get());
            }
            l = withPodLabels(l, options.podLabels().apply(h));
        }
        return l;
    }

    /**
     * dcgm-exporter's DRA labels ({@code --kubernetes-enable-dra}). It pins a MIG claim on the parent GPU's series;
     * here it is on the MIG instance's own, whose {@code GPU_I_ID} tells it apart.
     */
    private static Labels dra(ContainerAllocation.ClaimDevice c, Optional<MigIdentity> mig) {
        Labels l = Labels.of("dra_claim_name", c.claimName(), "dra_claim_namespace", c.claimNamespace(),
                "dra_driver_name", c.driverName(), "dra_pool_name", c.poolName(), "dra_device_name", c.deviceName());
        if (mig.isPresent()) {
            l = l.merge(Labels.of("dra_mig_profile", mig.get().profile(), "dra_mig_device_uuid", mig.get().migUuid()));
        }
        return l;
    }

    /**
     * The pod's labels, each unless the series has a label of that name already (dcgm-exporter keeps its own over a
     * pod's too) or the name cannot be a label name (a key starting with a digit, or with {@code __}, which
     * Prometheus reserves): one odd pod label must not cost the device its series.
     */
    private static Labels withPodLabels(Labels l, Map<String, String> podLabels) {
        for (Map.Entry<String, String> e : podLabels.entrySet()) {
            String name = e.getKey();
            if (!l.contains(name) && PrometheusNaming.isValidLegacyLabelName(name) && !name.startsWith("__")) {
                l = l.add(name, e.getValue());
            }
        }
        return l;
    }
}
