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
 * {@snippet lang=c : struct nvmlProcessUtilizationSample_st }
 */
public class nvmlProcessUtilizationSample_st {

    nvmlProcessUtilizationSample_st() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        nvml_h.C_INT.withName("pid"),
        MemoryLayout.paddingLayout(4),
        nvml_h.C_LONG_LONG.withName("timeStamp"),
        nvml_h.C_INT.withName("smUtil"),
        nvml_h.C_INT.withName("memUtil"),
        nvml_h.C_INT.withName("encUtil"),
        nvml_h.C_INT.withName("decUtil")
    ).withName("nvmlProcessUtilizationSample_st");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfInt pid$LAYOUT = (OfInt)$LAYOUT.select(groupElement("pid"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int pid }
     */
    public static final OfInt pid$layout() {
        return pid$LAYOUT;
    }

    private static final long pid$OFFSET = 0;

    /**
     * Offset for field: {@snippet lang=c : unsigned int pid }
     */
    public static final long pid$offset() {
        return pid$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int pid }
     */
    public static int pid(MemorySegment struct) {
        return struct.get(pid$LAYOUT, pid$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int pid }
     */
    public static void pid(MemorySegment struct, int fieldValue) {
        struct.set(pid$LAYOUT, pid$OFFSET, fieldValue);
    }

    private static final OfLong timeStamp$LAYOUT = (OfLong)$LAYOUT.select(groupElement("timeStamp"));

    /**
     * Layout for field: {@snippet lang=c : unsigned long long timeStamp }
     */
    public static final OfLong timeStamp$layout() {
        return timeStamp$LAYOUT;
    }

    private static final long timeStamp$OFFSET = 8;

    /**
     * Offset for field: {@snippet lang=c : unsigned long long timeStamp }
     */
    public static final long timeStamp$offset() {
        return timeStamp$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned long long timeStamp }
     */
    public static long timeStamp(MemorySegment struct) {
        return struct.get(timeStamp$LAYOUT, timeStamp$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned long long timeStamp }
     */
    public static void timeStamp(MemorySegment struct, long fieldValue) {
        struct.set(timeStamp$LAYOUT, timeStamp$OFFSET, fieldValue);
    }

    private static final OfInt smUtil$LAYOUT = (OfInt)$LAYOUT.select(groupElement("smUtil"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int smUtil }
     */
    public static final OfInt smUtil$layout() {
        return smUtil$LAYOUT;
    }

    private static final long smUtil$OFFSET = 16;

    /**
     * Offset for field: {@snippet lang=c : unsigned int smUtil }
     */
    public static final long smUtil$offset() {
        return smUtil$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int smUtil }
     */
    public static int smUtil(MemorySegment struct) {
        return struct.get(smUtil$LAYOUT, smUtil$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int smUtil }
     */
    public static void smUtil(MemorySegment struct, int fieldValue) {
        struct.set(smUtil$LAYOUT, smUtil$OFFSET, fieldValue);
    }

    private static final OfInt memUtil$LAYOUT = (OfInt)$LAYOUT.select(groupElement("memUtil"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int memUtil }
     */
    public static final OfInt memUtil$layout() {
        return memUtil$LAYOUT;
    }

    private static final long memUtil$OFFSET = 20;

    /**
     * Offset for field: {@snippet lang=c : unsigned int memUtil }
     */
    public static final long memUtil$offset() {
        return memUtil$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int memUtil }
     */
    public static int memUtil(MemorySegment struct) {
        return struct.get(memUtil$LAYOUT, memUtil$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int memUtil }
     */
    public static void memUtil(MemorySegment struct, int fieldValue) {
        struct.set(memUtil$LAYOUT, memUtil$OFFSET, fieldValue);
    }

    private static final OfInt encUtil$LAYOUT = (OfInt)$LAYOUT.select(groupElement("encUtil"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int encUtil }
     */
    public static final OfInt encUtil$layout() {
        return encUtil$LAYOUT;
    }

    private static final long encUtil$OFFSET = 24;

    /**
     * Offset for field: {@snippet lang=c : unsigned int encUtil }
     */
    public static final long encUtil$offset() {
        return encUtil$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int encUtil }
     */
    public static int encUtil(MemorySegment struct) {
        return struct.get(encUtil$LAYOUT, encUtil$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int encUtil }
     */
    public static void encUtil(MemorySegment struct, int fieldValue) {
        struct.set(encUtil$LAYOUT, encUtil$OFFSET, fieldValue);
    }

    private static final OfInt decUtil$LAYOUT = (OfInt)$LAYOUT.select(groupElement("decUtil"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int decUtil }
     */
    public static final OfInt decUtil$layout() {
        return decUtil$LAYOUT;
    }

    private static final long decUtil$OFFSET = 28;

    /**
     * Offset for field: {@snippet lang=c : unsigned int decUtil }
     */
    public static final long decUtil$offset() {
        return decUtil$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int decUtil }
     */
    public static int decUtil(MemorySegment struct) {
        return struct.get(decUtil$LAYOUT, decUtil$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int decUtil }
     */
    public static void decUtil(MemorySegment struct, int fieldValue) {
        struct.set(decUtil$LAYOUT, decUtil$OFFSET, fieldValue);
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
