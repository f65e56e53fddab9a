package io.gpuagent.export;

import io.gpuagent.accounting.Accounts;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.join.Attribution;
import io.gpuagent.join.ContainerUsage;
import io.gpuagent.kubelet.Allocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the device families are rendered from: one NVML snapshot joined with the kubelet's allocations and
 * the owners of the GPU processes.
 *
 * @param podLabels the allowlisted pod labels ({@code label_*}) of a holder, for gpu_allocation_info; must not block
 * @param usage per-container usage of each device ({@link ContainerUsage#of})
 * @param perProcess the opt-in per-process series ({@code --process-metrics}); empty when off
 * @param accounts per-container energy and GPU time accumulated by the collection thread
 */
public record DeviceView(GpuSnapshot snapshot, Attribution attribution,
        Function<Allocation.Holder, Map<String, String>> podLabels, List<ContainerUsage.Row> usage,
        List<ContainerUsage.ProcessRow> perProcess, Accounts accounts) {

    public DeviceView {
        usage = List.copyOf(usage);
        perProcess = List.copyOf(perProcess);
    }

    /** A view without accounts. */
    public DeviceView(GpuSnapshot snapshot, Attribution attribution,
            Function<Allocation.Holder, Map<String, String>> podLabels, List<ContainerUsage.Row> usage,
            List<ContainerUsage.ProcessRow> perProcess) {
        this(snapshot, attribution, podLabels, usage, perProcess, Accounts.NONE);
    }

    /** A snapshot and its holders: no pod labels, no process owners (a process counts for its device's only holder). */
    public static DeviceView of(GpuSnapshot s, Attribution attribution) {
        return new DeviceView(s, attribution, h -> Map.of(), ContainerUsage.of(s, attribution, pid -> Optional.empty()),
                List.of());
    }
}
