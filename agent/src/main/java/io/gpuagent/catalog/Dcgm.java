package io.gpuagent.catalog;

/**
 * How a catalog row shows in dcgm naming ({@code --naming=dcgm}): dcgm-exporter's field name, help and unit.
 *
 * @param counter dcgm-exporter types it a counter; exposed untyped under the exact name (a counter would
 *     gain {@code _total})
 * @param collapse how a row with a dimension (fans, NVLinks) becomes dcgm's one value per device
 * @param zeroWhileUp 0 on a GPU that answers but has no value (dcgm-exporter's "no XID yet")
 */
public record Dcgm(String name, String help, boolean counter, Scale scale, Collapse collapse, boolean zeroWhileUp) {

    public enum Collapse {
        /** the row has no dimension */
        NONE,
        /** the value of index 0 (the first fan) */
        FIRST,
        /** the sum over the indices that have a value (all links) */
        SUM
    }

    public static Dcgm gauge(String name, String help) {
        return new Dcgm(name, help, false, Scale.AS_IS, Collapse.NONE, false);
    }

    public static Dcgm counter(String name, String help) {
        return new Dcgm(name, help, true, Scale.AS_IS, Collapse.NONE, false);
    }

    public Dcgm scaled(Scale s) {
        return new Dcgm(name, help, counter, s, collapse, zeroWhileUp);
    }

    public Dcgm first() {
        return new Dcgm(name, help, counter, scale, Collapse.FIRST, zeroWhileUp);
    }

    public Dcgm sum() {
        return new Dcgm(name, help, counter, scale, Collapse.SUM, zeroWhileUp);
    }

    public Dcgm orZeroWhileUp() {
        return new Dcgm(name, help, counter, scale, collapse, true);
    }
}
