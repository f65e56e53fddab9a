package io.gpuagent.accounting;

import io.gpuagent.accounting.Device.AccountKey;
import io.gpuagent.catalog.DeviceField;
import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.GpuReading;
import io.gpuagent.gpu.GpuSnapshot;
import io.gpuagent.gpu.MigReading;
import io.gpuagent.join.Attribution;
import io.gpuagent.join.ContainerUsage;
import io.gpuagent.join.ContainerUsage.ProcessRow;
import io.gpuagent.join.ProcessOwner;
import io.gpuagent.kubelet.Allocations;
import io.gpuagent.problem.ProblemLog;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Per-container energy and GPU time, accumulated collection by collection. It runs on the NVML collection thread
 * after each collection (it needs the previous one, and must not cost the scrape anything); the scrape reads the
 * immutable {@link Accounts} it publishes.
 *
 * <p>Each GPU's energy in each interval ({@link Meter}) is split in two: the <b>idle part</b>, its model's idle
 * floor ({@link IdleFloors}) times the interval, capped at the energy, is shared by allocation; the <b>active
 * part</b>, the rest, by activity ({@link GpuPlan}). Both are split in whole millijoules ({@link Apportion}), so
 * that for every GPU and interval the containers' energy plus its unattributed remainder is exactly its energy.
 *
 * <p>An account starts at 0 when its container is first seen holding or using the device, and is charged from the
 * next interval on (the first one it was there for only part of: that share is unattributed). One that is no longer
 * seen keeps its totals for {@link #GRACE}, so the last increase is scraped and a container missing from one
 * kubelet read keeps counting, then goes. An agent restart starts every account at 0 again: a counter reset.
 */
public final class Ledger {

    /** How long the account of a container that went away is kept. */
    public static final Duration GRACE = Duration.ofMinutes(5);
    private static final Logger LOG = System.getLogger("io.gpuagent.accounting");
    private static final String FAILED = "accounting";

    private final LongSupplier nanos;
    private final ProblemLog problems = new ProblemLog(LOG);
    private final IdleFloors floors = new IdleFloors();
    private final Map<String, GpuTotals> gpus = new LinkedHashMap<>();
    private final Map<AccountKey, Account> accounts = new LinkedHashMap<>();
    private volatile Accounts current = Accounts.NONE;

    /** One GPU's meter and remainder. */
    private static final class GpuTotals {
        final Meter meter = new Meter();
        GpuIdentity identity;
        long unattributed;
        boolean metered;
        OptionalLong floor = OptionalLong.empty();
        SplitMethod method = SplitMethod.ALLOCATION;
        long lastSeen;
    }

    public Ledger() {
        this(System::nanoTime);
    }

    /** @param nanos a monotonic clock in nanoseconds ({@link System#nanoTime}) */
    public Ledger(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /**
     * Accounts for the interval that ends with a new collection; never throws (a failure keeps the last accounts,
     * logged once): it runs inside the NVML collection.
     *
     * @param allocations the kubelet's allocations as they are now, if any
     * @param owners the owners of the snapshot's processes ({@link io.gpuagent.join.ProcessOwners})
     */
    public void update(GpuSnapshot snapshot, Optional<Allocations> allocations, Map<Long, ProcessOwner> owners) {
        try {
            update(snapshot, allocations, owners, nanos.getAsLong());
            problems.clear(FAILED, "energy accounting works again");
        } catch (RuntimeException e) {
            problems.report(FAILED, String.valueOf(e), Level.ERROR,
                    "energy accounting failed; the last accounts are served: " + e, e);
        }
    }

    /** The accounts after the latest collection; never blocks. */
    public Accounts current() {
        return current;
    }

    synchronized void update(GpuSnapshot s, Optional<Allocations> allocations, Map<Long, ProcessOwner> owners, long now) {
        Attribution attribution = allocations.map(a -> Attribution.resolve(s, a)).orElse(Attribution.NONE);
        List<ProcessRow> processes = ContainerUsage.processes(s, attribution, pid -> Optional.ofNullable(owners.get(pid)));
        for (GpuReading g : s.gpus()) {
            if (g.up()) {
                g.value(DeviceField.POWER_USAGE).ifPresent(p -> floors.observe(g.identity().model(), p));
            }
        }
        Map<String, List<MigReading>> instances = new HashMap<>();
        s.migs().forEach(m -> instances.computeIfAbsent(m.identity().parent().uuid(), k -> new ArrayList<>()).add(m));
        Map<String, List<Attribution.Holding>> holdings = new HashMap<>();
        attribution.holdings().forEach(h -> holdings.computeIfAbsent(h.gpu().uuid(), k -> new ArrayList<>()).add(h));
        Map<String, List<ProcessRow>> running = new HashMap<>();
        processes.forEach(p -> running.computeIfAbsent(p.gpu().uuid(), k -> new ArrayList<>()).add(p));
        accounts.values().forEach(a -> a.powerWatts = Double.NaN);

        for (GpuReading g : s.gpus()) {
            String uuid = g.identity().uuid();
            if (uuid.isEmpty()) {
                continue; // a GPU that never answered has no identity to keep accounts by
            }
            GpuTotals t = gpus.computeIfAbsent(uuid, k -> new GpuTotals());
            t.identity = g.identity();
            t.lastSeen = now;
            Optional<Meter.Interval> interval = t.meter.advance(g, now);
            if (!g.up()) {
                continue;
            }
            GpuPlan plan = GpuPlan.of(g, instances.getOrDefault(uuid, List.of()), holdings.getOrDefault(uuid, List.of()),
                    attribution, running.getOrDefault(uuid, List.of()));
            t.method = plan.method;
            plan.present.forEach((key, device) -> {
                Account a = accounts.computeIfAbsent(key, k -> new Account(device, k.owner(), now));
                a.device = device;
                a.lastSeen = now;
            });
            interval.ifPresent(i -> charge(t, plan, i));
        }
        accounts.values().forEach(a -> a.fresh = false);
        accounts.values().removeIf(a -> now - a.lastSeen > GRACE.toNanos());
        gpus.values().removeIf(t -> now - t.lastSeen > GRACE.toNanos());
        current = publish();
    }

    private void charge(GpuTotals t, GpuPlan plan, Meter.Interval i) {
        double seconds = i.nanos() / 1e9;
        if (i.energyMillijoules().isPresent()) {
            long energy = i.energyMillijoules().getAsLong();
            t.metered = true;
            if (i.afterGap()) {
                t.unattributed += energy; // nobody's use of the GPU was seen while it did not answer
                return;
            }
            String model = t.identity.model();
            if (floors.of(model).isEmpty()) {
                floors.observe(model, Math.round(energy / seconds)); // no power readings: the interval's mean power
            }
            t.floor = floors.of(model);
            long idle = Math.min(energy, Math.round(t.floor.orElse(0) * seconds));
            plan.present.keySet().forEach(k -> accounts.get(k).powerWatts = 0);
            give(t, plan.idle, idle, seconds);
            give(t, plan.active, energy - idle, seconds);
        }
        if (i.afterGap()) {
            return;
        }
        for (GpuPlan.Part p : plan.held) {
            Account a = accounts.get(p.key());
            if (!a.fresh) {
                a.gpuSeconds += p.weight() * seconds;
            }
        }
        if (plan.sampled) {
            plan.present.keySet().forEach(k -> accounts.get(k).sampled = true);
            for (GpuPlan.Part p : plan.sm) {
                Account a = accounts.get(p.key());
                if (!a.fresh) {
                    a.smSeconds += p.weight() * seconds;
                }
            }
        }
    }

    /** Splits {@code millijoules} by {@code parts}; a fresh account's part and the remainder's are unattributed. */
    private void give(GpuTotals t, List<GpuPlan.Part> parts, long millijoules, double seconds) {
        double[] weights = new double[parts.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = parts.get(i).weight();
        }
        long[] split = Apportion.split(millijoules, weights);
        for (int i = 0; i < split.length; i++) {
            AccountKey key = parts.get(i).key();
            if (key == null) {
                t.unattributed += split[i];
                continue;
            }
            Account a = accounts.get(key);
            a.metered = true;
            a.powerWatts += split[i] / 1000.0 / seconds;
            if (a.fresh) {
                t.unattributed += split[i];
            } else {
                a.energy += split[i];
            }
        }
    }

    private Accounts publish() {
        List<Accounts.Container> rows = new ArrayList<>(accounts.size());
        accounts.values().forEach(a -> rows.add(a.row()));
        List<Accounts.Gpu> out = new ArrayList<>(gpus.size());
        for (GpuTotals t : gpus.values()) {
            out.add(new Accounts.Gpu(t.identity,
                    t.metered ? OptionalDouble.of(t.unattributed / 1000.0) : OptionalDouble.empty(),
                    t.floor.isPresent() ? OptionalDouble.of(t.floor.getAsLong() / 1000.0) : OptionalDouble.empty(),
                    t.method));
        }
        return new Accounts(rows, out);
    }
}
