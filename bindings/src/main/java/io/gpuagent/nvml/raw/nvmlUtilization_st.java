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
 * {@snippet lang=c : struct nvmlUtilization_st }
 */
public class nvmlUtilization_st {

    nvmlUtilization_st() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        nvml_h.C_INT.withName("gpu"),
        nvml_h.C_INT.withName("memory")
    ).withName("nvmlUtilization_st");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfInt gpu$LAYOUT = (OfInt)$LAYOUT.select(groupElement("gpu"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int gpu }
     */
    public static final OfInt gpu$layout() {
        return gpu$LAYOUT;
    }

    private static final long gpu$OFFSET = 0;

    /**
     * Offset for field: {@snippet lang=c : unsigned int gpu }
     */
    public static final long gpu$offset() {
        return gpu$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int gpu }
     */
    public static int gpu(MemorySegment struct) {
        return struct.get(gpu$LAYOUT, gpu$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int gpu }
     */
    public static void gpu(MemorySegment struct, int fieldValue) {
        struct.set(gpu$LAYOUT, gpu$OFFSET, fieldValue);
    }

    private static final OfInt memory$LAYOUT = (OfInt)$LAYOUT.select(groupElement("memory"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int memory }
     */
    public static final OfInt memory$layout() {
        return memory$LAYOUT;
    }

    private static final long memory$OFFSET = 4;

    /**
     * Offset for field: {@snippet lang=c : unsigned int memory }
     */
    public static final long memory$offset() {
        return memory$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int memory }
     */
    public static int memory(MemorySegment struct) {
        return struct.get(memory$LAYOUT, memory$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int memory }
     */
    public static void memory(MemorySegment struct, int fieldValue) {
        struct.set(memory$LAYOUT, memory$OFFSET, fieldValue);
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
