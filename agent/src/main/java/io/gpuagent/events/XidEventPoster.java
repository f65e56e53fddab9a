package io.gpuagent.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.gpuagent.gpu.XidReport;
import io.gpuagent.problem.OneLine;
import io.gpuagent.problem.ProblemLog;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Posts each XID as a Kubernetes Event (reason {@code GpuXidError}) on the pod holding the GPU, or on the Node
 * when none does, where people look ({@code kubectl describe pod}, event exporters). An XID storm cannot flood
 * the API server: XIDs of one kind on one GPU for one object are one Event whose count is updated at most every
 * {@link #UPDATE_GAP}, and all writes share a token bucket ({@link #BURST} at once, then one per
 * {@link #REFILL}). The XID watcher thread only counts into a map; a thread of its own does the writing.
 */
public final class XidEventPoster implements AutoCloseable, MultiCollector {

    public static final String REASON = "GpuXidError";
    static final Duration UPDATE_GAP = Duration.ofSeconds(30);
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    /**
     * How long an XID that came before the GPUs' holders were known (the kubelet not read yet, right after start)
     * waits for them before it goes on the node.
     */
    static final Duration HOLD_LIMIT = Duration.ofSeconds(30);
    static final int BURST = 10;
    static final Duration REFILL = Duration.ofSeconds(2);
    private static final int MAX_KEYS = 1024;
    private static final Logger LOG = System.getLogger("io.gpuagent.events");

    /** Where an Event goes: a pod, or the node. */
    public record Target(String kind, String namespace, String name) {
        public static Target pod(String namespace, String name) {
            return new Target("Pod", namespace, name);
        }

        public static Target node(String name) {
            return new Target("Node", "default", name); // node events live in "default", as the kubelet's do
        }
    }

    private record Key(Target target, int gpu, String gpuUuid, long xid) {
    }

    /** XIDs of one kind waiting for the holders to be known. */
    private static final class Held {
        final AtomicLong count = new AtomicLong();
        final Instant since;

        Held(Instant since) {
            this.since = since;
        }
    }

    /** One Event being kept up to date. */
    private static final class Tracked {
        final AtomicLong seen = new AtomicLong();
        volatile Instant lastSeen;
        Instant firstSeen;
        String eventName;
        long written;
        Instant lastWrite = Instant.MIN;
        Instant retryAfter = Instant.MIN;
    }

    private final KubernetesClient client;
    private final String node;
    private final Function<XidReport, List<Target>> targets;
    private final BooleanSupplier holdersKnown;
    private final Clock clock;
    private final Map<Key, Tracked> tracked = new ConcurrentHashMap<>();
    /** XIDs that came before the holders were known, counted, with when the first of each came. */
    private final Map<XidReport, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private double tokens = BURST;
    private Instant lastRefill;
    /** Why writing Events fails, logged once when it starts and once when it ends. */
    private final ProblemLog problems = new ProblemLog(LOG);

    /**
     * @param targets who holds the GPU (or MIG instance) of a report: pods, or the node when none; must not block
     * @param holdersKnown whether {@code targets} can tell yet (the kubelet's allocations have been read): an XID
     *     before that waits for it, at most {@link #HOLD_LIMIT}
     */
    public XidEventPoster(KubernetesClient client, String node, Function<XidReport, List<Target>> targets,
            BooleanSupplier holdersKnown, Clock clock) {
        this(client, node, targets, holdersKnown, clock, true);
    }

    /** Holders always known. */
    XidEventPoster(KubernetesClient client, String node, Function<XidReport, List<Target>> targets, Clock clock,
            boolean background) {
        this(client, node, targets, () -> true, clock, background);
    }

    /** @param background whether a thread flushes every second (tests call {@link #flush()} themselves) */
    XidEventPoster(KubernetesClient client, String node, Function<XidReport, List<Target>> targets,
            BooleanSupplier holdersKnown, Clock clock, boolean background) {
        this.client = client;
        this.node = node;
        this.targets = targets;
        this.holdersKnown = holdersKnown;
        this.clock = clock;
        this.lastRefill = clock.instant();
        this.thread = Thread.ofPlatform().name("xid-events").daemon().unstarted(this::loop);
        if (background) {
            thread.start();
        }
    }

    /** Called for each XID by the watcher thread: counts it, never blocks on the API server. */
    public void offer(XidReport r) {
        Instant now = clock.instant();
        if (!holdersKnown.getAsBoolean()) {
            synchronized (held) {
                if (!held.containsKey(r) && held.size() >= MAX_KEYS) {
                    dropped.incrementAndGet();
                } else {
                    held.computeIfAbsent(r, x -> new Held(now)).count.incrementAndGet();
                }
            }
            return; // the flush thread places it once the holders are known
        }
        count(r, 1, now);
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Counts {@code n} of {@code r} for each holder of its GPU, or for the node. */
    private void count(XidReport r, long n, Instant now) {
        List<Target> to;
        try {
            to = targets.apply(r);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "XID event: finding the holder of GPU " + r.gpu() + " failed: " + e.getMessage());
            to = List.of(Target.node(node));
        }
        place(r, to.isEmpty() ? List.of(Target.node(node)) : to, n, now);
    }

    private void place(XidReport r, List<Target> to, long n, Instant now) {
        for (Target t : to) {
            Key k = new Key(t, r.gpu(), r.gpuUuid(), r.xid());
            Tracked tr = tracked.get(k);
            if (tr == null) {
                if (tracked.size() >= MAX_KEYS) {
                    dropped.incrementAndGet();
                    continue;
                }
                tr = tracked.computeIfAbsent(k, x -> new Tracked());
            }
            tr.lastSeen = now;
            tr.seen.addAndGet(n);
        }
    }

    /** XIDs that waited for the holders: placed once they are known, or on the node after {@link #HOLD_LIMIT}. */
    private void placeHeld(Instant now) {
        if (held.isEmpty()) {
            return;
        }
        boolean known = holdersKnown.getAsBoolean();
        synchronized (held) { // against offer(): no XID counted twice or lost
            for (java.util.Iterator<Map.Entry<XidReport, Held>> it = held.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<XidReport, Held> e = it.next();
                Held h = e.getValue();
                if (known) {
                    count(e.getKey(), h.count.get(), h.since);
                } else if (Duration.between(h.since, now).compareTo(HOLD_LIMIT) >= 0) {
                    place(e.getKey(), List.of(Target.node(node)), h.count.get(), h.since);
                } else {
                    continue;
                }
                it.remove();
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                flush();
                synchronized (wake) {
                    wake.wait(1000);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "XID events: unexpected failure", e);
            }
        }
    }

    /** One pass: writes what is due and the bucket allows. Package-private for tests. */
    synchronized void flush() {
        Instant now = clock.instant();
        placeHeld(now);
        refill(now);
        for (Map.Entry<Key, Tracked> e : tracked.entrySet()) {
            Key k = e.getKey();
            Tracked t = e.getValue();
            long seen = t.seen.get();
            if (t.lastSeen == null) {
                continue; // being counted right now
            }
            if (seen == t.written) {
                if (Duration.between(t.lastSeen, now).compareTo(FORGET_AFTER) > 0) {
                    tracked.remove(k, t);
                }
                continue;
            }
            if (now.isBefore(t.retryAfter) || (t.eventName != null
                    && Duration.between(t.lastWrite, now).compareTo(UPDATE_GAP) < 0)) {
                continue;
            }
            if (tokens < 1) {
                return; // the rest waits for the bucket
            }
            tokens -= 1;
            write(k, t, seen, now);
        }
    }

    private void refill(Instant now) {
        double add = (double) Duration.between(lastRefill, now).toMillis() / REFILL.toMillis();
        if (add > 0) {
            tokens = Math.min(BURST, tokens + add);
            lastRefill = now;
        }
    }

    private void write(Key k, Tracked t, long seen, Instant now) {
        XidCatalog.Entry what = XidCatalog.lookup(k.xid());
        String message = String.format(Locale.ROOT, "XID %d on GPU %d (%s): %s. Recommended action: %s.%s", k.xid(),
                k.gpu(), k.gpuUuid(), what.meaning(), what.action(), seen > 1 ? " Seen " + seen + " times." : "");
        String ts = now.truncatedTo(ChronoUnit.SECONDS).toString();
        int count = (int) Math.min(seen, Integer.MAX_VALUE);
        try {
            if (t.eventName == null) {
                String name = k.target().name() + ".gpu" + k.gpu() + "-xid" + k.xid() + "-"
                        + Long.toHexString(now.toEpochMilli());
                Event ev = new EventBuilder()
                        .withNewMetadata().withName(name).withNamespace(k.target().namespace()).endMetadata()
                        .withNewInvolvedObject().withApiVersion("v1").withKind(k.target().kind())
                        .withName(k.target().name())
                        .withNamespace(k.target().kind().equals("Pod") ? k.target().namespace() : null)
                        .endInvolvedObject()
                        .withReason(REASON).withType("Warning").withMessage(message).withCount(count)
                        .withFirstTimestamp(ts).withLastTimestamp(ts)
                        .withNewSource().withComponent("gpu-agent").withHost(node).endSource()
                        .withReportingComponent("gpu-agent").withReportingInstance(node)
                        .build();
                client.v1().events().inNamespace(k.target().namespace()).resource(ev).create();
                t.eventName = name;
                t.firstSeen = now;
                created.incrementAndGet();
            } else {
                // a JSON merge patch of the three fields that change, built from the typed model: one PATCH, no
                // read first, and fabric8's serializer does the escaping (driver strings can hold anything)
                Event change = new EventBuilder()
                        .withNewMetadata().withName(t.eventName).withNamespace(k.target().namespace()).endMetadata()
                        .withCount(count).withLastTimestamp(ts).withMessage(message)
                        .build();
                client.v1().events().inNamespace(k.target().namespace()).resource(change)
                        .patch(PatchContext.of(PatchType.JSON_MERGE));
                updated.incrementAndGet();
            }
            t.written = seen;
            t.lastWrite = now;
            problems.clear("writes", "XID events: writing Events works again");
        } catch (KubernetesClientException e) {
            failed.incrementAndGet();
            t.retryAfter = now.plus(UPDATE_GAP);
            if (t.eventName != null && e.getCode() == 404) {
                t.eventName = null; // expired or deleted: a new Event next time
            }
            String why = e.getCode() == 403
                    ? "forbidden: the agent's ClusterRole needs events create and patch"
                    : (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "") + OneLine.of(e.getMessage());
            problems.report("writes", why, Level.WARNING, "XID events: writing the Event for XID " + k.xid() + " on GPU "
                    + k.gpu() + " failed (" + why + "); retrying in " + UPDATE_GAP.toSeconds() + " s", null);
        }
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder writes = CounterSnapshot.builder().name("gpu_agent_kubernetes_event_writes")
                .help("Kubernetes Event writes for XID errors, by outcome (an XID storm is coalesced into few writes).");
        for (Map.Entry<String, AtomicLong> o : Map.of("created", created, "updated", updated, "failed", failed).entrySet()) {
            writes.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("outcome", o.getKey()))
                    .value(o.getValue().get()).build());
        }
        CounterSnapshot droppedXids = CounterSnapshot.builder().name("gpu_agent_xid_events_dropped")
                .help("XIDs not posted as Events because too many distinct ones were pending.")
                .dataPoint(CounterDataPointSnapshot.builder().value(dropped.get()).build()).build();
        return MetricSnapshots.of(writes.build(), droppedXids);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
