// Generated in the shape of jextract 22 output from nvml.h (driver 535); see bindings/src/main/jextract/nvml.args.
// Do not edit by hand: fixes belong in the safe layer (io.gpuagent.nvml).

package io.gpuagent.nvml.raw;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

/**
 * {@snippet lang=c : struct { unsigned int version; unsigned int isSupportedDevice; } }
 */
public class nvmlGpmSupport_t {

    nvmlGpmSupport_t() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        nvml_h.C_INT.withName("version"),
        nvml_h.C_INT.withName("isSupportedDevice")
    ).withName("nvmlGpmSupport_t");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfInt version$LAYOUT = (OfInt)$LAYOUT.select(groupElement("version"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int version }
     */
    public static final OfInt version$layout() {
        return version$LAYOUT;
    }

    private static final long version$OFFSET = 0;

    /**
     * Offset for field: {@snippet lang=c : unsigned int version }
     */
    public static final long version$offset() {
        return version$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int version }
     */
    public static int version(MemorySegment struct) {
        return struct.get(version$LAYOUT, version$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int version }
     */
    public static void version(MemorySegment struct, int fieldValue) {
        struct.set(version$LAYOUT, version$OFFSET, fieldValue);
    }

    private static final OfInt isSupportedDevice$LAYOUT = (OfInt)$LAYOUT.select(groupElement("isSupportedDevice"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int isSupportedDevice }
     */
    public static final OfInt isSupportedDevice$layout() {
        return isSupportedDevice$LAYOUT;
    }

    private static final long isSupportedDevice$OFFSET = 4;

    /**
     * Offset for field: {@snippet lang=c : unsigned int isSupportedDevice }
     */
    public static final long isSupportedDevice$offset() {
        return isSupportedDevice$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int isSupportedDevice }
     */
    public static int isSupportedDevice(MemorySegment struct) {
        return struct.get(isSupportedDevice$LAYOUT, isSupportedDevice$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int isSupportedDevice }
     */
    public static void isSupportedDevice(MemorySegment struct, int fieldValue) {
        struct.set(isSupportedDevice$LAYOUT, isSupportedDevice$OFFSET, fieldValue);
    }

    /**
     * Obtains a slice of {@code arrayParam} which selects the array element at {@code index}.
     * The returned segment has address {@code arrayParam.address() + index * layout().byteSize()}
     */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index);
    }

    /**
     * The size (in bytes) of this struct
     */
    public static long sizeof() { return layout().byteSize(); }

    /**
     * Allocate a segment of size {@code layout().byteSize()} using {@code allocator}
     */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(layout());
    }

    /**
     * Allocate an array of size {@code elementCount} using {@code allocator}.
     * The returned segment has size {@code elementCount * layout().byteSize()}.
     */
    public static MemorySegment allocateArray(long elementCount, SegmentAllocator allocator) {
        return allocator.allocate(MemoryLayout.sequenceLayout(elementCount, layout()));
    }

    /**
     * Reinterprets {@code addr} using target {@code arena} and {@code cleanupAction} (if any).
     * The returned segment has size {@code layout().byteSize()}
     */
    public static MemorySegment reinterpret(MemorySegment addr, Arena arena, Consumer<MemorySegment> cleanup) {
        return reinterpret(addr, 1, arena, cleanup);
    }

    /**
     * Reinterprets {@code addr} using target {@code arena} and {@code cleanupAction} (if any).
     * The returned segment has size {@code elementCount * layout().byteSize()}
     */
    public static MemorySegment reinterpret(MemorySegment addr, long elementCount, Arena arena, Consumer<MemorySegment> cleanup) {
        return addr.reinterpret(layout().byteSize() * elementCount, arena, cleanup);
    }
}
