package io.gpuagent.catalog;

import static io.gpuagent.catalog.Read.call;
import static io.gpuagent.catalog.Read.flag;
import static io.gpuagent.catalog.Read.optional;
import static io.gpuagent.catalog.Read.part;
import static io.gpuagent.catalog.Read.perIndex;
import static io.gpuagent.catalog.Scale.AS_IS;
import static io.gpuagent.catalog.Scale.MILLI;
import static io.gpuagent.catalog.Scale.PERCENT_TO_RATIO;

import io.gpuagent.nvml.ClockType;
import io.gpuagent.nvml.GpmMetric;
import io.gpuagent.nvml.GpuDevice;
import io.gpuagent.nvml.NvLinkError;
import io.gpuagent.nvml.PerfPolicy;
import java.util.OptionalLong;

/**
 * Every device field the agent reads, one row each: how it is read (in NVML's unit), how native naming
 * shows it and how dcgm naming does (null where a naming has no such series). The NVML reader iterates
 * these rows and both namings render them; a new field is its binding plus one row here.
 */
public enum DeviceField {

    UTILIZATION_GPU(part(SharedRead.UTILIZATION, u -> OptionalLong.of(u.gpuPercent())),
            Native.gauge("gpu_utilization_ratio", "Fraction of the last sample period in which a kernel ran on the GPU.",
                    "ratio", PERCENT_TO_RATIO),
            Dcgm.gauge("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).")),
    UTILIZATION_MEMORY(part(SharedRead.UTILIZATION, u -> OptionalLong.of(u.memoryPercent())),
            Native.gauge("gpu_memory_utilization_ratio",
                    "Fraction of the last sample period in which device memory was read or written.", "ratio", PERCENT_TO_RATIO),
            Dcgm.gauge("DCGM_FI_DEV_MEM_COPY_UTIL", "Memory utilization (in %).")),
    MEMORY_TOTAL(part(SharedRead.MEMORY, m -> OptionalLong.of(m.total())),
            Native.gauge("gpu_memory_total_bytes", "Total framebuffer memory.", "bytes", AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_FB_TOTAL", "Total framebuffer memory (in MiB).").scaled(F.MIB)),
    MEMORY_USED(part(SharedRead.MEMORY, m -> OptionalLong.of(m.used())),
            Native.gauge("gpu_memory_used_bytes", "Framebuffer memory allocated (excluding reserved where the driver"
                    + " reports it).", "bytes", AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).").scaled(F.MIB)),
    MEMORY_FREE(part(SharedRead.MEMORY, m -> OptionalLong.of(m.free())),
            Native.gauge("gpu_memory_free_bytes", "Framebuffer memory not allocated.", "bytes", AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).").scaled(F.MIB)),
    /** v2 query only */
    MEMORY_RESERVED(part(SharedRead.MEMORY, m -> m.reserved()),
            Native.gauge("gpu_memory_reserved_bytes", "Framebuffer memory reserved by the driver and firmware.", "bytes", AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_FB_RESERVED", "Framebuffer memory reserved (in MiB).").scaled(F.MIB)),
    TEMPERATURE(call("temperature", GpuDevice::temperature),
            Native.gauge("gpu_temperature_celsius", "GPU core temperature.", "celsius", AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).")),
    MEMORY_TEMPERATURE(optional("memory temperature", GpuDevice::memoryTemperature),
            Native.gauge("gpu_memory_temperature_celsius", "Device memory (HBM) temperature.", "celsius", AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_MEMORY_TEMP", "Memory temperature (in C).")),
    POWER_USAGE(call("power", GpuDevice::powerUsage),
            Native.gauge("gpu_power_watts", "Power draw of the GPU board.", "watts", MILLI),
            Dcgm.gauge("DCGM_FI_DEV_POWER_USAGE", "Power draw (in W).").scaled(MILLI)),
    POWER_LIMIT(call("power limit", GpuDevice::enforcedPowerLimit),
            Native.gauge("gpu_power_limit_watts", "Enforced power limit.", "watts", MILLI),
            Dcgm.gauge("DCGM_FI_DEV_POWER_MGMT_LIMIT", "Power management limit (in W).").scaled(MILLI)),
    /** millijoules since the driver loaded */
    ENERGY(call("energy", GpuDevice::totalEnergyConsumption),
            Native.counter("gpu_energy_joules", "Energy consumed since the driver was loaded.", "joules", MILLI),
            Dcgm.counter("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "Total energy consumption since boot (in mJ).")),
    CLOCK_SM(call("SM clock", d -> d.clock(ClockType.SM)), F.CLOCK.part("sm", F.MHZ),
            Dcgm.gauge("DCGM_FI_DEV_SM_CLOCK", "SM clock frequency (in MHz).")),
    CLOCK_MEMORY(call("memory clock", d -> d.clock(ClockType.MEMORY)), F.CLOCK.part("memory", F.MHZ),
            Dcgm.gauge("DCGM_FI_DEV_MEM_CLOCK", "Memory clock frequency (in MHz).")),
    PERFORMANCE_STATE(call("performance state", GpuDevice::performanceState),
            Native.gauge("gpu_performance_state", "Performance state (P-state) number, 0 is the highest.", null, AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_PSTATE", "Performance state (P-State) 0-15. 0=highest.")),
    /** a mask of {@link io.gpuagent.nvml.ClockEventReason} bits */
    CLOCK_EVENT_REASONS(call("clock event reasons", GpuDevice::clocksEventReasons),
            Native.reasonBits("gpu_clock_event_active",
                    "1 while the reason holds the GPU's clocks down (clock event / throttle reasons).", "reason"),
            Dcgm.gauge("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", "Throttle reasons bitmask.")),
    ENCODER_UTILIZATION(call("encoder utilization", GpuDevice::encoderUtilization),
            Native.gauge("gpu_encoder_utilization_ratio", "Video encoder utilization.", "ratio", PERCENT_TO_RATIO),
            Dcgm.gauge("DCGM_FI_DEV_ENC_UTIL", "Encoder utilization (in %).")),
    DECODER_UTILIZATION(call("decoder utilization", GpuDevice::decoderUtilization),
            Native.gauge("gpu_decoder_utilization_ratio", "Video decoder utilization.", "ratio", PERCENT_TO_RATIO),
            Dcgm.gauge("DCGM_FI_DEV_DEC_UTIL", "Decoder utilization (in %).")),
    PCIE_TX(call("PCIe TX", d -> d.pcieThroughput(true)), F.PCIE.part("tx", F.KIB), null),
    PCIE_RX(call("PCIe RX", d -> d.pcieThroughput(false)), F.PCIE.part("rx", F.KIB), null),
    PCIE_REPLAYS(call("PCIe replays", GpuDevice::pcieReplayCounter),
            Native.counter("gpu_pcie_replay_errors", "PCIe replays (link-level retransmissions).", null, AS_IS),
            Dcgm.counter("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "Total number of PCIe retries.")),
    PCIE_LINK_GENERATION(call("PCIe link generation", GpuDevice::pcieLinkGeneration),
            Native.gauge("gpu_pcie_link_generation", "PCIe generation the link runs at now (drops at idle).", null,
                    AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_PCIE_LINK_GEN", "PCIe current link generation.")),
    PCIE_LINK_MAX_GENERATION(call("PCIe maximum link generation", GpuDevice::pcieLinkMaxGeneration),
            Native.gauge("gpu_pcie_link_max_generation", "Highest PCIe generation the GPU and its slot support.", null,
                    AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_PCIE_MAX_LINK_GEN", "PCIe max link generation.")),
    PCIE_LINK_WIDTH(call("PCIe link width", GpuDevice::pcieLinkWidth),
            Native.gauge("gpu_pcie_link_width", "PCIe lanes the link runs with now.", null, AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_PCIE_LINK_WIDTH", "PCIe current link width.")),
    PCIE_LINK_MAX_WIDTH(call("PCIe maximum link width", GpuDevice::pcieLinkMaxWidth),
            Native.gauge("gpu_pcie_link_max_width", "Widest PCIe link the GPU and its slot support, in lanes.", null,
                    AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_PCIE_MAX_LINK_WIDTH", "PCIe max link width.")),
    ECC_CORRECTED(call("corrected ECC", d -> d.eccErrorsAggregate(true)), F.ECC.part("corrected", AS_IS),
            Dcgm.counter("DCGM_FI_DEV_ECC_SBE_AGG_TOTAL", "Total single-bit persistent ECC errors.")),
    ECC_UNCORRECTED(call("uncorrected ECC", d -> d.eccErrorsAggregate(false)), F.ECC.part("uncorrected", AS_IS),
            Dcgm.counter("DCGM_FI_DEV_ECC_DBE_AGG_TOTAL", "Total double-bit persistent ECC errors.")),
    MIG_MODE(part(SharedRead.MIG_MODE, m -> OptionalLong.of(m.current() ? 1 : 0)),
            Native.gauge("gpu_mig_mode_enabled", "1 when MIG mode is enabled.", null, AS_IS), null),
    REMAPPED_ROWS_CORRECTABLE(part(SharedRead.REMAPPED_ROWS, r -> OptionalLong.of(r.correctable())),
            F.REMAPPED.part("correctable", AS_IS),
            Dcgm.counter("DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", "Number of remapped rows for correctable errors.")),
    REMAPPED_ROWS_UNCORRECTABLE(part(SharedRead.REMAPPED_ROWS, r -> OptionalLong.of(r.uncorrectable())),
            F.REMAPPED.part("uncorrectable", AS_IS),
            Dcgm.counter("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", "Number of remapped rows for uncorrectable errors.")),
    REMAPPED_ROWS_PENDING(part(SharedRead.REMAPPED_ROWS, r -> OptionalLong.of(r.pending() ? 1 : 0)),
            Native.gauge("gpu_remapped_rows_pending", "1 while a row remapping waits for the next GPU reset.", null, AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_ROW_REMAP_PENDING", "Whether row remapping is pending (1) or not (0).")),
    REMAPPED_ROWS_FAILURE(part(SharedRead.REMAPPED_ROWS, r -> OptionalLong.of(r.failureOccurred() ? 1 : 0)),
            Native.gauge("gpu_remapped_rows_failure", "1 once a row remapping has failed (the GPU needs service).", null,
                    AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_ROW_REMAP_FAILURE", "Whether remapping of rows has failed (1) or not (0).")),
    /** nanoseconds a limiter held the clocks down since the driver loaded, one row per limiter */
    VIOLATION_POWER(violation(PerfPolicy.POWER), F.VIOLATION.part("power", F.NANOS),
            F.violation("DCGM_FI_DEV_POWER_VIOLATION", "power constraints")),
    VIOLATION_THERMAL(violation(PerfPolicy.THERMAL), F.VIOLATION.part("thermal", F.NANOS),
            F.violation("DCGM_FI_DEV_THERMAL_VIOLATION", "thermal constraints")),
    VIOLATION_SYNC_BOOST(violation(PerfPolicy.SYNC_BOOST), F.VIOLATION.part("sync_boost", F.NANOS),
            F.violation("DCGM_FI_DEV_SYNC_BOOST_VIOLATION", "sync-boost constraints")),
    VIOLATION_BOARD_LIMIT(violation(PerfPolicy.BOARD_LIMIT), F.VIOLATION.part("board_limit", F.NANOS),
            F.violation("DCGM_FI_DEV_BOARD_LIMIT_VIOLATION", "board limit constraints")),
    VIOLATION_LOW_UTILIZATION(violation(PerfPolicy.LOW_UTILIZATION), F.VIOLATION.part("low_utilization", F.NANOS),
            F.violation("DCGM_FI_DEV_LOW_UTIL_VIOLATION", "low utilization")),
    VIOLATION_RELIABILITY(violation(PerfPolicy.RELIABILITY), F.VIOLATION.part("reliability", F.NANOS),
            F.violation("DCGM_FI_DEV_RELIABILITY_VIOLATION", "reliability constraints")),
    /** before Ampere */
    RETIRED_PAGES_SINGLE_BIT(optional("retired pages (single-bit)", d -> d.retiredPages(false)),
            F.RETIRED.part("single_bit", AS_IS),
            Dcgm.counter("DCGM_FI_DEV_RETIRED_SBE", "Total number of retired pages due to single-bit errors.")),
    RETIRED_PAGES_DOUBLE_BIT(optional("retired pages (double-bit)", d -> d.retiredPages(true)),
            F.RETIRED.part("double_bit", AS_IS),
            Dcgm.counter("DCGM_FI_DEV_RETIRED_DBE", "Total number of retired pages due to double-bit errors.")),
    RETIRED_PAGES_PENDING(optional("retired pages pending", d -> flag(d.retiredPagesPending())),
            Native.gauge("gpu_retired_pages_pending", "1 while pages wait to be retired at the next driver reload.", null,
                    AS_IS),
            Dcgm.gauge("DCGM_FI_DEV_RETIRED_PENDING", "Whether pages are pending retirement (1) or not (0).")),
    /** percent of the fan's maximum, may exceed 100 */
    FAN_SPEED(perIndex(Dimension.FAN, "fan %d speed", GpuDevice::fanSpeed),
            Native.gauge("gpu_fan_speed_ratio", "Intended fan speed, fraction of the fan's maximum (may exceed 1);"
                    + " boards with fans of their own only.", "ratio", PERCENT_TO_RATIO),
            Dcgm.gauge("DCGM_FI_DEV_FAN_SPEED", "Fan speed (in 0-100%) of the first fan.").first()),
    /** per active link, since the counters were last reset; one row per counter */
    NVLINK_CRC_FLIT(nvlink(NvLinkError.CRC_FLIT), F.NVLINK.part("crc_flit", AS_IS),
            Dcgm.counter("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL", "Total number of NVLink flow-control CRC errors.")
                    .sum()),
    NVLINK_CRC_DATA(nvlink(NvLinkError.CRC_DATA), F.NVLINK.part("crc_data", AS_IS),
            Dcgm.counter("DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL", "Total number of NVLink data CRC errors.").sum()),
    NVLINK_REPLAY(nvlink(NvLinkError.REPLAY), F.NVLINK.part("replay", AS_IS),
            Dcgm.counter("DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL", "Total number of NVLink retries.").sum()),
    NVLINK_RECOVERY(nvlink(NvLinkError.RECOVERY), F.NVLINK.part("recovery", AS_IS),
            Dcgm.counter("DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL", "Total number of NVLink recovery errors.").sum()),
    /** the XID of the driver's latest XID event on this GPU since the agent started watching */
    LAST_XID(new Read.Session("last XID"), null,
            Dcgm.gauge("DCGM_FI_DEV_XID_ERRORS", "Value of the last XID error encountered.").orZeroWhileUp()),
    /** GPM (Hopper and newer), over the last collection interval: percent or MiB/s */
    GPM_GRAPHICS_ACTIVITY(new Read.Gpm(GpmMetric.GRAPHICS_ACTIVITY), F.gpmRatio("gpu_graphics_active_ratio",
            "Fraction of the last collection interval in which a graphics or compute engine was active (GPM)."),
            F.prof("DCGM_FI_PROF_GR_ENGINE_ACTIVE", "Ratio of time the graphics engine is active.", F.PERCENT)),
    GPM_SM_ACTIVITY(new Read.Gpm(GpmMetric.SM_ACTIVITY), F.gpmRatio("gpu_sm_active_ratio",
            "Fraction of SMs busy, averaged over the last collection interval (GPM)."),
            F.prof("DCGM_FI_PROF_SM_ACTIVE", "Ratio of cycles an SM has at least one warp assigned.", F.PERCENT)),
    GPM_SM_OCCUPANCY(new Read.Gpm(GpmMetric.SM_OCCUPANCY), F.gpmRatio("gpu_sm_occupancy_ratio",
            "Resident warps as a fraction of the SMs' maximum, averaged over the last collection interval (GPM)."),
            F.prof("DCGM_FI_PROF_SM_OCCUPANCY", "Ratio of warps resident on an SM to the maximum.", F.PERCENT)),
    GPM_TENSOR_ACTIVITY(new Read.Gpm(GpmMetric.TENSOR_ACTIVITY), F.gpmRatio("gpu_tensor_active_ratio",
            "Fraction of the last collection interval in which the SMs ran tensor (any precision) operations (GPM)."),
            F.prof("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "Ratio of cycles the tensor pipes are active.", F.PERCENT)),
    GPM_DRAM_ACTIVITY(new Read.Gpm(GpmMetric.DRAM_ACTIVITY), F.gpmRatio("gpu_dram_active_ratio",
            "DRAM bandwidth used as a fraction of the maximum, averaged over the last collection interval (GPM)."),
            F.prof("DCGM_FI_PROF_DRAM_ACTIVE", "Ratio of cycles the device memory interface is active.", F.PERCENT)),
    GPM_PCIE_TX(new Read.Gpm(GpmMetric.PCIE_TX), F.GPM_PCIE.part("tx", F.MIB_PER_SECOND),
            F.prof("DCGM_FI_PROF_PCIE_TX_BYTES", "PCIe bytes transmitted per second (headers and payload).",
                    F.MIB_PER_SECOND)),
    GPM_PCIE_RX(new Read.Gpm(GpmMetric.PCIE_RX), F.GPM_PCIE.part("rx", F.MIB_PER_SECOND),
            F.prof("DCGM_FI_PROF_PCIE_RX_BYTES", "PCIe bytes received per second (headers and payload).",
                    F.MIB_PER_SECOND)),
    GPM_NVLINK_TX(new Read.Gpm(GpmMetric.NVLINK_TX), F.GPM_NVLINK.part("tx", F.MIB_PER_SECOND),
            F.prof("DCGM_FI_PROF_NVLINK_TX_BYTES", "NVLink bytes transmitted per second.", F.MIB_PER_SECOND)),
    GPM_NVLINK_RX(new Read.Gpm(GpmMetric.NVLINK_RX), F.GPM_NVLINK.part("rx", F.MIB_PER_SECOND),
            F.prof("DCGM_FI_PROF_NVLINK_RX_BYTES", "NVLink bytes received per second.", F.MIB_PER_SECOND));

    private static final DeviceField[] BY_GPM = new DeviceField[GpmMetric.values().length];

    static {
        for (DeviceField f : values()) {
            if (f.read instanceof Read.Gpm g) {
                BY_GPM[g.metric().ordinal()] = f;
            }
        }
    }

    private final Read read;
    private final Native nat;
    private final Dcgm dcgm;

    DeviceField(Read read, Native nat, Dcgm dcgm) {
        this.read = read;
        this.nat = nat;
        this.dcgm = dcgm;
    }

    public Read read() {
        return read;
    }

    /** How native naming shows it; null for none. */
    public Native nativeNaming() {
        return nat;
    }

    /** How dcgm naming shows it; null for none. */
    public Dcgm dcgm() {
        return dcgm;
    }

    /** Whether MIG instances have it too. */
    public boolean mig() {
        return read.mig();
    }

    /** The index it is read along, {@link Dimension#NONE} for one value per device. */
    public Dimension dimension() {
        return read instanceof Read.PerIndex p ? p.dimension() : Dimension.NONE;
    }

    /** Whether its raw value is fractional (GPM) rather than an integer. */
    public boolean fractional() {
        return read instanceof Read.Gpm;
    }

    /** The row of a GPM metric. */
    public static DeviceField of(GpmMetric metric) {
        return BY_GPM[metric.ordinal()];
    }

    private static Read violation(PerfPolicy p) {
        return optional("violation time (" + p.name().toLowerCase(java.util.Locale.ROOT) + ")", d -> d.violationTime(p));
    }

    private static Read nvlink(NvLinkError e) {
        return perIndex(Dimension.NVLINK, "NVLink %d " + e.name().toLowerCase(java.util.Locale.ROOT) + " errors",
                (d, link) -> d.nvLinkErrors(link, e));
    }

    /** What several rows share: native families (each row one value of the label), conversions, dcgm wording. */
    private static final class F {
        static final Scale MHZ = Scale.multiply(1e6);
        /** NVML's PCIe throughput is in KB/s (KiB, as nvidia-smi shows it) */
        static final Scale KIB = Scale.multiply(1024);
        static final Scale NANOS = Scale.divide(1e9);
        /** dcgm-exporter's whole MiB */
        static final Scale MIB = Scale.wholeDivide(1024 * 1024);
        static final Scale PERCENT = Scale.multiply(0.01);
        static final Scale MIB_PER_SECOND = Scale.multiply(1024 * 1024);

        static final NativeFamily CLOCK = NativeFamily.gauge("gpu_clock_hertz", "Current clock frequency.", "hertz")
                .by("clock");
        static final NativeFamily PCIE = NativeFamily.gauge("gpu_pcie_throughput_bytes_per_second",
                "PCIe throughput over NVML's 20 ms sample.", "bytes_per_second").by("direction");
        static final NativeFamily ECC = NativeFamily.counter("gpu_ecc_errors",
                "ECC errors over the GPU's life (aggregate counters).", null).by("type");
        static final NativeFamily REMAPPED = NativeFamily.gauge("gpu_remapped_rows", "Device memory rows remapped so far,"
                + " by the kind of error that caused it (Ampere and newer).", null).by("type");
        static final NativeFamily RETIRED = NativeFamily.gauge("gpu_retired_pages", "Device memory pages retired (or"
                + " pending retirement) over the GPU's life, by cause (before Ampere).", null).by("cause");
        static final NativeFamily VIOLATION = NativeFamily.counter("gpu_clock_event_seconds", "Time a limiter held the GPU"
                + " below its application clocks since the driver loaded (NVML violation time), by limiter.", "seconds")
                .by("reason");
        static final NativeFamily NVLINK = NativeFamily.counter("gpu_nvlink_errors", "NVLink data-link errors per link"
                + " since the counters were last reset: CRC errors of received flow-control digits and data, transmit"
                + " replays and recoveries.", null).by("type");
        static final NativeFamily GPM_PCIE = NativeFamily.gauge("gpu_gpm_pcie_bytes_per_second",
                "PCIe traffic averaged over the last collection interval (GPM; tx = from the GPU).", "bytes_per_second")
                .by("direction");
        static final NativeFamily GPM_NVLINK = NativeFamily.gauge("gpu_nvlink_bytes_per_second", "NVLink traffic over all"
                + " links averaged over the last collection interval (GPM; tx = written by the GPU).", "bytes_per_second")
                .by("direction");

        static Dcgm violation(String name, String cause) {
            return Dcgm.counter(name, "Throttling duration due to " + cause + " (in us).").scaled(Scale.wholeDivide(1000));
        }

        static Native gpmRatio(String name, String help) {
            return Native.gauge(name, help, "ratio", PERCENT);
        }

        static Dcgm prof(String name, String help, Scale scale) {
            return Dcgm.gauge(name, help).scaled(scale);
        }
    }
}
