package io.gpuagent.accounting;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The idle floor of each GPU model on this node: the lowest power any GPU of that model was seen to draw since the
 * agent started. It is what a GPU draws just by being there and held, whatever runs on it, and the part of its
 * energy shared by allocation rather than by use.
 *
 * <p>Measured, not tabled: idle power differs with board, firmware, clocks and cooling, and the node's own GPUs
 * show it as soon as one of a model idles (before pods start, between jobs). Until one does, the floor is the lowest
 * power seen under load, which overstates it, so more of the energy is shared by allocation; it only ever comes down.
 * Kept per model (all GPUs of a model share it), not per GPU: a GPU that is never idle learns from its siblings.
 * Confined to the collection thread.
 */
final class IdleFloors {

    private final Map<String, Long> milliwatts = new HashMap<>();

    /** A power reading (mW) of a GPU of that model; a 0 (a board that reads 0 while it switches state) is skipped. */
    void observe(String model, long powerMilliwatts) {
        if (powerMilliwatts > 0) {
            milliwatts.merge(model, powerMilliwatts, Math::min);
        }
    }

    OptionalLong of(String model) {
        Long mw = milliwatts.get(model);
        return mw == null ? OptionalLong.empty() : OptionalLong.of(mw);
    }
}
