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
 * {@snippet lang=c : struct { unsigned int metricId; nvmlReturn_t nvmlReturn; double value; struct { ... } metricInfo; } }
 */
public class nvmlGpmMetric_t {

    nvmlGpmMetric_t() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        nvml_h.C_INT.withName("metricId"),
        nvml_h.C_INT.withName("nvmlReturn"),
        nvml_h.C_DOUBLE.withName("value"),
        nvmlGpmMetric_t.metricInfo.layout().withName("metricInfo")
    ).withName("nvmlGpmMetric_t");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    /**
     * {@snippet lang=c : struct { char *shortName; char *longName; char *unit; } }
     */
    public static class metricInfo {

        metricInfo() {
            // Should not be called directly
        }

        private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
            nvml_h.C_POINTER.withName("shortName"),
            nvml_h.C_POINTER.withName("longName"),
            nvml_h.C_POINTER.withName("unit")
        ).withName("$anon$0");

        /**
         * The layout of this struct
         */
        public static final GroupLayout layout() {
            return $LAYOUT;
        }

        private static final AddressLayout shortName$LAYOUT = (AddressLayout)$LAYOUT.select(groupElement("shortName"));

        /**
         * Layout for field: {@snippet lang=c : char *shortName }
         */
        public static final AddressLayout shortName$layout() {
            return shortName$LAYOUT;
        }

        private static final long shortName$OFFSET = 0;

        /**
         * Offset for field: {@snippet lang=c : char *shortName }
         */
        public static final long shortName$offset() {
            return shortName$OFFSET;
        }

        /**
         * Getter for field: {@snippet lang=c : char *shortName }
         */
        public static MemorySegment shortName(MemorySegment struct) {
            return struct.get(shortName$LAYOUT, shortName$OFFSET);
        }

        /**
         * Setter for field: {@snippet lang=c : char *shortName }
         */
        public static void shortName(MemorySegment struct, MemorySegment fieldValue) {
            struct.set(shortName$LAYOUT, shortName$OFFSET, fieldValue);
        }

        private static final AddressLayout longName$LAYOUT = (AddressLayout)$LAYOUT.select(groupElement("longName"));

        /**
         * Layout for field: {@snippet lang=c : char *longName }
         */
        public static final AddressLayout longName$layout() {
            return longName$LAYOUT;
        }

        private static final long longName$OFFSET = 8;

        /**
         * Offset for field: {@snippet lang=c : char *longName }
         */
        public static final long longName$offset() {
            return longName$OFFSET;
        }

        /**
         * Getter for field: {@snippet lang=c : char *longName }
         */
        public static MemorySegment longName(MemorySegment struct) {
            return struct.get(longName$LAYOUT, longName$OFFSET);
        }

        /**
         * Setter for field: {@snippet lang=c : char *longName }
         */
        public static void longName(MemorySegment struct, MemorySegment fieldValue) {
            struct.set(longName$LAYOUT, longName$OFFSET, fieldValue);
        }

        private static final AddressLayout unit$LAYOUT = (AddressLayout)$LAYOUT.select(groupElement("unit"));

        /**
         * Layout for field: {@snippet lang=c : char *unit }
         */
        public static final AddressLayout unit$layout() {
            return unit$LAYOUT;
        }

        private static final long unit$OFFSET = 16;

        /**
         * Offset for field: {@snippet lang=c : char *unit }
         */
        public static final long unit$offset() {
            return unit$OFFSET;
        }

        /**
         * Getter for field: {@snippet lang=c : char *unit }
         */
        public static MemorySegment unit(MemorySegment struct) {
            return struct.get(unit$LAYOUT, unit$OFFSET);
        }

        /**
         * Setter for field: {@snippet lang=c : char *unit }
         */
        public static void unit(MemorySegment struct, MemorySegment fieldValue) {
            struct.set(unit$LAYOUT, unit$OFFSET, fieldValue);
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

    private static final OfInt metricId$LAYOUT = (OfInt)$LAYOUT.select(groupElement("metricId"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int metricId }
     */
    public static final OfInt metricId$layout() {
        return metricId$LAYOUT;
    }

    private static final long metricId$OFFSET = 0;

    /**
     * Offset for field: {@snippet lang=c : unsigned int metricId }
     */
    public static final long metricId$offset() {
        return metricId$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int metricId }
     */
    public static int metricId(MemorySegment struct) {
        return struct.get(metricId$LAYOUT, metricId$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int metricId }
     */
    public static void metricId(MemorySegment struct, int fieldValue) {
        struct.set(metricId$LAYOUT, metricId$OFFSET, fieldValue);
    }

    private static final OfInt nvmlReturn$LAYOUT = (OfInt)$LAYOUT.select(groupElement("nvmlReturn"));

    /**
     * Layout for field: {@snippet lang=c : nvmlReturn_t nvmlReturn }
     */
    public static final OfInt nvmlReturn$layout() {
        return nvmlReturn$LAYOUT;
    }

    private static final long nvmlReturn$OFFSET = 4;

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

    private static final OfDouble value$LAYOUT = (OfDouble)$LAYOUT.select(groupElement("value"));

    /**
     * Layout for field: {@snippet lang=c : double value }
     */
    public static final OfDouble value$layout() {
        return value$LAYOUT;
    }

    private static final long value$OFFSET = 8;

    /**
     * Offset for field: {@snippet lang=c : double value }
     */
    public static final long value$offset() {
        return value$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : double value }
     */
    public static double value(MemorySegment struct) {
        return struct.get(value$LAYOUT, value$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : double value }
     */
    public static void value(MemorySegment struct, double fieldValue) {
        struct.set(value$LAYOUT, value$OFFSET, fieldValue);
    }

    private static final GroupLayout metricInfo$LAYOUT = (GroupLayout)$LAYOUT.select(groupElement("metricInfo"));

    /**
     * Layout for field: {@snippet lang=c : struct { char *shortName; char *longName; char *unit; } metricInfo }
     */
    public static final GroupLayout metricInfo$layout() {
        return metricInfo$LAYOUT;
    }

    private static final long metricInfo$OFFSET = 16;

    /**
     * Offset for field: {@snippet lang=c : struct { char *shortName; char *longName; char *unit; } metricInfo }
     */
    public static final long metricInfo$offset() {
        return metricInfo$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : struct { char *shortName; char *longName; char *unit; } metricInfo }
     */
    public static MemorySegment metricInfo(MemorySegment struct) {
        return struct.asSlice(metricInfo$OFFSET, metricInfo$LAYOUT.byteSize());
    }

    /**
     * Setter for field: {@snippet lang=c : struct { char *shortName; char *longName; char *unit; } metricInfo }
     */
    public static void metricInfo(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, metricInfo$OFFSET, metricInfo$LAYOUT.byteSize());
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
