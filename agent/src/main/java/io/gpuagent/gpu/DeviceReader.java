package io.gpuagent.gpu;

import io.gpuagent.problem.ProblemLog;
import io.gpuagent.nvml.ClockType;
import io.gpuagent.nvml.GpuDevice;
import io.gpuagent.nvml.MemoryInfo;
import io.gpuagent.nvml.NvLinkError;
import io.gpuagent.nvml.NvmlException;
import io.gpuagent.nvml.PerfPolicy;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Reads one device's fields. A field that fails for any reason but a lost GPU costs that field only
 * (logged once, counted); a lost GPU ends the read with the exception, for the caller to mark it down.
 */
final class DeviceReader {

    private static final System.Logger LOG = System.getLogger("io.gpuagent.gpu");
    private static final int MAX_UNAVAILABLE = 4096;

    /** The violation (throttle) time counters and their fields. */
    private static final Map<PerfPolicy, GpuField> VIOLATIONS = new EnumMap<>(Map.of(
            PerfPolicy.POWER, GpuField.VIOLATION_POWER,
            PerfPolicy.THERMAL, GpuField.VIOLATION_THERMAL,
            PerfPolicy.SYNC_BOOST, GpuField.VIOLATION_SYNC_BOOST,
            PerfPolicy.BOARD_LIMIT, GpuField.VIOLATION_BOARD_LIMIT,
            PerfPolicy.LOW_UTILIZATION, GpuField.VIOLATION_LOW_UTILIZATION,
            PerfPolicy.RELIABILITY, GpuField.VIOLATION_RELIABILITY));
    private static final Map<PerfPolicy, String> VIOLATION_WHAT = new EnumMap<>(PerfPolicy.class);

    static {
        for (PerfPolicy p : PerfPolicy.values()) {
            VIOLATION_WHAT.put(p, "violation time (" + p.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    /** What each NVLink counter is called in the log, by link and counter. */
    private static final String[][] NVLINK_WHAT = new String[GpuDevice.maxNvLinks()][NvLinkError.values().length];

    static {
        for (int l = 0; l < NVLINK_WHAT.length; l++) {
            for (NvLinkError e : NvLinkError.values()) {
                NVLINK_WHAT[l][e.ordinal()] = "NVLink " + l + " " + e.name().toLowerCase(java.util.Locale.ROOT)
                        + " errors";
            }
        }
    }

    /** Fan speed fields, by fan index: the first four fans are read. */
    private static final GpuField[] FANS = {GpuField.FAN_SPEED_0, GpuField.FAN_SPEED_1, GpuField.FAN_SPEED_2,
            GpuField.FAN_SPEED_3};
    private static final String[] FAN_WHAT = {"fan 0 speed", "fan 1 speed", "fan 2 speed", "fan 3 speed"};

    private final ProblemLog problems;
    /** Active NVLinks per device, asked once per NVML session; none on a GPU without NVLink. */
    private final Map<String, int[]> nvLinks = new java.util.HashMap<>();
    /** Fans per device, asked once per NVML session (a board's fans do not change); 0 without fans. */
    private final Map<String, Integer> fanCounts = new java.util.HashMap<>();
    private final InFlight inFlight;
    /** Fields found unavailable, each logged once: they do not come back while the driver is loaded. */
    private final java.util.Set<String> unavailable = new java.util.HashSet<>();
    /**
     * Optional features (remapped rows, ...) a device answered NOT_SUPPORTED for in this NVML session: not
     * asked again every collection, only after NVML is initialised anew ({@link #newSession}).
     */
    private final java.util.Set<String> unsupported = new java.util.HashSet<>();
    private long errors;

    DeviceReader(ProblemLog problems, InFlight inFlight) {
        this.problems = problems;
        this.inFlight = inFlight;
    }

    /** A new NVML session: the optional features are asked again. */
    void newSession() {
        unsupported.clear();
        fanCounts.clear();
        nvLinks.clear();
    }

    /** Field failures since the last call. */
    long takeErrors() {
        long e = errors;
        errors = 0;
        return e;
    }

    Map<GpuField, Long> readGpu(GpuDevice d) {
        Map<GpuField, Long> v = new EnumMap<>(GpuField.class);
        field(d, "utilization", d::utilization).ifPresent(u -> {
            v.put(GpuField.UTILIZATION_GPU, (long) u.gpuPercent());
            v.put(GpuField.UTILIZATION_MEMORY, (long) u.memoryPercent());
        });
        field(d, "memory", d::memory).ifPresent(m -> putMemory(v, m));
        put(v, GpuField.TEMPERATURE, d, "temperature", d::temperature);
        put(v, GpuField.POWER_USAGE, d, "power", d::powerUsage);
        put(v, GpuField.POWER_LIMIT, d, "power limit", d::enforcedPowerLimit);
        put(v, GpuField.ENERGY, d, "energy", d::totalEnergyConsumption);
        put(v, GpuField.CLOCK_SM, d, "SM clock", () -> d.clock(ClockType.SM));
        put(v, GpuField.CLOCK_MEMORY, d, "memory clock", () -> d.clock(ClockType.MEMORY));
        put(v, GpuField.PERFORMANCE_STATE, d, "performance state", d::performanceState);
        put(v, GpuField.CLOCK_EVENT_REASONS, d, "clock event reasons", d::clocksEventReasons);
        put(v, GpuField.ENCODER_UTILIZATION, d, "encoder utilization", d::encoderUtilization);
        put(v, GpuField.DECODER_UTILIZATION, d, "decoder utilization", d::decoderUtilization);
        put(v, GpuField.PCIE_TX, d, "PCIe TX", () -> d.pcieThroughput(true));
        put(v, GpuField.PCIE_RX, d, "PCIe RX", () -> d.pcieThroughput(false));
        put(v, GpuField.PCIE_REPLAYS, d, "PCIe replays", d::pcieReplayCounter);
        put(v, GpuField.ECC_CORRECTED, d, "corrected ECC", () -> d.eccErrorsAggregate(true));
        put(v, GpuField.ECC_UNCORRECTED, d, "uncorrected ECC", () -> d.eccErrorsAggregate(false));
        field(d, "MIG mode", d::migMode).ifPresent(m -> v.put(GpuField.MIG_MODE, m.current() ? 1L : 0L));
        optional(d, "remapped rows", d::remappedRows).ifPresent(r -> {
            v.put(GpuField.REMAPPED_ROWS_CORRECTABLE, r.correctable());
            v.put(GpuField.REMAPPED_ROWS_UNCORRECTABLE, r.uncorrectable());
            v.put(GpuField.REMAPPED_ROWS_PENDING, r.pending() ? 1L : 0L);
            v.put(GpuField.REMAPPED_ROWS_FAILURE, r.failureOccurred() ? 1L : 0L);
        });
        for (Map.Entry<PerfPolicy, GpuField> p : VIOLATIONS.entrySet()) {
            optional(d, VIOLATION_WHAT.get(p.getKey()), () -> boxed(d.violationTime(p.getKey())))
                    .ifPresent(ns -> v.put(p.getValue(), ns));
        }
        optional(d, "retired pages (single-bit)", () -> boxed(d.retiredPages(false)))
                .ifPresent(n -> v.put(GpuField.RETIRED_PAGES_SINGLE_BIT, n));
        optional(d, "retired pages (double-bit)", () -> boxed(d.retiredPages(true)))
                .ifPresent(n -> v.put(GpuField.RETIRED_PAGES_DOUBLE_BIT, n));
        optional(d, "retired pages pending", d::retiredPagesPending)
                .ifPresent(p -> v.put(GpuField.RETIRED_PAGES_PENDING, p ? 1L : 0L));
        optional(d, "memory temperature", () -> boxed(d.memoryTemperature()))
                .ifPresent(t -> v.put(GpuField.MEMORY_TEMPERATURE, t));
        int fans = fans(d);
        for (int i = 0; i < fans; i++) {
            int fan = i;
            optional(d, FAN_WHAT[i], () -> boxed(d.fanSpeed(fan))).ifPresent(pct -> v.put(FANS[fan], pct));
        }
        return v;
    }

    /**
     * The data-link error counters of each NVLink active when the session began (asked once per session,
     * so a GPU without NVLink costs one call per session); a counter a link answers NOT_SUPPORTED for is
     * dropped for that link.
     */
    Map<Integer, Map<NvLinkError, Long>> readNvLinks(GpuDevice d) {
        int[] links = nvLinks(d);
        if (links.length == 0) {
            return Map.of();
        }
        Map<Integer, Map<NvLinkError, Long>> out = new java.util.TreeMap<>();
        for (int link : links) {
            Map<NvLinkError, Long> counters = new EnumMap<>(NvLinkError.class);
            for (NvLinkError e : NvLinkError.values()) {
                optional(d, NVLINK_WHAT[link][e.ordinal()], () -> boxed(d.nvLinkErrors(link, e)))
                        .ifPresent(x -> counters.put(e, x));
            }
            if (!counters.isEmpty()) {
                out.put(link, counters);
            }
        }
        return out;
    }

    private int[] nvLinks(GpuDevice d) {
        String key = d.toString();
        int[] known = nvLinks.get(key);
        if (known != null) {
            return known;
        }
        java.util.List<Integer> active = new java.util.ArrayList<>();
        boolean failed = false;
        inFlight.at(key + "/NVLink state");
        for (int link = 0; link < GpuDevice.maxNvLinks(); link++) {
            try {
                Optional<Boolean> a = d.nvLinkActive(link);
                if (a.isEmpty()) {
                    break; // no NVLink, or no link with this number and none after it
                }
                if (a.get()) {
                    active.add(link);
                }
            } catch (NvmlException e) {
                if (e.status().isDeviceGone()) {
                    throw e;
                }
                errors++;
                problems.report(key + "/NVLink state", d + ": reading NVLink state failed: " + e.getMessage());
                failed = true;
                break;
            }
        }
        int[] links = active.stream().mapToInt(Integer::intValue).toArray();
        if (!failed) {
            problems.clear(key + "/NVLink state");
            if (nvLinks.size() < MAX_UNAVAILABLE) {
                nvLinks.put(key, links);
            }
            if (links.length == 0 && unavailable.size() < MAX_UNAVAILABLE && unavailable.add(key + "/NVLink")) {
                LOG.log(System.Logger.Level.INFO, d + ": no active NVLink: the NVLink error series are left out");
            }
        }
        return links;
    }

    Map<GpuField, Long> readMig(GpuDevice mig, String migUuid) {
        Map<GpuField, Long> v = new EnumMap<>(GpuField.class);
        field(mig, "memory of " + migUuid, mig::memory).ifPresent(m -> putMemory(v, m));
        return v;
    }

    private static void putMemory(Map<GpuField, Long> v, MemoryInfo m) {
        v.put(GpuField.MEMORY_TOTAL, m.total());
        v.put(GpuField.MEMORY_USED, m.used());
        v.put(GpuField.MEMORY_FREE, m.free());
        m.reserved().ifPresent(r -> v.put(GpuField.MEMORY_RESERVED, r));
    }

    /** The device's fans to read (at most four), asked once per session; 0 on a passively cooled board. */
    private int fans(GpuDevice d) {
        String key = d.toString();
        Integer known = fanCounts.get(key);
        if (known != null) {
            return known;
        }
        long errorsBefore = errors;
        Optional<Long> n = field(d, "fans", () -> boxed(d.fanCount()));
        int count = (int) Math.min(n.orElse(0L), FANS.length);
        if (errors == errorsBefore && fanCounts.size() < MAX_UNAVAILABLE) {
            fanCounts.put(key, count); // a failure other than NOT_SUPPORTED asks again next time
        }
        return count;
    }

    private static Optional<Long> boxed(OptionalLong x) {
        return x.isPresent() ? Optional.of(x.getAsLong()) : Optional.empty();
    }

    private void put(Map<GpuField, Long> v, GpuField f, GpuDevice d, String what, Supplier<OptionalLong> read) {
        field(d, what, () -> {
            OptionalLong x = read.get();
            return x.isPresent() ? Optional.of(x.getAsLong()) : Optional.<Long>empty();
        }).ifPresent(x -> v.put(f, x));
    }

    /**
     * Like {@link #field}, for a feature many GPUs lack: once the device answered NOT_SUPPORTED (or the
     * driver lacks the function) it is not asked again in this session, so a node of GPUs without the
     * feature pays for it at the first collection only.
     */
    private <T> Optional<T> optional(GpuDevice d, String what, Supplier<Optional<T>> read) {
        String key = d + "/" + what;
        if (unsupported.contains(key)) {
            return Optional.empty();
        }
        long errorsBefore = errors; // field() counts a failure (not NOT_SUPPORTED) as an error
        Optional<T> value = field(d, what, read);
        if (value.isEmpty() && errors == errorsBefore && unsupported.size() < MAX_UNAVAILABLE) {
            unsupported.add(key);
        }
        return value;
    }

    private <T> Optional<T> field(GpuDevice d, String what, Supplier<Optional<T>> read) {
        String key = d + "/" + what;
        inFlight.at(key);
        try {
            Optional<T> value = read.get();
            problems.clear(key);
            if (value.isEmpty() && unavailable.size() < MAX_UNAVAILABLE && unavailable.add(key)) {
                LOG.log(System.Logger.Level.INFO, d + ": " + what + " is not available (NOT_SUPPORTED, or a driver"
                        + " without the function): its series is left out");
            }
            return value;
        } catch (NvmlException e) {
            if (e.status().isDeviceGone()) {
                throw e;
            }
            errors++;
            problems.report(key, d + ": reading " + what + " failed: " + e.getMessage());
            return Optional.empty();
        }
    }
}
