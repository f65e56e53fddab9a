package io.gpuagent.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gpuagent.nvml.sim.SimulatedNvml;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The safe layer against the simulator's test-node scenario: exact values through the real FFM path. */
class SimulatedNodeTest {

    static Nvml nvml;

    @BeforeAll
    static void open() {
        String lib = SimulatedNvml.extractLibrary(SimulatedNvml.LIBRARY).toString();
        Nvml.bind(lib);
        SimulatedNvml.setScenario(SimulatedNvml.resolveScenario("test-node"));
        nvml = Nvml.open(lib);
    }

    @AfterAll
    static void close() {
        nvml.close();
    }

    @Test
    void systemAndIdentity() {
        assertThat(nvml.driverVersion()).isEqualTo("535.261.03");
        assertThat(nvml.cudaDriverVersion()).hasValue(12020);
        assertThat(Nvml.formatCudaVersion(12020)).isEqualTo("12.2");
        assertThat(nvml.deviceCount()).isEqualTo(3);
        GpuDevice g0 = nvml.device(0);
        assertThat(g0.uuid()).isEqualTo("GPU-11111111-1111-1111-1111-111111111111");
        assertThat(g0.name()).isEqualTo("NVIDIA A100-SXM4-40GB");
        assertThat(g0.minorNumber()).hasValue(0);
        PciInfo pci = g0.pciInfo();
        assertThat(pci.busId()).isEqualTo("00000000:07:00.0");
        assertThat(pci.bus()).isEqualTo(7);
        assertThat(pci.pciDeviceId()).isEqualTo(0x20B010DEL);
        assertThat(pci.subsystemId()).isEqualTo(0x134F10DEL);
    }

    @Test
    void everyDeviceValueOfAFullGpu() {
        GpuDevice g0 = nvml.device(0);
        assertThat(g0.utilization()).contains(new Utilization(75, 40));
        assertThat(g0.memory()).contains(new MemoryInfo(42949672960L, 10737418240L, 31675383808L, OptionalLong.of(536870912L)));
        assertThat(g0.temperature()).hasValue(62);
        assertThat(g0.powerUsage()).hasValue(215000);
        assertThat(g0.enforcedPowerLimit()).hasValue(400000);
        assertThat(g0.totalEnergyConsumption()).hasValue(123456789L);
        assertThat(g0.clock(ClockType.SM)).hasValue(1410);
        assertThat(g0.clock(ClockType.MEMORY)).hasValue(1215);
        assertThat(g0.performanceState()).hasValue(2);
        assertThat(g0.clocksEventReasons()).hasValue(0x24);
        assertThat(g0.encoderUtilization()).hasValue(11);
        assertThat(g0.decoderUtilization()).hasValue(22);
        assertThat(g0.pcieThroughput(true)).hasValue(123000);
        assertThat(g0.pcieThroughput(false)).hasValue(456000);
        assertThat(g0.pcieReplayCounter()).hasValue(3);
        assertThat(g0.pcieLinkGeneration()).hasValue(3);
        assertThat(g0.pcieLinkMaxGeneration()).hasValue(4);
        assertThat(g0.pcieLinkWidth()).hasValue(8);
        assertThat(g0.pcieLinkMaxWidth()).hasValue(16);
        assertThat(g0.eccErrorsAggregate(true)).hasValue(17);
        assertThat(g0.eccErrorsAggregate(false)).hasValue(2);
        assertThat(g0.migMode()).contains(new MigMode(false, false));
        assertThat(g0.migDevices()).isEmpty();
    }

    @Test
    void unsupportedIsEmptyNotZero() {
        GpuDevice g2 = nvml.device(2);
        assertThat(g2.totalEnergyConsumption()).isEmpty();
        assertThat(g2.eccErrorsAggregate(true)).isEmpty();
        assertThat(g2.temperature()).hasValue(45);
        // MIG mode on: utilization is per instance (GPM), NVML's whole-GPU rates are not supported
        assertThat(nvml.device(1).utilization()).isEmpty();
        // no pcie_link_* keys: the default Gen4 x16 link; only the T4's maximum given: Gen3 x16, at it
        assertThat(nvml.device(1).pcieLinkGeneration()).hasValue(4);
        assertThat(nvml.device(1).pcieLinkWidth()).hasValue(16);
        assertThat(g2.pcieLinkGeneration()).hasValue(3);
        assertThat(g2.pcieLinkMaxGeneration()).hasValue(3);
        assertThat(g2.pcieLinkMaxWidth()).hasValue(16);
    }

    @Test
    void migInstances() {
        GpuDevice g1 = nvml.device(1);
        assertThat(g1.migMode()).contains(new MigMode(true, true));
        List<GpuDevice> migs = g1.migDevices();
        assertThat(migs).hasSize(2);
        GpuDevice m0 = migs.get(0);
        assertThat(m0.isMig()).isTrue();
        assertThat(m0.index()).isEqualTo(1);
        assertThat(m0.uuid()).isEqualTo("MIG-a1a1a1a1-0000-0000-0000-000000000001");
        assertThat(m0.name()).isEqualTo("NVIDIA A100-SXM4-80GB MIG 3g.40gb");
        assertThat(m0.gpuInstanceId()).isEqualTo(1);
        assertThat(m0.computeInstanceId()).isZero();
        assertThat(m0.memory()).contains(new MemoryInfo(42144366592L, 8589934592L,
                42144366592L - 268435456L - 8589934592L, OptionalLong.of(268435456L)));
        assertThat(migs.get(1).gpuInstanceId()).isEqualTo(2);
        assertThat(m0.temperature()).isEmpty();
    }

    @Test
    void processesOfEveryKindAndTheirInstances() {
        List<ProcessInfo> compute = nvml.device(0).processes(ProcessKind.COMPUTE);
        assertThat(compute).containsExactly(new ProcessInfo(1001, ProcessKind.COMPUTE, OptionalLong.of(4294967296L), -1, -1));
        assertThat(nvml.device(0).processes(ProcessKind.GRAPHICS)).extracting(ProcessInfo::pid).containsExactly(1002L);
        assertThat(nvml.device(0).processes(ProcessKind.MPS)).extracting(ProcessInfo::pid).containsExactly(1003L);
        List<ProcessInfo> onMig = nvml.device(1).processes(ProcessKind.COMPUTE);
        assertThat(onMig).extracting(ProcessInfo::pid, ProcessInfo::gpuInstanceId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(2001L, 1), org.assertj.core.groups.Tuple.tuple(2002L, 2));
        assertThat(nvml.device(1).migDevices().get(1).processes(ProcessKind.COMPUTE)).extracting(ProcessInfo::pid)
                .containsExactly(2002L);
    }

    @Test
    void processUtilizationSamplesNewerThanLastSeen() {
        List<ProcessSample> all = nvml.device(0).processUtilization(0);
        assertThat(all).extracting(ProcessSample::pid).containsExactlyInAnyOrder(1001L, 1002L, 1003L);
        ProcessSample mps = all.stream().filter(s -> s.pid() == 1003).findFirst().orElseThrow();
        assertThat(mps.smPercent()).isEqualTo(40);
        assertThat(mps.memoryPercent()).isEqualTo(25);
        long newest = all.stream().mapToLong(ProcessSample::timestampMicros).max().orElseThrow();
        assertThat(nvml.device(0).processUtilization(newest)).isEmpty();
        assertThat(nvml.device(0).processUtilizationSamples(newest)).contains(List.of()); // supported, nothing newer
        assertThat(nvml.device(1).processUtilizationSamples(0)).isEmpty(); // MIG mode: not supported
    }

    @Test
    void xidEventsArriveThroughTheEventSet() {
        try (NvmlEvents events = nvml.events()) {
            for (GpuDevice g : nvml.devices()) {
                events.registerXid(g);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            Optional<XidEvent> e = Optional.empty();
            while (e.isEmpty() && System.nanoTime() < deadline) {
                e = events.await(200);
            }
            assertThat(e).isPresent();
            assertThat(e.get().xid()).isEqualTo(48);
            assertThat(e.get().device().index()).isZero();
            assertThat(e.get().gpuInstanceId()).isEqualTo(-1);
            assertThat(events.await(100)).isEmpty();
        }
    }

    @Test
    void errorsCarryTheCodeAndNvmlsMessage() {
        GpuDevice m0 = nvml.device(1).migDevices().get(0);
        // A full-GPU call on a MIG handle that NVML rejects (not NOT_SUPPORTED): a typed error.
        NvmlException e = catchThrowableOfType(NvmlException.class, () -> nvml.device(0).gpuInstanceId());
        assertThat(e.status()).isEqualTo(NvmlReturn.INVALID_ARGUMENT);
        assertThat(e.function()).isEqualTo("nvmlDeviceGetGpuInstanceId");
        assertThat(e.getMessage()).isEqualTo("nvmlDeviceGetGpuInstanceId: Invalid Argument (2)");
        assertThat(m0.isMig()).isTrue();
    }
}
