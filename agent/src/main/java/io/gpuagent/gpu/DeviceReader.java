package io.gpuagent.gpu;

import io.gpuagent.catalog.DeviceField;
import io.gpuagent.catalog.Dimension;
import io.gpuagent.catalog.FieldValues;
import io.gpuagent.catalog.Read;
import io.gpuagent.catalog.SharedRead;
import io.gpuagent.nvml.GpuDevice;
import io.gpuagent.nvml.NvmlException;
import io.gpuagent.problem.ProblemLog;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads a device's fields by iterating the catalog ({@link DeviceField}). A field that fails for any reason
 * but a lost GPU costs that field only (logged once, counted); a lost GPU ends the read with the exception,
 * for the caller to mark it down. An empty answer (NOT_SUPPORTED, or a driver without the function) leaves the
 * field absent: an optional feature is then not asked again in this NVML session, and what a device lacks is
 * logged once per session, on one line. A board's fans and active NVLinks are asked once per session.
 */
final class DeviceReader {

    private static final System.Logger LOG = System.getLogger("io.gpuagent.gpu");
    /** MIG instances can be re-created under new UUIDs: past this many in a session, their state starts over. */
    private static final int MAX_MIGS = 1024;

    /** Where a device is asked something, numbered: the shared reads, every row's every index, then these two. */
    private static final int SHARED = SharedRead.ALL.size();
    private static final int FANS = SHARED + FieldValues.slots();
    private static final int NVLINK_STATE = FANS + 1;
    private static final int SITES = NVLINK_STATE + 1;
    /** Indices 0 to n - 1, by n. */
    private static final int[][] FIRST = new int[Dimension.FAN.size() + 1][];

    static {
        for (int n = 0; n < FIRST.length; n++) {
            FIRST[n] = new int[n];
            Arrays.setAll(FIRST[n], i -> i);
        }
    }

    /** The rows to read of a GPU, and of a MIG instance. */
    private final DeviceField[] fields;
    private final DeviceField[] migFields;
    private final ProblemLog problems;
    private final InFlight inFlight;
    private final Map<Integer, DeviceState> gpus = new HashMap<>();
    private final Map<String, DeviceState> migs = new HashMap<>();
    private long errors;

    DeviceReader(ProblemLog problems, InFlight inFlight) {
        this(problems, inFlight, java.util.EnumSet.allOf(DeviceField.class));
    }

    /**
     * @param wanted the rows to read (what the naming serves): a row left out costs no NVML call; MIG mode is read
     *     regardless, as the session finds MIG instances by it
     */
    DeviceReader(ProblemLog problems, InFlight inFlight, java.util.Set<DeviceField> wanted) {
        this.fields = Arrays.stream(DeviceField.values())
                .filter(f -> wanted.contains(f) || f == DeviceField.MIG_MODE).toArray(DeviceField[]::new);
        this.migFields = Arrays.stream(fields).filter(f -> f.mig() && f.read() instanceof Read.Part<?>)
                .toArray(DeviceField[]::new);
        this.problems = problems;
        this.inFlight = inFlight;
    }

    /** A new NVML session: optional features, fans and NVLinks are asked again, what is lacking logged again. */
    void newSession() {
        gpus.clear();
        migs.clear();
    }

    /** Field failures since the last call. */
    long takeErrors() {
        long e = errors;
        errors = 0;
        return e;
    }

    /** Every field of a GPU the NVML reader asks for ({@link Read.Call}, {@link Read.Part}, {@link Read.PerIndex}). */
    void readGpu(GpuDevice d, String model, FieldValues.Builder out) {
        read(d, gpu(d, model), fields, out);
    }

    /**
     * Something of a GPU another reader found missing (GPM): listed with the fields it lacks, on the line the next
     * {@link #readGpu} of that GPU logs. Once per session: the caller asks once.
     */
    void lacks(GpuDevice d, String model, String what) {
        gpu(d, model).lackingNow.add(what);
    }

    private DeviceState gpu(GpuDevice d, String model) {
        DeviceState s = gpus.get(d.index());
        if (s == null) {
            s = new DeviceState(d.toString(), d + " (" + model + ")", "", SITES);
            gpus.put(d.index(), s);
        }
        return s;
    }

    /** The fields MIG instance handles answer. */
    void readMig(GpuDevice mig, String migUuid, FieldValues.Builder out) {
        DeviceState s = migs.get(migUuid);
        if (s == null) {
            if (migs.size() >= MAX_MIGS) {
                migs.clear();
            }
            s = new DeviceState(mig.toString(), mig + " (" + migUuid + ")", " of " + migUuid, SITES);
            migs.put(migUuid, s);
        }
        read(mig, s, migFields, out);
    }

    private void read(GpuDevice d, DeviceState s, DeviceField[] fields, FieldValues.Builder out) {
        s.newCollection();
        for (DeviceField f : fields) {
            switch (f.read()) {
                case Read.Call c -> {
                    Object v = ask(d, s, SHARED + FieldValues.slot(f, 0), c.what(), c.optional(), c.call(), null, 0);
                    if (v != null) {
                        out.put(f, ((OptionalLong) v).getAsLong());
                    }
                }
                case Read.Part<?> p -> part(d, s, f, p, out);
                case Read.PerIndex p -> {
                    int[] indices = switch (p.dimension()) {
                        case FAN -> fans(d, s);
                        case NVLINK -> links(d, s);
                        case NONE -> FIRST[1];
                    };
                    for (int i : indices) {
                        Object v = ask(d, s, SHARED + FieldValues.slot(f, i), p.whats()[i], true, null, p.call(), i);
                        if (v != null) {
                            out.put(f, i, ((OptionalLong) v).getAsLong());
                        }
                    }
                }
                case Read.Gpm g -> { } // the session's GPM reader
                case Read.Session x -> { } // the session itself (the last XID)
            }
        }
        if (!s.lackingNow.isEmpty()) {
            LOG.log(Level.INFO, s.title + ": not available, series left out: " + DeviceState.compact(s.lackingNow));
            s.lackingNow.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private void part(GpuDevice d, DeviceState s, DeviceField f, Read.Part<?> p, FieldValues.Builder out) {
        SharedRead<?> shared = p.shared();
        int id = shared.id();
        if (!s.asked[id]) {
            s.asked[id] = true;
            Object v = ask(d, s, id, shared.what(), shared.optional(), shared.read(), null, 0);
            s.answers[id] = v == null ? null : ((Optional<?>) v).get();
        }
        if (s.answers[id] != null) {
            OptionalLong v = ((Function<Object, OptionalLong>) p.value()).apply(s.answers[id]);
            if (v.isPresent()) {
                out.put(f, v.getAsLong());
            }
        }
    }

    /** The device's fans to read (at most four), asked once per session; none on a passively cooled board. */
    private int[] fans(GpuDevice d, DeviceState s) {
        if (s.fans == null) {
            long errorsBefore = errors;
            Object n = ask(d, s, FANS, "fans", false, GpuDevice::fanCount, null, 0);
            int[] fans = FIRST[n == null ? 0 : (int) Math.min(((OptionalLong) n).getAsLong(), Dimension.FAN.size())];
            if (errors != errorsBefore) {
                return fans; // a failure other than NOT_SUPPORTED asks again next time
            }
            s.fans = fans;
        }
        return s.fans;
    }

    /**
     * The NVLinks active when the session began, asked once per session (so a GPU without NVLink costs one call
     * per session); a link number past the GPU's links ends the list.
     */
    private int[] links(GpuDevice d, DeviceState s) {
        if (s.links != null) {
            return s.links;
        }
        String key = s.key(NVLINK_STATE, "NVLink state");
        inFlight.at(key);
        int[] active = new int[GpuDevice.maxNvLinks()];
        int n = 0;
        for (int link = 0; link < active.length; link++) {
            try {
                Optional<Boolean> a = d.nvLinkActive(link);
                if (a.isEmpty()) {
                    break; // no NVLink, or no link with this number and none after it
                }
                if (a.get()) {
                    active[n++] = link;
                }
            } catch (NvmlException e) {
                if (e.status().isDeviceGone()) {
                    throw e;
                }
                errors++;
                problems.report(key, s.name + ": reading NVLink state failed: " + e.getMessage());
                return Arrays.copyOf(active, n); // not kept: asked again next time
            }
        }
        problems.clear(key);
        s.links = Arrays.copyOf(active, n);
        if (n == 0) {
            s.lacks(NVLINK_STATE, "NVLink");
        }
        return s.links;
    }

    /**
     * One NVML question at {@code site}: {@code read} of the device, else {@code indexed} at {@code index}. The
     * answer (an OptionalLong or an Optional) when it has a value; null when it has none or the call failed.
     */
    private Object ask(GpuDevice d, DeviceState s, int site, String what, boolean optional, Function<GpuDevice, ?> read,
            Read.IndexCall indexed, int index) {
        if (optional && s.unsupported[site]) {
            return null;
        }
        String key = s.key(site, what);
        inFlight.at(key);
        Object v;
        try {
            v = read != null ? read.apply(d) : indexed.read(d, index);
        } catch (NvmlException e) {
            if (e.status().isDeviceGone()) {
                throw e;
            }
            errors++;
            problems.report(key, s.name + ": reading " + what + s.suffix + " failed: " + e.getMessage());
            return null;
        }
        problems.clear(key);
        if (v instanceof OptionalLong l ? l.isPresent() : ((Optional<?>) v).isPresent()) {
            return v;
        }
        if (optional) {
            s.unsupported[site] = true; // a feature the device lacks: not asked again this session
        }
        s.lacks(site, what);
        return null;
    }
}
