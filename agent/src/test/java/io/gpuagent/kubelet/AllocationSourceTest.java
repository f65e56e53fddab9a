package io.gpuagent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.source.SourceRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AllocationSourceTest {

    static final String U = "GPU-11111111-2222-3333-4444-555555555555";

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static java.util.Optional<Allocations> current(SourceRunner<Allocations> source, Clock clock) {
        return AllocationSource.usable(source.state(), clock.instant());
    }

    @Test
    void keepsTheLastMapWhileTheKubeletIsBrieflyAwayThenDropsIt() {
        TestClock clock = new TestClock();
        AtomicReference<PodResourcesException> failure = new AtomicReference<>();
        AllocationLister lister = () -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return List.of(new ContainerAllocation("ns", "p", "c",
                    List.of(new ContainerAllocation.DeviceGroup("nvidia.com/gpu", List.of(U))), List.of()));
        };
        SourceRunner<Allocations> source = SourceRunner.manual(new AllocationSource(lister, GpuResources.defaults()), clock);
        assertThat(current(source, clock)).isEmpty();
        source.refreshNow();
        assertThat(source.state().up()).isTrue();
        assertThat(current(source, clock)).hasValueSatisfying(a -> assertThat(a.devices()).hasSize(1));

        failure.set(new PodResourcesException(PodResourcesException.Kind.UNAVAILABLE, "kubelet restarting", null));
        clock.now = clock.now.plusSeconds(10);
        source.refreshNow();
        assertThat(source.state().up()).isFalse();
        assertThat(source.state().problem()).hasValueSatisfying(p -> assertThat(p).contains("kubelet restarting"));
        assertThat(current(source, clock)).isPresent();

        clock.now = clock.now.plus(AllocationSource.KEEP_STALE);
        assertThat(current(source, clock)).isEmpty();

        failure.set(null);
        source.refreshNow();
        assertThat(current(source, clock)).isPresent();
        assertThat(source.state().errors()).isEqualTo(1);
    }

    @Test
    void aMissingSocketAtStartIsDownWithTheReason() {
        Clock clock = Clock.systemUTC();
        SourceRunner<Allocations> source = SourceRunner.manual(new AllocationSource(() -> {
            throw new PodResourcesException(PodResourcesException.Kind.SOCKET_MISSING, "no socket at /x.sock", null);
        }, GpuResources.defaults()), clock);
        source.refreshNow();
        assertThat(source.state().up()).isFalse();
        assertThat(source.state().problem()).contains("pod-resources: no socket at /x.sock");
        assertThat(current(source, clock)).isEmpty();
        assertThat(source.state().lastDuration()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void theNodesAllocatableGpuDevicesComeAlongAndTheirFailureCostsOnlyThem() {
        AtomicReference<PodResourcesException> allocatableFails = new AtomicReference<>();
        AllocationLister lister = new AllocationLister() {
            @Override
            public List<ContainerAllocation> list() {
                return List.of(new ContainerAllocation("ns", "p", "c", List.of(
                        new ContainerAllocation.DeviceGroup("nvidia.com/gpu.shared", List.of(U + "::0"))), List.of()));
            }

            @Override
            public List<ContainerAllocation.DeviceGroup> allocatable() throws PodResourcesException {
                if (allocatableFails.get() != null) {
                    throw allocatableFails.get();
                }
                return List.of(new ContainerAllocation.DeviceGroup("nvidia.com/gpu.shared", List.of(U + "::0", U + "::1")),
                        new ContainerAllocation.DeviceGroup("example.com/fpga", List.of("fpga-0")));
            }
        };
        Clock clock = Clock.systemUTC();
        SourceRunner<Allocations> source = SourceRunner.manual(new AllocationSource(lister, GpuResources.defaults()), clock);
        source.refreshNow();
        assertThat(current(source, clock).orElseThrow().advertised()).containsExactly(
                new DeviceRef.GpuUuid(U, java.util.OptionalInt.of(0)), new DeviceRef.GpuUuid(U, java.util.OptionalInt.of(1)));

        allocatableFails.set(new PodResourcesException(PodResourcesException.Kind.OTHER, "unimplemented", null));
        source.refreshNow();
        assertThat(source.state().up()).isTrue();
        assertThat(current(source, clock).orElseThrow().devices()).hasSize(1);
        assertThat(current(source, clock).orElseThrow().advertised()).isEmpty();
    }
}
