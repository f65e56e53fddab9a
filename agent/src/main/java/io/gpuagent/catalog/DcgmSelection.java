package io.gpuagent.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which dcgm fields dcgm naming serves, in which order, with which help and type: the catalog's built-in set, or
 * the fields of a user's dcgm-exporter counters file ({@link DcgmCounters}) that the catalog can serve.
 */
public final class DcgmSelection {

    /** The driver version, which dcgm-exporter's files declare as a {@code label} field. */
    public static final String DRIVER_VERSION = "DCGM_FI_DRIVER_VERSION";

    /**
     * One served field.
     *
     * @param gauge exposed as a gauge; else untyped under its exact name (a counter would gain {@code _total})
     */
    public record Field(DeviceField row, String help, boolean gauge) {

        public String name() {
            return row.dcgm().name();
        }
    }

    private static final Map<String, DeviceField> BY_NAME = new HashMap<>();

    static {
        for (DeviceField f : DeviceField.values()) {
            if (f.dcgm() != null) {
                BY_NAME.put(f.dcgm().name(), f);
            }
        }
    }

    /**
     * Every catalog row with a dcgm field, in catalog order, with the catalog's help and type, and the driver version
     * label: what dcgm naming serves without {@code --dcgm-counters}. It holds every field of dcgm-exporter's default
     * counters that NVML has, and more (docs/dcgm-migration.md lists both).
     */
    public static final DcgmSelection BUILT_IN = new DcgmSelection(Arrays.stream(DeviceField.values())
            .filter(f -> f.dcgm() != null).map(f -> new Field(f, f.dcgm().help(), !f.dcgm().counter())).toList(),
            true, List.of());

    private final List<Field> fields;
    private final boolean driverVersionLabel;
    private final List<String> notServed;

    private DcgmSelection(List<Field> fields, boolean driverVersionLabel, List<String> notServed) {
        this.fields = List.copyOf(fields);
        this.driverVersionLabel = driverVersionLabel;
        this.notServed = List.copyOf(notServed);
    }

    /**
     * The fields of a counters file the catalog serves, in the file's order, typed and described as the file says
     * (gauge a gauge; counter, histogram and summary untyped under the exact name). {@value #DRIVER_VERSION} as a
     * {@code label} becomes the label; any other field, or a field with a type the catalog cannot give it (a
     * measurement as a label, the driver version as a number), is not served and named in {@link #notServed}.
     */
    public static DcgmSelection of(DcgmCounters file) {
        List<Field> fields = new ArrayList<>();
        boolean driverVersion = false;
        List<String> notServed = new ArrayList<>();
        for (DcgmCounters.Counter c : file.counters()) {
            DeviceField row = BY_NAME.get(c.field());
            boolean label = c.type().equals("label");
            if (c.field().equals(DRIVER_VERSION) && label) {
                driverVersion = true;
            } else if (row != null && !label) {
                fields.add(new Field(row, c.help(), c.type().equals("gauge")));
            } else {
                notServed.add(c.field());
            }
        }
        return new DcgmSelection(fields, driverVersion, notServed);
    }

    /** The same without the fields whose name {@code excluded} accepts. */
    public DcgmSelection without(Predicate<String> excluded) {
        return new DcgmSelection(fields.stream().filter(f -> !excluded.test(f.name())).toList(), driverVersionLabel,
                notServed);
    }

    public List<Field> fields() {
        return fields;
    }

    /** Whether the series carry {@value #DRIVER_VERSION}. */
    public boolean driverVersionLabel() {
        return driverVersionLabel;
    }

    /** The file's fields the agent cannot serve (no NVML source it reads), in the file's order. */
    public List<String> notServed() {
        return notServed;
    }

    /** The catalog rows the NVML reader must read for these fields. */
    public Set<DeviceField> reads() {
        Set<DeviceField> out = EnumSet.noneOf(DeviceField.class);
        fields.forEach(f -> out.add(f.row()));
        return out;
    }

    /** Every dcgm field name the catalog has (what {@code --exclude-families} can name in dcgm naming). */
    public static Set<String> catalogNames() {
        return Set.copyOf(BY_NAME.keySet());
    }
}
