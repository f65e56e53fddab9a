package io.gpuagent.catalog;

/**
 * How a raw value in NVML's unit becomes an exported one: as is, divided, multiplied, or divided in whole
 * numbers (dcgm-exporter's MiB and microseconds are whole). Data rather than a lambda, so that a catalog
 * row says what it does, and the arithmetic (hence every exported digit) is fixed here once.
 */
public record Scale(Op op, double factor) {

    public enum Op {
        AS_IS, DIVIDE, MULTIPLY, WHOLE_DIVIDE
    }

    public static final Scale AS_IS = new Scale(Op.AS_IS, 1);
    /** NVML's percent as a ratio. */
    public static final Scale PERCENT_TO_RATIO = divide(100);
    /** milli-units (mW, mJ) as units. */
    public static final Scale MILLI = divide(1000);

    public Scale {
        if (op == Op.WHOLE_DIVIDE && (factor < 1 || factor != Math.rint(factor))) {
            throw new IllegalArgumentException("a whole division needs a whole divisor: " + factor);
        }
    }

    public static Scale divide(double divisor) {
        return new Scale(Op.DIVIDE, divisor);
    }

    public static Scale multiply(double factor) {
        return new Scale(Op.MULTIPLY, factor);
    }

    /** Integer division of the raw value, the remainder dropped. */
    public static Scale wholeDivide(long divisor) {
        return new Scale(Op.WHOLE_DIVIDE, divisor);
    }

    /** An integer raw value (NVML's counters, bytes, MHz, ...). */
    public double apply(long raw) {
        return switch (op) {
            case AS_IS -> raw;
            case DIVIDE -> raw / factor;
            case MULTIPLY -> raw * factor;
            case WHOLE_DIVIDE -> raw / (long) factor;
        };
    }

    /** A fractional raw value (GPM's percent and MiB/s). */
    public double apply(double raw) {
        return switch (op) {
            case AS_IS -> raw;
            case DIVIDE -> raw / factor;
            case MULTIPLY -> raw * factor;
            case WHOLE_DIVIDE -> Math.floor(raw / factor);
        };
    }
}
