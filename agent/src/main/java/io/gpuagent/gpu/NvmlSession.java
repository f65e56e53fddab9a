package io.gpuagent.gpu;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.problem.ProblemLog;
import io.gpuagent.nvml.GpmMetric;
import io.gpuagent.nvml.GpuDevice;
import io.gpuagent.nvml.Nvml;
import io.gpuagent.nvml.NvmlException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One initialised NVML and the GPUs it enumerated: identities are read once (they do not change while
 * the driver is loaded), values every collection. Closed when NVML itself fails, to be opened anew.
 */
final class NvmlSession implements AutoCloseable {

    private final Nvml nvml;
    private final String driverVersion;
    private final String cudaDriverVersion;
    private final List<GpuDevice> devices;
    private final GpuIdentity[] identities;
    private final boolean[] lost;
    private final Map<String, MigIdentity> migIdentities = new HashMap<>();
    private final Optional<XidWatcher> xids;
    private final ProblemLog problems;
    private final GpmReader gpm;
    /** Whether GPM is sampled: not when no GPM row is served. */
    private final boolean sampleGpm;
    /** One builder for every device's values, cleared before each (a reading keeps a copy). */
    private final FieldValues.Builder values = FieldValues.builder();

    private NvmlSession(Nvml nvml, ProblemLog problems, java.util.function.Consumer<XidReport> xidListener,
            boolean sampleGpm) {
        this.nvml = nvml;
        this.sampleGpm = sampleGpm;
        this.problems = problems;
        this.gpm = new GpmReader(problems);
        this.driverVersion = nvml.driverVersion();
        this.cudaDriverVersion = nvml.cudaDriverVersion().stream().mapToObj(Nvml::formatCudaVersion).findFirst().orElse("");
        this.devices = nvml.devices();
        this.identities = new GpuIdentity[devices.size()];
        this.lost = new boolean[devices.size()];
        this.xids = XidWatcher.start(nvml, devices, problems, xidListener);
    }

    static NvmlSession open(Nvml nvml, ProblemLog problems,
            java.util.function.Consumer<XidReport> xidListener) {
        return open(nvml, problems, xidListener, true);
    }

    static NvmlSession open(Nvml nvml, ProblemLog problems, java.util.function.Consumer<XidReport> xidListener,
            boolean sampleGpm) {
        try {
            return new NvmlSession(nvml, problems, xidListener, sampleGpm);
        } catch (RuntimeException e) {
            nvml.close();
            throw e;
        }
    }

    int gpuCount() {
        return devices.size();
    }

    GpuSnapshot collect(DeviceReader reader, ProcessReader processReader, InFlight inFlight) {
        gpm.begin(inFlight);
        List<GpuReading> gpus = new ArrayList<>(devices.size());
        List<MigReading> migs = new ArrayList<>();
        List<ProcessReading> processes = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            GpuDevice device = devices.get(i);
            String key = "gpu/" + i + "/lost";
            try {
                inFlight.at(device + "/identity");
                GpuIdentity id = identity(i);
                // GPM first: a GPU without it is said on the line of what else it lacks, which readGpu logs
                Map<GpmMetric, Double> sample = sampleGpm
                        ? gpm.readGpu(i, device, what -> reader.lacks(device, id.model(), what)) : Map.of();
                reader.readGpu(device, id.model(), values.clear());
                putGpm(values, sample);
                if (xids.isPresent()) {
                    OptionalLong last = xids.get().last(i);
                    if (last.isPresent()) {
                        values.put(DeviceField.LAST_XID, last.getAsLong());
                    }
                }
                boolean migMode = values.get(DeviceField.MIG_MODE).orElse(0) == 1;
                FieldValues gpuValues = values.build();
                if (migMode) {
                    inFlight.at(device + "/MIG devices");
                    for (GpuDevice mig : device.migDevices()) {
                        MigIdentity migId = migIdentity(id, device, mig);
                        reader.readMig(mig, migId.migUuid(), values.clear());
                        if (sampleGpm) {
                            putGpm(values, gpm.readMig(i, device, migId.gpuInstanceId()));
                        }
                        migs.add(new MigReading(migId, values.build()));
                    }
                }
                processes.addAll(processReader.read(device));
                gpus.add(new GpuReading(id, true, gpuValues));
                if (lost[i]) {
                    lost[i] = false;
                    problems.clear(key);
                }
            } catch (NvmlException e) {
                lost[i] = true;
                problems.report(key, "GPU " + i + " does not answer: " + e.getMessage());
                GpuIdentity id = identities[i] != null ? identities[i]
                        : new GpuIdentity(i, "", "", "", OptionalLong.empty());
                gpus.add(GpuReading.down(id));
            }
        }
        gpm.end();
        Map<Integer, Map<Long, Long>> xidCounts = xids.map(XidWatcher::counts).orElse(Map.of());
        return new GpuSnapshot(driverVersion, cudaDriverVersion, gpus, migs, xidCounts, processes);
    }

    /** The GPM metrics of a sample into their catalog rows. */
    private static void putGpm(FieldValues.Builder values, Map<GpmMetric, Double> sample) {
        sample.forEach((metric, v) -> values.put(DeviceField.of(metric), v.doubleValue()));
    }

    private GpuIdentity identity(int i) {
        if (identities[i] == null) {
            GpuDevice d = devices.get(i);
            identities[i] = new GpuIdentity(i, d.uuid(), d.name(), d.pciInfo().busId(), d.minorNumber());
        }
        return identities[i];
    }

    /**
     * MIG instances can be re-created while the agent runs: the UUID is re-read, the rest cached by it (the parent's
     * slice count too: one more call per new instance, none per collection).
     */
    private MigIdentity migIdentity(GpuIdentity parent, GpuDevice gpu, GpuDevice mig) {
        String uuid = mig.uuid();
        MigIdentity id = migIdentities.get(uuid);
        if (id == null) {
            id = new MigIdentity(parent, uuid, mig.gpuInstanceId(), mig.computeInstanceId(),
                    MigIdentity.profileFromName(mig.name()), (int) gpu.maxMigDeviceCount().orElse(0));
            migIdentities.put(uuid, id);
        }
        return id;
    }

    /** GPM failures since the last call (the device readers count their own). */
    long takeErrors() {
        return gpm.takeErrors();
    }

    @Override
    public void close() {
        xids.ifPresent(XidWatcher::close);
        gpm.close();
        try {
            nvml.close();
        } catch (NvmlException e) {
            problems.report("shutdown", "nvmlShutdown failed: " + e.getMessage());
        }
    }
}
