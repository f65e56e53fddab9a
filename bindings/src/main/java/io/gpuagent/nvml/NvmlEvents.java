package io.gpuagent.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.gpuagent.nvml.raw.nvml_h;
import io.gpuagent.nvml.raw.nvmlEventData_t;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An NVML event set for XID critical errors. {@link #await} blocks in the driver for up to its
 * timeout, so it runs on a thread of its own, never on the collection thread.
 */
public final class NvmlEvents implements AutoCloseable {

    private final MemorySegment set;
    private final Map<Long, GpuDevice> registered = new ConcurrentHashMap<>();
    private boolean closed;

    NvmlEvents(Nvml nvml) {
        if (!nvml.symbols().has("nvmlEventSetCreate") || !nvml.symbols().has("nvmlEventSetWait_v2")) {
            throw new NvmlException("nvmlEventSetCreate", nvml_h.NVML_ERROR_FUNCTION_NOT_FOUND(),
                    Calls.errorString(nvml_h.NVML_ERROR_FUNCTION_NOT_FOUND()));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            Calls.check("nvmlEventSetCreate", nvml_h.nvmlEventSetCreate(out));
            set = out.get(ADDRESS, 0);
        }
    }

    /**
     * Registers {@code device} for XID errors.
     *
     * @return false when the device cannot report them (NOT_SUPPORTED)
     */
    public boolean registerXid(GpuDevice device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment types = arena.allocate(JAVA_LONG);
            if (!Calls.supported("nvmlDeviceGetSupportedEventTypes",
                    nvml_h.nvmlDeviceGetSupportedEventTypes(device.handle(), types))) {
                return false;
            }
            long xid = nvml_h.nvmlEventTypeXidCriticalError();
            if ((types.get(JAVA_LONG, 0) & xid) == 0) {
                return false;
            }
            if (!Calls.supported("nvmlDeviceRegisterEvents", nvml_h.nvmlDeviceRegisterEvents(device.handle(), xid, set))) {
                return false;
            }
            registered.put(device.handle().address(), device);
            return true;
        }
    }

    /** The next XID event, or empty when none came within {@code timeoutMillis}. */
    public Optional<XidEvent> await(int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = nvmlEventData_t.allocate(arena);
            int rc = nvml_h.nvmlEventSetWait_v2(set, data, timeoutMillis);
            if (rc == nvml_h.NVML_ERROR_TIMEOUT()) {
                return Optional.empty();
            }
            Calls.check("nvmlEventSetWait_v2", rc);
            if ((nvmlEventData_t.eventType(data) & nvml_h.nvmlEventTypeXidCriticalError()) == 0) {
                return Optional.empty();
            }
            GpuDevice device = registered.get(nvmlEventData_t.device(data).address());
            if (device == null) {
                return Optional.empty();
            }
            return Optional.of(new XidEvent(device, nvmlEventData_t.eventData(data),
                    nvmlEventData_t.gpuInstanceId(data), nvmlEventData_t.computeInstanceId(data)));
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Calls.check("nvmlEventSetFree", nvml_h.nvmlEventSetFree(set));
        }
    }
}
