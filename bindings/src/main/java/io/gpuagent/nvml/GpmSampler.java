package io.gpuagent.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;

import io.gpuagent.nvml.raw.nvml_h;
import io.gpuagent.nvml.raw.nvmlGpmMetric_t;
import io.gpuagent.nvml.raw.nvmlGpmMetricsGet_t;
import io.gpuagent.nvml.raw.nvmlGpmSupport_t;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * NVML GPM (GPU Performance Monitoring, Hopper and newer, R520+ drivers) for one GPU or one MIG GPU
 * instance: each {@link #sample} reads the GPU's counters into one of two sample buffers and returns the
 * metrics for the interval since the previous sample, so a collection every interval yields that
 * interval's activity without sleeping. The two buffers and the {@code nvmlGpmMetricsGet_t} request
 * (about 4 KB) are allocated once and reused; {@link #close} frees them.
 *
 * <p>Not thread-safe: one collection thread samples (a shared arena lets another thread close it).
 */
public final class GpmSampler implements AutoCloseable {

    /** The functions a whole-GPU sampler needs; a driver missing any has no usable GPM. */
    private static final List<String> FUNCTIONS = List.of("nvmlGpmQueryDeviceSupport", "nvmlGpmSampleAlloc",
            "nvmlGpmSampleFree", "nvmlGpmSampleGet", "nvmlGpmMetricsGet");
    private static final String MIG_FUNCTION = "nvmlGpmMigSampleGet";
    private static final GpmMetric[] METRICS = GpmMetric.values();

    private final MemorySegment device;
    private final int gpuInstanceId;
    private final boolean mig;
    private final String what;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment[] samples = new MemorySegment[2];
    private final MemorySegment request;
    /** The buffer the next sample goes into; the other one holds the previous sample (if any). */
    private int next;
    private boolean havePrevious;
    private boolean closed;

    private GpmSampler(GpuDevice gpu, int gpuInstanceId, boolean mig) {
        this.device = gpu.handle();
        this.gpuInstanceId = gpuInstanceId;
        this.mig = mig;
        this.what = mig ? gpu + " GPU instance " + gpuInstanceId : gpu.toString();
        this.request = nvmlGpmMetricsGet_t.allocate(arena);
        try {
            MemorySegment out = arena.allocate(ADDRESS);
            for (int i = 0; i < 2; i++) {
                Calls.check("nvmlGpmSampleAlloc", nvml_h.nvmlGpmSampleAlloc(out));
                samples[i] = out.get(ADDRESS, 0);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        nvmlGpmMetricsGet_t.version(request, nvml_h.NVML_GPM_METRICS_GET_VERSION());
        nvmlGpmMetricsGet_t.numMetrics(request, METRICS.length);
    }

    /**
     * Whether GPM works on this full GPU: the driver has the GPM functions and
     * {@code nvmlGpmQueryDeviceSupport} says the device supports it (Hopper and newer). False for a MIG
     * device handle (sample MIG instances through their parent, {@link #forMigInstance}).
     */
    public static boolean supported(GpuDevice gpu) {
        if (gpu.isMig() || !FUNCTIONS.stream().allMatch(gpu.nvml().symbols()::has)) {
            return false;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = nvmlGpmSupport_t.allocate(a);
            nvmlGpmSupport_t.version(s, nvml_h.NVML_GPM_SUPPORT_VERSION());
            String fn = "nvmlGpmQueryDeviceSupport";
            int rc = nvml_h.nvmlGpmQueryDeviceSupport(gpu.handle(), s);
            // An older driver may reject the struct version: no GPM it can offer us.
            if (rc == nvml_h.NVML_ERROR_ARGUMENT_VERSION_MISMATCH() || !Calls.supported(fn, rc)) {
                return false;
            }
            return nvmlGpmSupport_t.isSupportedDevice(s) != 0;
        }
    }

    /** Whether MIG GPU instances of a GPU can be sampled: {@link #supported} and {@code nvmlGpmMigSampleGet}. */
    public static boolean migSupported(GpuDevice gpu) {
        return gpu.nvml().symbols().has(MIG_FUNCTION) && supported(gpu);
    }

    /** A sampler of a whole GPU; check {@link #supported} first. */
    public static GpmSampler forGpu(GpuDevice gpu) {
        if (gpu.isMig()) {
            throw new IllegalArgumentException("a MIG device handle: use forMigInstance with its parent");
        }
        return new GpmSampler(gpu, -1, false);
    }

    /** A sampler of GPU instance {@code gpuInstanceId} of a MIG-enabled GPU; check {@link #migSupported} first. */
    public static GpmSampler forMigInstance(GpuDevice parent, int gpuInstanceId) {
        if (parent.isMig()) {
            throw new IllegalArgumentException("the parent GPU's handle is needed, not a MIG device handle");
        }
        return new GpmSampler(parent, gpuInstanceId, true);
    }

    /**
     * Takes a sample and returns the metrics between the previous sample and this one: empty for the
     * first sample (nothing to compare with yet) and when the device answers NOT_SUPPORTED (the next call
     * starts over). A metric NVML does not report for this device is absent from the map.
     *
     * @throws NvmlException for any other failure (GPU_IS_LOST among them); the next call starts over
     */
    public Optional<Map<GpmMetric, Double>> sample() {
        if (closed) {
            throw new IllegalStateException("GPM sampler of " + what + " is closed");
        }
        MemorySegment current = samples[next];
        String fn = mig ? MIG_FUNCTION : "nvmlGpmSampleGet";
        int rc = mig ? nvml_h.nvmlGpmMigSampleGet(device, gpuInstanceId, current)
                : nvml_h.nvmlGpmSampleGet(device, current);
        boolean ok;
        try {
            ok = Calls.supported(fn, rc);
        } catch (NvmlException e) {
            havePrevious = false;
            throw e;
        }
        if (!ok) {
            havePrevious = false;
            return Optional.empty();
        }
        MemorySegment previous = samples[1 - next];
        boolean compare = havePrevious;
        next = 1 - next;
        havePrevious = true;
        if (!compare) {
            return Optional.empty();
        }
        nvmlGpmMetricsGet_t.sample1(request, previous);
        nvmlGpmMetricsGet_t.sample2(request, current);
        for (int i = 0; i < METRICS.length; i++) {
            MemorySegment m = nvmlGpmMetricsGet_t.metrics(request, i);
            nvmlGpmMetric_t.metricId(m, METRICS[i].id);
            nvmlGpmMetric_t.nvmlReturn(m, nvml_h.NVML_ERROR_UNKNOWN());
        }
        Calls.check("nvmlGpmMetricsGet", nvml_h.nvmlGpmMetricsGet(request));
        Map<GpmMetric, Double> values = new EnumMap<>(GpmMetric.class);
        for (int i = 0; i < METRICS.length; i++) {
            MemorySegment m = nvmlGpmMetricsGet_t.metrics(request, i);
            if (nvmlGpmMetric_t.nvmlReturn(m) == nvml_h.NVML_SUCCESS()) {
                values.put(METRICS[i], nvmlGpmMetric_t.value(m));
            }
        }
        return Optional.of(java.util.Collections.unmodifiableMap(values));
    }

    /** Frees both sample buffers (errors ignored: NVML may already be shut down). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MemorySegment s : samples) {
            if (s != null && !s.equals(MemorySegment.NULL)) {
                nvml_h.nvmlGpmSampleFree(s);
            }
        }
        arena.close();
    }

    @Override
    public String toString() {
        return "GPM sampler of " + what;
    }
}
