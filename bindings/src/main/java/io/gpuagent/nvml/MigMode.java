package io.gpuagent.nvml;

/** {@code nvmlDeviceGetMigMode}: the current mode and the one pending a GPU reset. */
public record MigMode(boolean current, boolean pending) {
}
