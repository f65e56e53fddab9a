package io.gpuagent.gpu;

import io.gpuagent.problem.ProblemLog;
import io.gpuagent.nvml.GpmMetric;
import io.gpuagent.nvml.GpmSampler;
import io.gpuagent.nvml.GpuDevice;
import io.gpuagent.nvml.NvmlException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * GPM profiling metrics (NVML GPM: Hopper and newer, R520+ drivers; no DCGM, no extra privilege) of each
 * GPU and each MIG GPU instance, for one NVML session. Support is asked once per GPU and session
 * ({@code nvmlGpmQueryDeviceSupport}); an unsupported GPU is said once (with what else it lacks) and costs
 * nothing more.
 * Each collection takes one sample per device and gets the metrics since the previous collection's sample:
 * the first collection has none (absent, not 0), and nothing sleeps. Two downcalls per device and collection.
 *
 * <p>A failure other than a lost GPU costs that device's GPM values for the collection (logged once,
 * counted); a lost GPU propagates for the session to mark the GPU down.
 */
final class GpmReader implements AutoCloseable {

    private static final Logger LOG = System.getLogger("io.gpuagent.gpu");

    private final ProblemLog problems;
    private InFlight inFlight = new InFlight();
    /** Per GPU index: its sampler; absent until asked; null value = GPM not supported there. */
    private final Map<Integer, GpmSampler> gpus = new HashMap<>();
    /** Per GPU index: whether its MIG GPU instances can be sampled (asked once). */
    private final Map<Integer, Boolean> migSupport = new HashMap<>();
    /** Per (GPU index, GPU instance id). */
    private final Map<Long, GpmSampler> instances = new HashMap<>();
    /** This collection's readings of GPU instances (compute instances of one GPU instance share them). */
    private final Map<Long, Map<GpmMetric, Double>> instancesRead = new HashMap<>();
    private long errors;

    GpmReader(ProblemLog problems) {
        this.problems = problems;
    }

    /** Failures since the last call. */
    long takeErrors() {
        long e = errors;
        errors = 0;
        return e;
    }

    /** Starts a collection; {@code inFlight} names the call under way (for the stall watchdog). */
    void begin(InFlight inFlight) {
        this.inFlight = inFlight;
        instancesRead.clear();
    }

    /** Ends a collection: GPU instances not seen in it (MIG reconfigured, GPU down) release their samples. */
    void end() {
        for (Iterator<Map.Entry<Long, GpmSampler>> it = instances.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, GpmSampler> e = it.next();
            if (!instancesRead.containsKey(e.getKey())) {
                e.getValue().close();
                it.remove();
            }
        }
    }

    /**
     * The whole GPU's metrics since the last collection; empty without GPM or at the first collection. A GPU
     * found without GPM is handed to {@code lacking} (once per session), for the line saying what it lacks.
     */
    Map<GpmMetric, Double> readGpu(int index, GpuDevice gpu, Consumer<String> lacking) {
        GpmSampler sampler;
        if (gpus.containsKey(index)) {
            sampler = gpus.get(index);
        } else {
            String key = gpu + "/GPM";
            inFlight.at(key + " support");
            Boolean supported = ask(key, () -> GpmSampler.supported(gpu));
            if (supported == null) {
                return Map.of(); // asked again next collection
            }
            if (!supported) {
                lacking.accept("GPM profiling metrics");
                gpus.put(index, null);
                return Map.of();
            }
            sampler = open(key, () -> GpmSampler.forGpu(gpu));
            if (sampler == null) {
                return Map.of();
            }
            gpus.put(index, sampler);
        }
        return sampler == null ? Map.of() : sample(gpu + "/GPM", sampler);
    }

    /** GPU instance {@code gpuInstanceId} of GPU {@code parent} (in MIG mode) since the last collection. */
    Map<GpmMetric, Double> readMig(int index, GpuDevice parent, int gpuInstanceId) {
        long id = ((long) index << 32) | (gpuInstanceId & 0xFFFFFFFFL);
        Map<GpmMetric, Double> done = instancesRead.get(id);
        if (done != null) {
            return done;
        }
        String key = parent + "/GPM of GPU instance " + gpuInstanceId;
        Boolean supported = migSupport.get(index);
        if (supported == null) {
            inFlight.at(parent + "/GPM MIG support");
            supported = ask(key, () -> GpmSampler.migSupported(parent));
            if (supported == null) {
                return Map.of();
            }
            migSupport.put(index, supported);
            // a GPU without GPM at all was logged as such already
            if (!supported && gpus.get(index) != null) {
                LOG.log(Level.INFO, parent + ": GPM profiling metrics of MIG instances are not available (a driver"
                        + " without nvmlGpmMigSampleGet): their GPM series are left out");
            }
        }
        if (!supported) {
            return Map.of();
        }
        GpmSampler sampler = instances.get(id);
        if (sampler == null) {
            sampler = open(key, () -> GpmSampler.forMigInstance(parent, gpuInstanceId));
            if (sampler == null) {
                return Map.of();
            }
            instances.put(id, sampler);
        }
        Map<GpmMetric, Double> values = sample(key, sampler);
        instancesRead.put(id, values);
        return values;
    }

    private Map<GpmMetric, Double> sample(String key, GpmSampler sampler) {
        inFlight.at(key);
        try {
            Map<GpmMetric, Double> values = sampler.sample().orElse(Map.of());
            problems.clear(key);
            return values;
        } catch (NvmlException e) {
            failed(key, e);
            return Map.of();
        }
    }

    private <T> T ask(String key, java.util.function.Supplier<T> call) {
        try {
            T answer = call.get();
            problems.clear(key + " support");
            return answer;
        } catch (NvmlException e) {
            failed(key + " support", e);
            return null;
        }
    }

    private GpmSampler open(String key, java.util.function.Supplier<GpmSampler> call) {
        inFlight.at(key + " samples");
        try {
            return call.get();
        } catch (NvmlException e) {
            failed(key + " samples", e);
            return null;
        }
    }

    private void failed(String key, NvmlException e) {
        if (e.status().isDeviceGone()) {
            throw e;
        }
        errors++;
        problems.report(key, key + " failed: " + e.getMessage());
    }

    /** Frees every sample (before nvmlShutdown). */
    @Override
    public void close() {
        Set<GpmSampler> all = new HashSet<>(instances.values());
        gpus.values().stream().filter(java.util.Objects::nonNull).forEach(all::add);
        all.forEach(GpmSampler::close);
        gpus.clear();
        instances.clear();
        migSupport.clear();
    }
}
