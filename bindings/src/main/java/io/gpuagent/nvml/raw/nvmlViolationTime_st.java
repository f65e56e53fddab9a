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
 * {@snippet lang=c : struct nvmlViolationTime_st }
 */
public class nvmlViolationTime_st {

    nvmlViolationTime_st() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        nvml_h.C_LONG_LONG.withName("referenceTime"),
        nvml_h.C_LONG_LONG.withName("violationTime")
    ).withName("nvmlViolationTime_st");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfLong referenceTime$LAYOUT = (OfLong)$LAYOUT.select(groupElement("referenceTime"));

    /**
     * Layout for field: {@snippet lang=c : unsigned long long referenceTime }
     */
    public static final OfLong referenceTime$layout() {
        return referenceTime$LAYOUT;
    }

    private static final long referenceTime$OFFSET = 0;

    /**
     * Offset for field: {@snippet lang=c : unsigned long long referenceTime }
     */
    public static final long referenceTime$offset() {
        return referenceTime$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned long long referenceTime }
     */
    public static long referenceTime(MemorySegment struct) {
        return struct.get(referenceTime$LAYOUT, referenceTime$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned long long referenceTime }
     */
    public static void referenceTime(MemorySegment struct, long fieldValue) {
        struct.set(referenceTime$LAYOUT, referenceTime$OFFSET, fieldValue);
    }

    private static final OfLong violationTime$LAYOUT = (OfLong)$LAYOUT.select(groupElement("violationTime"));

    /**
     * Layout for field: {@snippet lang=c : unsigned long long violationTime }
     */
    public static final OfLong violationTime$layout() {
        return violationTime$LAYOUT;
    }

    private static final long violationTime$OFFSET = 8;

    /**
     * Offset for field: {@snippet lang=c : unsigned long long violationTime }
     */
    public static final long violationTime$offset() {
        return violationTime$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned long long violationTime }
     */
    public static long violationTime(MemorySegment struct) {
        return struct.get(violationTime$LAYOUT, violationTime$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned long long violationTime }
     */
    public static void violationTime(MemorySegment struct, long fieldValue) {
        struct.set(violationTime$LAYOUT, violationTime$OFFSET, fieldValue);
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
