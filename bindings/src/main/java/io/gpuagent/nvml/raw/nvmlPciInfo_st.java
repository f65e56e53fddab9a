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
 * {@snippet lang=c : struct nvmlPciInfo_st }
 */
public class nvmlPciInfo_st {

    nvmlPciInfo_st() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        MemoryLayout.sequenceLayout(16, nvml_h.C_CHAR).withName("busIdLegacy"),
        nvml_h.C_INT.withName("domain"),
        nvml_h.C_INT.withName("bus"),
        nvml_h.C_INT.withName("device"),
        nvml_h.C_INT.withName("pciDeviceId"),
        nvml_h.C_INT.withName("pciSubSystemId"),
        MemoryLayout.sequenceLayout(32, nvml_h.C_CHAR).withName("busId")
    ).withName("nvmlPciInfo_st");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final SequenceLayout busIdLegacy$LAYOUT = (SequenceLayout)$LAYOUT.select(groupElement("busIdLegacy"));

    /**
     * Layout for field: {@snippet lang=c : char busIdLegacy[16] }
     */
    public static final SequenceLayout busIdLegacy$layout() {
        return busIdLegacy$LAYOUT;
    }

    private static final long busIdLegacy$OFFSET = 0;

    /**
     * Offset for field: {@snippet lang=c : char busIdLegacy[16] }
     */
    public static final long busIdLegacy$offset() {
        return busIdLegacy$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : char busIdLegacy[16] }
     */
    public static MemorySegment busIdLegacy(MemorySegment struct) {
        return struct.asSlice(busIdLegacy$OFFSET, busIdLegacy$LAYOUT.byteSize());
    }

    /**
     * Setter for field: {@snippet lang=c : char busIdLegacy[16] }
     */
    public static void busIdLegacy(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, busIdLegacy$OFFSET, busIdLegacy$LAYOUT.byteSize());
    }

    private static final OfInt domain$LAYOUT = (OfInt)$LAYOUT.select(groupElement("domain"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int domain }
     */
    public static final OfInt domain$layout() {
        return domain$LAYOUT;
    }

    private static final long domain$OFFSET = 16;

    /**
     * Offset for field: {@snippet lang=c : unsigned int domain }
     */
    public static final long domain$offset() {
        return domain$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int domain }
     */
    public static int domain(MemorySegment struct) {
        return struct.get(domain$LAYOUT, domain$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int domain }
     */
    public static void domain(MemorySegment struct, int fieldValue) {
        struct.set(domain$LAYOUT, domain$OFFSET, fieldValue);
    }

    private static final OfInt bus$LAYOUT = (OfInt)$LAYOUT.select(groupElement("bus"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int bus }
     */
    public static final OfInt bus$layout() {
        return bus$LAYOUT;
    }

    private static final long bus$OFFSET = 20;

    /**
     * Offset for field: {@snippet lang=c : unsigned int bus }
     */
    public static final long bus$offset() {
        return bus$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int bus }
     */
    public static int bus(MemorySegment struct) {
        return struct.get(bus$LAYOUT, bus$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int bus }
     */
    public static void bus(MemorySegment struct, int fieldValue) {
        struct.set(bus$LAYOUT, bus$OFFSET, fieldValue);
    }

    private static final OfInt device$LAYOUT = (OfInt)$LAYOUT.select(groupElement("device"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int device }
     */
    public static final OfInt device$layout() {
        return device$LAYOUT;
    }

    private static final long device$OFFSET = 24;

    /**
     * Offset for field: {@snippet lang=c : unsigned int device }
     */
    public static final long device$offset() {
        return device$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int device }
     */
    public static int device(MemorySegment struct) {
        return struct.get(device$LAYOUT, device$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int device }
     */
    public static void device(MemorySegment struct, int fieldValue) {
        struct.set(device$LAYOUT, device$OFFSET, fieldValue);
    }

    private static final OfInt pciDeviceId$LAYOUT = (OfInt)$LAYOUT.select(groupElement("pciDeviceId"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int pciDeviceId }
     */
    public static final OfInt pciDeviceId$layout() {
        return pciDeviceId$LAYOUT;
    }

    private static final long pciDeviceId$OFFSET = 28;

    /**
     * Offset for field: {@snippet lang=c : unsigned int pciDeviceId }
     */
    public static final long pciDeviceId$offset() {
        return pciDeviceId$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int pciDeviceId }
     */
    public static int pciDeviceId(MemorySegment struct) {
        return struct.get(pciDeviceId$LAYOUT, pciDeviceId$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int pciDeviceId }
     */
    public static void pciDeviceId(MemorySegment struct, int fieldValue) {
        struct.set(pciDeviceId$LAYOUT, pciDeviceId$OFFSET, fieldValue);
    }

    private static final OfInt pciSubSystemId$LAYOUT = (OfInt)$LAYOUT.select(groupElement("pciSubSystemId"));

    /**
     * Layout for field: {@snippet lang=c : unsigned int pciSubSystemId }
     */
    public static final OfInt pciSubSystemId$layout() {
        return pciSubSystemId$LAYOUT;
    }

    private static final long pciSubSystemId$OFFSET = 32;

    /**
     * Offset for field: {@snippet lang=c : unsigned int pciSubSystemId }
     */
    public static final long pciSubSystemId$offset() {
        return pciSubSystemId$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : unsigned int pciSubSystemId }
     */
    public static int pciSubSystemId(MemorySegment struct) {
        return struct.get(pciSubSystemId$LAYOUT, pciSubSystemId$OFFSET);
    }

    /**
     * Setter for field: {@snippet lang=c : unsigned int pciSubSystemId }
     */
    public static void pciSubSystemId(MemorySegment struct, int fieldValue) {
        struct.set(pciSubSystemId$LAYOUT, pciSubSystemId$OFFSET, fieldValue);
    }

    private static final SequenceLayout busId$LAYOUT = (SequenceLayout)$LAYOUT.select(groupElement("busId"));

    /**
     * Layout for field: {@snippet lang=c : char busId[32] }
     */
    public static final SequenceLayout busId$layout() {
        return busId$LAYOUT;
    }

    private static final long busId$OFFSET = 36;

    /**
     * Offset for field: {@snippet lang=c : char busId[32] }
     */
    public static final long busId$offset() {
        return busId$OFFSET;
    }

    /**
     * Getter for field: {@snippet lang=c : char busId[32] }
     */
    public static MemorySegment busId(MemorySegment struct) {
        return struct.asSlice(busId$OFFSET, busId$LAYOUT.byteSize());
    }

    /**
     * Setter for field: {@snippet lang=c : char busId[32] }
     */
    public static void busId(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, busId$OFFSET, busId$LAYOUT.byteSize());
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
