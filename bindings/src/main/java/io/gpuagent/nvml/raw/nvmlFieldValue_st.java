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
 * {@snippet lang=c : struct nvmlFieldValue_st }
 */
public class nvmlFieldValue_st {

    nvmlFieldValue_st() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        nvml_h.C_INT.withName("fieldId"),
        nvml_h.C_INT.withName("scopeId"),
        nvml_h.C_LONG_LONG.withName("timestamp"),
        nvml_h.C_LONG_LONG.withName("latencyUsec"),
        nvml_h.C_INT.withName("valueType"),
        nvml_h.C_INT.withName("nvmlReturn"),
        nvmlValue_st.layout().withName("value")
    ).withName("nvmlFieldValue_st");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfInt fieldId$LAYOUT = (OfInt)$LAYOUT.select(groupElement("fieldId"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int fieldId }
     */
    public static final OfInt fieldId$layout() {
        return fieldId$LAYOUT;
    }

    private static final long fieldId$OFFSET = 0;

    /**
     * Offset for field: {@snippet lang=c : unsigned int fieldId }
     */
    public static final long fieldId$offset() {
        return fieldId$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int fieldId }
     */
    public static int fieldId(MemorySegment struct) {
        return struct.get(fieldId$LAYOUT, fieldId$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int fieldId }
     */
    public static void fieldId(MemorySegment struct, int fieldValue) {
        struct.set(fieldId$LAYOUT, fieldId$OFFSET, fieldValue);
    }

    private static final OfInt scopeId$LAYOUT = (OfInt)$LAYOUT.select(groupElement("scopeId"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int scopeId }
     */
    public static final OfInt scopeId$layout() {
        return scopeId$LAYOUT;
    }

    private static final long scopeId$OFFSET = 4;

    /**
     * Offset for field: {@snippet lang=c : unsigned int scopeId }
     */
    public static final long scopeId$offset() {
        return scopeId$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int scopeId }
     */
    public static int scopeId(MemorySegment struct) {
        return struct.get(scopeId$LAYOUT, scopeId$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int scopeId }
     */
    public static void scopeId(MemorySegment struct, int fieldValue) {
        struct.set(scopeId$LAYOUT, scopeId$OFFSET, fieldValue);
    }

    private static final OfLong timestamp$LAYOUT = (OfLong)$LAYOUT.select(groupElement("timestamp"));

    /**
     * Layout for field: {@snippet lang=c : long long timestamp }
     */
    public static final OfLong timestamp$layout() {
        return timestamp$LAYOUT;
    }

    private static final long timestamp$OFFSET = 8;

    /**
     * Offset for field: {@snippet lang=c : long long timestamp }
     */
    public static final long timestamp$offset() {
        return timestamp$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : long long timestamp }
     */
    public static long timestamp(MemorySegment struct) {
        return struct.get(timestamp$LAYOUT, timestamp$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : long long timestamp }
     */
    public static void timestamp(MemorySegment struct, long fieldValue) {
        struct.set(timestamp$LAYOUT, timestamp$OFFSET, fieldValue);
    }

    private static final OfLong latencyUsec$LAYOUT = (OfLong)$LAYOUT.select(groupElement("latencyUsec"));

    /**
     * Layout for field: {@snippet lang=c : long long latencyUsec }
     */
    public static final OfLong latencyUsec$layout() {
        return latencyUsec$LAYOUT;
    }

    private static final long latencyUsec$OFFSET = 16;

    /**
     * Offset for field: {@snippet lang=c : long long latencyUsec }
     */
    public static final long latencyUsec$offset() {
        return latencyUsec$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : long long latencyUsec }
     */
    public static long latencyUsec(MemorySegment struct) {
        return struct.get(latencyUsec$LAYOUT, latencyUsec$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : long long latencyUsec }
     */
    public static void latencyUsec(MemorySegment struct, long fieldValue) {
        struct.set(latencyUsec$LAYOUT, latencyUsec$OFFSET, fieldValue);
    }

    private static final OfInt valueType$LAYOUT = (OfInt)$LAYOUT.select(groupElement("valueType"));

    /**
     * Layout for field: {@snippet lang=c : nvmlValueType_t valueType }
     */
    public static final OfInt valueType$layout() {
        return valueType$LAYOUT;
    }

    private static final long valueType$OFFSET = 24;

    /**
     * Offset for field: {@snippet lang=c : nvmlValueType_t valueType }
     */
    public static final long valueType$offset() {
        return valueType$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : nvmlValueType_t valueType }
     */
    public static int valueType(MemorySegment struct) {
        return struct.get(valueType$LAYOUT, valueType$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : nvmlValueType_t valueType }
     */
    public static void valueType(MemorySegment struct, int fieldValue) {
        struct.set(valueType$LAYOUT, valueType$OFFSET, fieldValue);
    }

    private static final OfInt nvmlReturn$LAYOUT = (OfInt)$LAYOUT.select(groupElement("nvmlReturn"));

    /**
     * Layout for field: {@snippet lang=c : nvmlReturn_t nvmlReturn }
     */
    public static final OfInt nvmlReturn$layout() {
        return nvmlReturn$LAYOUT;
    }

    private static final long nvmlReturn$OFFSET = 28;

    /**
     * Offset for field: {@snippet lang=c : nvmlReturn_t nvmlReturn }
     */
    public static final long nvmlReturn$offset() {
        return nvmlReturn$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : nvmlReturn_t nvmlReturn }
     */
    public static int nvmlReturn(MemorySegment struct) {
        return struct.get(nvmlReturn$LAYOUT, nvmlReturn$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : nvmlReturn_t nvmlReturn }
     */
    public static void nvmlReturn(MemorySegment struct, int fieldValue) {
        struct.set(nvmlReturn$LAYOUT, nvmlReturn$OFFSET, fieldValue);
    }

    private static final GroupLayout value$LAYOUT = (GroupLayout)$LAYOUT.select(groupElement("value"));

    /**
     * Layout for field: {@snippet lang=c : nvmlValue_t value }
     */
    public static final GroupLayout value$layout() {
        return value$LAYOUT;
    }

    private static final long value$OFFSET = 32;

    /**
     * Offset for field: {@snippet lang=c : nvmlValue_t value }
     */
    public static final long value$offset() {
        return value$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : nvmlValue_t value }
     */
    public static MemorySegment value(MemorySegment struct) {
        return struct.asSlice(value$OFFSET, value$LAYOUT.byteSize());
    }

    /**
     * Setter for field: {@snippet lang=c : nvmlValue_t value }
     */
    public static void value(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, value$OFFSET, value$LAYOUT.byteSize());
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
