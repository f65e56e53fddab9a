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
 * {@snippet lang=c : struct { unsigned int version; unsigned int numMetrics; nvmlGpmSample_t sample1; nvmlGpmSample_t sample2; nvmlGpmMetric_t metrics[98]; } }
 */
public class nvmlGpmMetricsGet_t {

    nvmlGpmMetricsGet_t() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        nvml_h.C_INT.withName("version"),
        nvml_h.C_INT.withName("numMetrics"),
        nvml_h.C_POINTER.withName("sample1"),
        nvml_h.C_POINTER.withName("sample2"),
        MemoryLayout.sequenceLayout(98, nvmlGpmMetric_t.layout()).withName("metrics")
    ).withName("nvmlGpmMetricsGet_t");

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

    private static final OfInt numMetrics$LAYOUT = (OfInt)$LAYOUT.select(groupElement("numMetrics"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int numMetrics }
     */
    public static final OfInt numMetrics$layout() {
        return numMetrics$LAYOUT;
    }

    private static final long numMetrics$OFFSET = 4;

    /**
     * Offset for field: {@snippet lang=c : unsigned int numMetrics }
     */
    public static final long numMetrics$offset() {
        return numMetrics$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int numMetrics }
     */
    public static int numMetrics(MemorySegment struct) {
        return struct.get(numMetrics$LAYOUT, numMetrics$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int numMetrics }
     */
    public static void numMetrics(MemorySegment struct, int fieldValue) {
        struct.set(numMetrics$LAYOUT, numMetrics$OFFSET, fieldValue);
    }

    private static final AddressLayout sample1$LAYOUT = (AddressLayout)$LAYOUT.select(groupElement("sample1"));

    /**
     * Layout for field: {@snippet lang=c : nvmlGpmSample_t sample1 }
     */
    public static final AddressLayout sample1$layout() {
        return sample1$LAYOUT;
    }

    private static final long sample1$OFFSET = 8;

    /**
     * Offset for field: {@snippet lang=c : nvmlGpmSample_t sample1 }
     */
    public static final long sample1$offset() {
        return sample1$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : nvmlGpmSample_t sample1 }
     */
    public static MemorySegment sample1(MemorySegment struct) {
        return struct.get(sample1$LAYOUT, sample1$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : nvmlGpmSample_t sample1 }
     */
    public static void sample1(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(sample1$LAYOUT, sample1$OFFSET, fieldValue);
    }

    private static final AddressLayout sample2$LAYOUT = (AddressLayout)$LAYOUT.select(groupElement("sample2"));

    /**
     * Layout for field: {@snippet lang=c : nvmlGpmSample_t sample2 }
     */
    public static final AddressLayout sample2$layout() {
        return sample2$LAYOUT;
    }

    private static final long sample2$OFFSET = 16;

    /**
     * Offset for field: {@snippet lang=c : nvmlGpmSample_t sample2 }
     */
    public static final long sample2$offset() {
        return sample2$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : nvmlGpmSample_t sample2 }
     */
    public static MemorySegment sample2(MemorySegment struct) {
        return struct.get(sample2$LAYOUT, sample2$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : nvmlGpmSample_t sample2 }
     */
    public static void sample2(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(sample2$LAYOUT, sample2$OFFSET, fieldValue);
    }

    private static final SequenceLayout metrics$LAYOUT = (SequenceLayout)$LAYOUT.select(groupElement("metrics"));

    /**
     * Layout for field: {@snippet lang=c : nvmlGpmMetric_t metrics[98] }
     */
    public static final SequenceLayout metrics$layout() {
        return metrics$LAYOUT;
    }

    private static final long metrics$OFFSET = 24;

    /**
     * Offset for field: {@snippet lang=c : nvmlGpmMetric_t metrics[98] }
     */
    public static final long metrics$offset() {
        return metrics$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : nvmlGpmMetric_t metrics[98] }
     */
    public static MemorySegment metrics(MemorySegment struct) {
        return struct.asSlice(metrics$OFFSET, metrics$LAYOUT.byteSize());
    }

    /**
     * Setter for field: {@snippet lang=c : nvmlGpmMetric_t metrics[98] }
     */
    public static void metrics(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, metrics$OFFSET, metrics$LAYOUT.byteSize());
    }

    private static long[] metrics$DIMS = { 98 };

    /**
     * Dimensions for array field: {@snippet lang=c : nvmlGpmMetric_t metrics[98] }
     */
    public static long[] metrics$dimensions() {
        return metrics$DIMS;
    }
    private static final MethodHandle metrics$ELEM_HANDLE = $LAYOUT.sliceHandle(groupElement("metrics"), sequenceElement());

    /**
     * Indexed getter for field: {@snippet lang=c : nvmlGpmMetric_t metrics[98] }
     */
    public static MemorySegment metrics(MemorySegment struct, long index0) {
        try {
            return (MemorySegment)metrics$ELEM_HANDLE.invokeExact(struct, 0L, index0);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    /**
     * Indexed setter for field: {@snippet lang=c : nvmlGpmMetric_t metrics[98] }
     */
    public static void metrics(MemorySegment struct, long index0, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, metrics(struct, index0), 0L, nvmlGpmMetric_t.layout().byteSize());
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
