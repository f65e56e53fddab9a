package io.gpuagent.nvml;

/** Which NVML process list a process came from. */
public enum ProcessKind {
    COMPUTE("nvmlDeviceGetComputeRunningProcesses_v3"),
    GRAPHICS("nvmlDeviceGetGraphicsRunningProcesses_v3"),
    MPS("nvmlDeviceGetMPSComputeRunningProcesses_v3");

    private final String function;

    ProcessKind(String function) {
        this.function = function;
    }

    public String function() {
        return function;
    }
}
