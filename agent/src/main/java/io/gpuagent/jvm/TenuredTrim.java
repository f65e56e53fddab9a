package io.gpuagent.jvm;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.Optional;

/**
 * Keeps the serial collector's old generation close to the live set. What one collection, one scrape or one informer
 * event leaves behind is promoted now and then and stays until the old generation is full; the serial collector then
 * collects it, but keeps the space it grew to, so the agent's RSS climbs for half an hour to the heap's maximum and
 * stays there (docs/performance.md: 152 → 188 MiB on the large node). Collecting the old generation as soon as it
 * holds {@code slack} bytes more than the last full collection left keeps it, and the RSS, near the live set, for one
 * short pause every few minutes.
 *
 * <p>Only for the serial collector (the image's): other collectors return memory by themselves and are left alone.
 */
public final class TenuredTrim implements Runnable {

    private static final Logger LOG = System.getLogger("io.gpuagent.jvm");
    /** The serial collector's old generation. */
    private static final String POOL = "Tenured Gen";

    private final MemoryPoolMXBean tenured;
    private final long slack;
    private final Runnable fullCollection;
    private long collections;

    TenuredTrim(MemoryPoolMXBean tenured, long slack, Runnable fullCollection) {
        this.tenured = tenured;
        this.slack = slack;
        this.fullCollection = fullCollection;
    }

    /** For this JVM, if it runs the serial collector; {@code slack} bytes of garbage are let be. */
    public static Optional<TenuredTrim> forThisJvm(long slack) {
        // with the serial collector System.gc() is a full collection of both generations
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> POOL.equals(p.getName())).findFirst()
                .map(p -> new TenuredTrim(p, slack, System::gc));
    }

    /** One look: a full collection when the old generation holds more than {@code slack} above its live set. */
    @Override
    public void run() {
        MemoryUsage now = tenured.getUsage();
        MemoryUsage afterLastFull = tenured.getCollectionUsage(); // 0 used before the first full collection
        if (now == null || afterLastFull == null || now.getUsed() - afterLastFull.getUsed() <= slack) {
            return;
        }
        long start = System.nanoTime();
        fullCollection.run();
        collections++;
        if (collections == 1 || LOG.isLoggable(Level.DEBUG)) {
            LOG.log(collections == 1 ? Level.INFO : Level.DEBUG, "old generation collected: "
                    + mib(now.getUsed()) + " → " + mib(tenured.getCollectionUsage().getUsed()) + " MiB in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms" + (collections == 1
                    ? " (done whenever it holds " + mib(slack) + " MiB above what the last one left; logged once)" : ""));
        }
    }

    /** Full collections this has asked for. */
    public long collections() {
        return collections;
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
