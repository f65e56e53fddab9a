package io.gpuagent.nvml;

import io.gpuagent.nvml.raw.nvml_h;
import io.gpuagent.nvml.raw.nvml_h$library;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * An initialised NVML: {@code nvmlInit_v2} on {@link #open}, {@code nvmlShutdown} on {@link #close}.
 * Thread-safe: NVML itself is, and every call here allocates its out-parameters in its own arena.
 */
public final class Nvml implements AutoCloseable {

    private final String library;
    private final Symbols symbols;
    private volatile boolean closed;

    private Nvml(String library, Symbols symbols) {
        this.library = library;
        this.symbols = symbols;
    }

    /**
     * Binds {@code library} (a path, or a name for the system loader) and initialises NVML.
     *
     * @throws NvmlException LIBRARY_NOT_FOUND when the library cannot be loaded, else NVML's answer to
     *     {@code nvmlInit_v2} (e.g. DRIVER_NOT_LOADED)
     */
    public static Nvml open(String library) {
        bind(library);
        Symbols symbols = new Symbols();
        if (!symbols.has("nvmlInit_v2")) {
            throw NvmlException.libraryNotLoaded(library, "no nvmlInit_v2 symbol: not an NVML library");
        }
        Calls.check("nvmlInit_v2", nvml_h.nvmlInit_v2());
        return new Nvml(library, symbols);
    }

    /** Binds the library without initialising it (e.g. to set a simulator's scenario first). */
    public static void bind(String library) {
        try {
            nvml_h$library.bind(library);
        } catch (IllegalArgumentException e) {
            throw NvmlException.libraryNotLoaded(library, e.getMessage());
        }
    }

    public String library() {
        return library;
    }

    /** Whether the bound library exports {@code symbol}. */
    public boolean hasFunction(String symbol) {
        return symbols.has(symbol);
    }

    Symbols symbols() {
        return symbols;
    }

    public String driverVersion() {
        try (Arena arena = Arena.ofConfined()) {
            int size = nvml_h.NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE();
            MemorySegment buf = arena.allocate(size);
            Calls.check("nvmlSystemGetDriverVersion", nvml_h.nvmlSystemGetDriverVersion(buf, size));
            return Calls.string(buf);
        }
    }

    /** The CUDA driver API version, e.g. 12020 for 12.2; empty where the driver lacks the call. */
    public OptionalInt cudaDriverVersion() {
        if (!symbols.has("nvmlSystemGetCudaDriverVersion_v2")) {
            return OptionalInt.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            if (!Calls.supported("nvmlSystemGetCudaDriverVersion_v2", nvml_h.nvmlSystemGetCudaDriverVersion_v2(v))) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(v.get(ValueLayout.JAVA_INT, 0));
        }
    }

    /** Formats a CUDA driver version the way nvidia-smi does: 12020 → "12.2". */
    public static String formatCudaVersion(int version) {
        return (version / 1000) + "." + (version % 1000) / 10;
    }

    public int deviceCount() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocate(ValueLayout.JAVA_INT);
            Calls.check("nvmlDeviceGetCount_v2", nvml_h.nvmlDeviceGetCount_v2(n));
            return n.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** The full GPU at NVML index {@code index}. */
    public GpuDevice device(int index) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment h = arena.allocate(ValueLayout.ADDRESS);
            Calls.check("nvmlDeviceGetHandleByIndex_v2", nvml_h.nvmlDeviceGetHandleByIndex_v2(index, h));
            return new GpuDevice(this, h.get(ValueLayout.ADDRESS, 0), index, false);
        }
    }

    /** Every GPU NVML sees, in index order. */
    public List<GpuDevice> devices() {
        int count = deviceCount();
        List<GpuDevice> devices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            devices.add(device(i));
        }
        return devices;
    }

    /** A new event set (for XID errors); close it when done. */
    public NvmlEvents events() {
        return new NvmlEvents(this);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Calls.check("nvmlShutdown", nvml_h.nvmlShutdown());
        }
    }
}
