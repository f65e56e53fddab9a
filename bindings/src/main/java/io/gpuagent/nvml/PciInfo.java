package io.gpuagent.nvml;

/**
 * {@code nvmlPciInfo_t} (v3). {@code busId} is NVML's form, {@code 00000000:07:00.0}.
 *
 * @param pciDeviceId combined 16-bit device id (high) and 16-bit vendor id (low)
 */
public record PciInfo(String busId, long domain, long bus, long device, long pciDeviceId, long subsystemId) {
}
