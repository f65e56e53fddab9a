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
 * {@snippet lang=c : union nvmlValue_st }
 */
public class nvmlValue_st {

    nvmlValue_st() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.unionLayout(
        nvml_h.C_DOUBLE.withName("dVal"),
        nvml_h.C_INT.withName("uiVal"),
        nvml_h.C_LONG.withName("ulVal"),
        nvml_h.C_LONG_LONG.withName("ullVal"),
        nvml_h.C_LONG_LONG.withName("sllVal")
    ).withName("nvmlValue_st");

    /**
     * The layout of this union
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfDouble dVal$LAYOUT = (OfDouble)$LAYOUT.select(groupElement("dVal"));

    /**
     * Layout for field: {@snippet lang=c : double dVal }
     */
    public static final OfDouble dVal$layout() {
        return dVal$LAYOUT;
    }

    private static final long dVal$OFFSET = 0;

    /**
     * Offset for field: {@snippet lang=c : double dVal }
     */
    public static final long dVal$offset() {
        return dVal$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : double dVal }
     */
    public static double dVal(MemorySegment struct) {
        return struct.get(dVal$LAYOUT, dVal$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : double dVal }
     */
    public static void dVal(MemorySegment struct, double fieldValue) {
        struct.set(dVal$LAYOUT, dVal$OFFSET, fieldValue);
    }

    private static final OfInt uiVal$LAYOUT = (OfInt)$LAYOUT.select(groupElement("uiVal"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int uiVal }
     */
    public static final OfInt uiVal$layout() {
        return uiVal$LAYOUT;
    }

    private static final long uiVal$OFFSET = 0;

    /**
     * Offset for field: {@snippet lang=c : unsigned int uiVal }
     */
    public static final long uiVal$offset() {
        return uiVal$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int uiVal }
     */
    public static int uiVal(MemorySegment struct) {
        return struct.get(uiVal$LAYOUT, uiVal$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int uiVal }
     */
    public static void uiVal(MemorySegment struct, int fieldValue) {
        struct.set(uiVal$LAYOUT, uiVal$OFFSET, fieldValue);
    }

    private static final OfLong ulVal$LAYOUT = (OfLong)$LAYOUT.select(groupElement("ulVal"));

    /**
     * Layout for field: {@snippet lang=c : unsigned long ulVal }
     */
    public static final OfLong ulVal$layout() {
        return ulVal$LAYOUT;
    }

    private static final long ulVal$OFFSET = 0;

    /**
     * Offset for field: {@snippet lang=c : unsigned long ulVal }
     */
    public static final long ulVal$offset() {
        return ulVal$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned long ulVal }
     */
    public static long ulVal(MemorySegment struct) {
        return struct.get(ulVal$LAYOUT, ulVal$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned long ulVal }
     */
    public static void ulVal(MemorySegment struct, long fieldValue) {
        struct.set(ulVal$LAYOUT, ulVal$OFFSET, fieldValue);
    }

    private static final OfLong ullVal$LAYOUT = (OfLong)$LAYOUT.select(groupElement("ullVal"));

    /**
     * Layout for field: {@snippet lang=c : unsigned long long ullVal }
     */
    public static final OfLong ullVal$layout() {
        return ullVal$LAYOUT;
    }

    private static final long ullVal$OFFSET = 0;

    /**
     * Offset for field: {@snippet lang=c : unsigned long long ullVal }
     */
    public static final long ullVal$offset() {
        return ullVal$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned long long ullVal }
     */
    public static long ullVal(MemorySegment struct) {
        return struct.get(ullVal$LAYOUT, ullVal$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned long long ullVal }
     */
    public static void ullVal(MemorySegment struct, long fieldValue) {
        struct.set(ullVal$LAYOUT, ullVal$OFFSET, fieldValue);
    }

    private static final OfLong sllVal$LAYOUT = (OfLong)$LAYOUT.select(groupElement("sllVal"));

    /**
     * Layout for field: {@snippet lang=c : signed long long sllVal }
     */
    public static final OfLong sllVal$layout() {
        return sllVal$LAYOUT;
    }

    private static final long sllVal$OFFSET = 0;

    /**
     * Offset for field: {@snippet lang=c : signed long long sllVal }
     */
    public static final long sllVal$offset() {
        return sllVal$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : signed long long sllVal }
     */
    public static long sllVal(MemorySegment struct) {
        return struct.get(sllVal$LAYOUT, sllVal$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : signed long long sllVal }
     */
    public static void sllVal(MemorySegment struct, long fieldValue) {
        struct.set(sllVal$LAYOUT, sllVal$OFFSET, fieldValue);
    }

    /**
     * Obtains a slice of {@code arrayParam} which selects the array element at {@code index}.
     * The returned segment has address {@code arrayParam.address() + index * layout().byteSize()}
     */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index);
    }

    /**
     * The size (in bytes) of this union
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
