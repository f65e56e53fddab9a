package io.gpuagent.gpu;

import io.gpuagent.problem.ProblemLog;
import io.gpuagent.nvml.GpuDevice;
import io.gpuagent.nvml.Nvml;
import io.gpuagent.nvml.NvmlEvents;
import io.gpuagent.nvml.NvmlException;
import io.gpuagent.nvml.XidEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts XID critical errors. NVML delivers them through an event set whose wait blocks in the driver,
 * so a thread of its own waits, never the collection thread. Counts start at 0 when watching starts.
 */
final class XidWatcher implements AutoCloseable {

    private static final Logger LOG = System.getLogger("io.gpuagent.gpu");
    private static final int WAIT_MILLIS = 500;

    private final Map<Integer, Map<Long, LongAdder>> counts = new ConcurrentHashMap<>();
    private final Map<Integer, Long> last = new ConcurrentHashMap<>();
    private final NvmlEvents events;
    private final Map<Integer, String> uuids;
    private final java.util.function.Consumer<XidReport> listener;
    private final Thread thread;
    private volatile boolean running = true;

    private XidWatcher(NvmlEvents events, Map<Integer, String> uuids,
            java.util.function.Consumer<XidReport> listener) {
        this.events = events;
        this.uuids = Map.copyOf(uuids);
        this.listener = listener;
        this.thread = Thread.ofPlatform().name("nvml-xid-events").daemon().unstarted(this::loop);
    }

    /** Starts watching {@code gpus}; empty when the driver offers no event API. */
    static java.util.Optional<XidWatcher> start(Nvml nvml, List<GpuDevice> gpus, ProblemLog problems,
            java.util.function.Consumer<XidReport> listener) {
        NvmlEvents events;
        try {
            events = nvml.events();
        } catch (NvmlException e) {
            problems.report("xid", "XID events unavailable: " + e.getMessage());
            return java.util.Optional.empty();
        }
        int registered = 0;
        Map<Integer, String> uuids = new HashMap<>(); // read now: a GPU that fell off the bus cannot say later
        for (GpuDevice gpu : gpus) {
            try {
                uuids.put(gpu.index(), gpu.uuid());
            } catch (NvmlException e) {
                uuids.put(gpu.index(), "");
            }
            try {
                if (events.registerXid(gpu)) {
                    registered++;
                } else {
                    problems.report("xid/" + gpu.index(), gpu + " does not report XID events");
                }
            } catch (NvmlException e) {
                problems.report("xid/" + gpu.index(), gpu + ": registering for XID events failed: " + e.getMessage());
            }
        }
        if (registered == 0) {
            events.close();
            return java.util.Optional.empty();
        }
        XidWatcher watcher = new XidWatcher(events, uuids, listener);
        watcher.thread.start();
        return java.util.Optional.of(watcher);
    }

    private void loop() {
        while (running) {
            try {
                events.await(WAIT_MILLIS).ifPresent(this::count);
            } catch (NvmlException e) {
                LOG.log(Level.WARNING, "waiting for XID events failed: " + e.getMessage());
                sleepQuietly();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "XID watcher: unexpected failure", e);
                sleepQuietly();
            }
        }
    }

    private void count(XidEvent e) {
        LOG.log(Level.WARNING, "XID " + e.xid() + " on GPU " + e.device().index());
        counts.computeIfAbsent(e.device().index(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(e.xid(), k -> new LongAdder()).increment();
        last.put(e.device().index(), e.xid());
        try {
            listener.accept(new XidReport(e.device().index(),
                    uuids.getOrDefault(e.device().index(), ""), e.xid(),
                    e.gpuInstanceId() < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(e.gpuInstanceId())));
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "XID listener failed: " + ex.getMessage());
        }
    }

    /** The most recent XID on GPU {@code index}, if any came. */
    java.util.OptionalLong last(int index) {
        Long x = last.get(index);
        return x == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(x);
    }

    /** GPU index → XID → count, copied. */
    Map<Integer, Map<Long, Long>> counts() {
        Map<Integer, Map<Long, Long>> copy = new HashMap<>();
        counts.forEach((gpu, perXid) -> {
            Map<Long, Long> m = new HashMap<>();
            perXid.forEach((xid, n) -> m.put(xid, n.sum()));
            copy.put(gpu, Map.copyOf(m));
        });
        return copy;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(WAIT_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            events.close();
        }
    }
}
