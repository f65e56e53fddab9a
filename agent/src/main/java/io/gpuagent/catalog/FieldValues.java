package io.gpuagent.catalog;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * One device's values in one collection, immutable: for each {@link DeviceField} (and each index of its
 * {@link Dimension}), the raw value in NVML's unit, or nothing where the device does not report it (never 0
 * in its place). Stored flat (a slot per row and index, and a bit per slot saying it is there), so a reading
 * costs two small arrays, not a map of boxed numbers.
 */
public final class FieldValues {

    private static final int[] OFFSET = new int[DeviceField.values().length];
    private static final int SLOTS;

    static {
        int slot = 0;
        for (DeviceField f : DeviceField.values()) {
            OFFSET[f.ordinal()] = slot;
            slot += f.dimension().size();
        }
        SLOTS = slot;
    }

    public static final FieldValues EMPTY = new FieldValues(new long[SLOTS], new long[words()]);

    private final long[] raw;
    private final long[] present;

    private FieldValues(long[] raw, long[] present) {
        this.raw = raw;
        this.present = present;
    }

    private static int words() {
        return (SLOTS + 63) / 64;
    }

    /** Every row's every index, numbered: 0 to {@code slots() - 1}. */
    public static int slots() {
        return SLOTS;
    }

    /** The number of index {@code i} of {@code f}, 0 to {@code slots() - 1}. */
    public static int slot(DeviceField f, int i) {
        if (i < 0 || i >= f.dimension().size()) {
            throw new IndexOutOfBoundsException(f + " has no index " + i);
        }
        return OFFSET[f.ordinal()] + i;
    }

    public boolean has(DeviceField f) {
        return has(f, 0);
    }

    public boolean has(DeviceField f, int i) {
        int s = slot(f, i);
        return (present[s >>> 6] & (1L << s)) != 0;
    }

    public boolean isEmpty() {
        for (long w : present) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    /** An integer field's raw value. */
    public OptionalLong get(DeviceField f) {
        return get(f, 0);
    }

    public OptionalLong get(DeviceField f, int i) {
        if (f.fractional()) {
            throw new IllegalArgumentException(f + " is fractional");
        }
        return has(f, i) ? OptionalLong.of(raw[slot(f, i)]) : OptionalLong.empty();
    }

    /** A fractional (GPM) field's raw value. */
    public OptionalDouble fraction(DeviceField f) {
        if (!f.fractional()) {
            throw new IllegalArgumentException(f + " is an integer");
        }
        return has(f) ? OptionalDouble.of(Double.longBitsToDouble(raw[slot(f, 0)])) : OptionalDouble.empty();
    }

    /** The value at index {@code i} through {@code scale}; the caller checked {@link #has}. */
    public double scaled(DeviceField f, int i, Scale scale) {
        long r = raw[slot(f, i)];
        return f.fractional() ? scale.apply(Double.longBitsToDouble(r)) : scale.apply(r);
    }

    /** The sum of an integer field over the indices that have a value; empty where none has. */
    public OptionalLong sum(DeviceField f) {
        long sum = 0;
        boolean any = false;
        for (int i = 0; i < f.dimension().size(); i++) {
            if (has(f, i)) {
                sum += raw[slot(f, i)];
                any = true;
            }
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldValues v && Arrays.equals(present, v.present) && Arrays.equals(raw, v.raw);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(present) + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (DeviceField f : DeviceField.values()) {
            for (int i = 0; i < f.dimension().size(); i++) {
                if (has(f, i)) {
                    String key = f.dimension() == Dimension.NONE ? f.name() : f.name() + "[" + i + "]";
                    String value = f.fractional() ? Double.toString(Double.longBitsToDouble(raw[slot(f, i)]))
                            : Long.toString(raw[slot(f, i)]);
                    j.add(key + "=" + value);
                }
            }
        }
        return j.toString();
    }

    /** Collects one device's values; {@link #build} copies them, so a builder can be cleared and reused. */
    public static final class Builder {

        private final long[] raw = new long[SLOTS];
        private final long[] present = new long[words()];

        private Builder() {
        }

        public Builder put(DeviceField f, long value) {
            return put(f, 0, value);
        }

        public Builder put(DeviceField f, int i, long value) {
            if (f.fractional()) {
                throw new IllegalArgumentException(f + " is fractional");
            }
            return set(slot(f, i), value);
        }

        public Builder put(DeviceField f, double value) {
            if (!f.fractional()) {
                throw new IllegalArgumentException(f + " is an integer");
            }
            return set(slot(f, 0), Double.doubleToRawLongBits(value));
        }

        /** An integer field's value so far. */
        public OptionalLong get(DeviceField f) {
            int s = slot(f, 0);
            return (present[s >>> 6] & (1L << s)) != 0 ? OptionalLong.of(raw[s]) : OptionalLong.empty();
        }

        private Builder set(int slot, long bits) {
            raw[slot] = bits;
            present[slot >>> 6] |= 1L << slot;
            return this;
        }

        public Builder clear() {
            Arrays.fill(raw, 0);
            Arrays.fill(present, 0);
            return this;
        }

        public FieldValues build() {
            return new FieldValues(raw.clone(), present.clone());
        }
    }
}
