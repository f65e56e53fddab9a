package io.gpuagent.gpu;

import io.gpuagent.catalog.SharedRead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link DeviceReader} keeps of one device (GPU or MIG instance) for an NVML session: the names of its
 * reads (made once), the optional features it lacks, what it lacks that the log has said, its fans and
 * active NVLinks, and the answers of this collection's shared reads.
 */
final class DeviceState {

    /** e.g. {@code GPU 1}, as the log and the stall watchdog name it */
    final String name;
    /** e.g. {@code GPU 1 (NVIDIA L4)}, for the line saying what it lacks */
    final String title;
    /** after each read's name: "" for a GPU, {@code " of MIG-..."} for a MIG instance */
    final String suffix;
    /** {@code name/what}, by site (where the device is asked something), made once */
    private final String[] keys;
    /** by site: an optional feature that answered NOT_SUPPORTED, not asked again */
    final boolean[] unsupported;
    /** by site: its absence was logged */
    private final boolean[] reported;
    /** this collection's shared reads: asked yet, and their answers (null = none) */
    final boolean[] asked = new boolean[SharedRead.ALL.size()];
    final Object[] answers = new Object[SharedRead.ALL.size()];
    /** absent since the last line saying what the device lacks */
    final List<String> lackingNow = new ArrayList<>();
    /** the fan indices to read, once known */
    int[] fans;
    /** the active NVLinks, once known */
    int[] links;

    DeviceState(String name, String title, String suffix, int sites) {
        this.name = name;
        this.title = title;
        this.suffix = suffix;
        this.keys = new String[sites];
        this.unsupported = new boolean[sites];
        this.reported = new boolean[sites];
    }

    void newCollection() {
        Arrays.fill(asked, false);
        Arrays.fill(answers, null);
    }

    /** {@code GPU 1/power}: the key of its problems and what the stall watchdog names. */
    String key(int site, String what) {
        String k = keys[site];
        if (k == null) {
            k = name + "/" + what + suffix;
            keys[site] = k;
        }
        return k;
    }

    /** {@code what} answered nothing: listed on the next line of what the device lacks, once a session. */
    void lacks(int site, String what) {
        if (!reported[site]) {
            reported[site] = true;
            lackingNow.add(what);
        }
    }

    /** The list for the log, neighbours of one kind merged: {@code violation time (power, thermal)}. */
    static String compact(List<String> whats) {
        StringBuilder b = new StringBuilder();
        String group = null;
        for (String w : whats) {
            int open = w.endsWith(")") ? w.lastIndexOf(" (") : -1;
            String head = open < 0 ? null : w.substring(0, open);
            if (head != null && head.equals(group)) {
                b.setLength(b.length() - 1);
                b.append(", ").append(w, open + 2, w.length());
                continue;
            }
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(w);
            group = head;
        }
        return b.toString();
    }
}
