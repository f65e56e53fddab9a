package io.gpuagent.gpu;

/**
 * Which NVML read the collection thread is in, for the stall watchdog to name when a call does not
 * return (a native downcall cannot be interrupted: naming it is what the operator can act on). One
 * volatile write per call; read only by the watchdog.
 */
final class InFlight {

    private volatile String call = "";

    /** Marks the start of a read, e.g. {@code GPU 3/power}. */
    void at(String what) {
        call = what;
    }

    /** The last read started, e.g. {@code GPU 3/power}; empty before the first. */
    String call() {
        return call;
    }
}
