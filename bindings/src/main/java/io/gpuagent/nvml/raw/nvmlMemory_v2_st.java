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
 * {@snippet lang=c : struct nvmlMemory_v2_st }
 */
public class nvmlMemory_v2_st {

    nvmlMemory_v2_st() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        nvml_h.C_INT.withName("version"),
        MemoryLayout.paddingLayout(4),
        nvml_h.C_LONG_LONG.withName("total"),
        nvml_h.C_LONG_LONG.withName("reserved"),
        nvml_h.C_LONG_LONG.withName("free"),
        nvml_h.C_LONG_LONG.withName("used")
    ).withName("nvmlMemory_v2_st");

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

    private static final OfLong total$LAYOUT = (OfLong)$LAYOUT.select(groupElement("total"));

    /**
     * Layout for field: {@snippet lang=c : unsigned long long total }
     */
    public static final OfLong total$layout() {
        return total$LAYOUT;
    }

    private static final long total$OFFSET = 8;

    /**
     * Offset for field: {@snippet lang=c : unsigned long long total }
     */
    public static final long total$offset() {
        return total$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned long long total }
     */
    public static long total(MemorySegment struct) {
        return struct.get(total$LAYOUT, total$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned long long total }
     */
    public static void total(MemorySegment struct, long fieldValue) {
        struct.set(total$LAYOUT, total$OFFSET, fieldValue);
    }

    private static final OfLong reserved$LAYOUT = (OfLong)$LAYOUT.select(groupElement("reserved"));

    /**
     * Layout for field: {@snippet lang=c : unsigned long long reserved }
     */
    public static final OfLong reserved$layout() {
        return reserved$LAYOUT;
    }

    private static final long reserved$OFFSET = 16;

    /**
     * Offset for field: {@snippet lang=c : unsigned long long reserved }
     */
    public static final long reserved$offset() {
        return reserved$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned long long reserved }
     */
    public static long reserved(MemorySegment struct) {
        return struct.get(reserved$LAYOUT, reserved$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned long long reserved }
     */
    public static void reserved(MemorySegment struct, long fieldValue) {
        struct.set(reserved$LAYOUT, reserved$OFFSET, fieldValue);
    }

    private static final OfLong free$LAYOUT = (OfLong)$LAYOUT.select(groupElement("free"));

    /**
     * Layout for field: {@snippet lang=c : unsigned long long free }
     */
    public static final OfLong free$layout() {
        return free$LAYOUT;
    }

    private static final long free$OFFSET = 24;

    /**
     * Offset for field: {@snippet lang=c : unsigned long long free }
     */
    public static final long free$offset() {
        return free$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned long long free }
     */
    public static long free(MemorySegment struct) {
        return struct.get(free$LAYOUT, free$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned long long free }
     */
    public static void free(MemorySegment struct, long fieldValue) {
        struct.set(free$LAYOUT, free$OFFSET, fieldValue);
    }

    private static final OfLong used$LAYOUT = (OfLong)$LAYOUT.select(groupElement("used"));

    /**
     * Layout for field: {@snippet lang=c : unsigned long long used }
     */
    public static final OfLong used$layout() {
        return used$LAYOUT;
    }

    private static final long used$OFFSET = 32;

    /**
     * Offset for field: {@snippet lang=c : unsigned long long used }
     */
    public static final long used$offset() {
        return used$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned long long used }
     */
    public static long used(MemorySegment struct) {
        return struct.get(used$LAYOUT, used$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned long long used }
     */
    public static void used(MemorySegment struct, long fieldValue) {
        struct.set(used$LAYOUT, used$OFFSET, fieldValue);
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
