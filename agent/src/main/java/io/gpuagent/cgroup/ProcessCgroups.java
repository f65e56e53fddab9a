package io.gpuagent.cgroup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Looks up which pod and container a host process belongs to, by reading {@code <procRoot>/<pid>/cgroup}
 * (the DaemonSet mounts the host's /proc and shares the host PID namespace, so NVML's PIDs name these
 * directories).
 *
 * <p>Answers are cached per PID together with the process's start time (field 22 of
 * {@code <procRoot>/<pid>/stat}, clock ticks since boot): PIDs are reused, and a (pid, start time) pair names
 * one process for the life of the boot. Only pod attributions are cached. A process that is not (yet) in a
 * pod is re-read on every lookup, because runtimes start container processes elsewhere and move them into
 * the container's cgroup ({@code runc exec}, {@code runc init}); caching the early answer would lose the
 * process for its whole life.
 *
 * <p>Thread-safe: the cache is guarded by this object's monitor, file reads happen outside it.
 */
public final class ProcessCgroups {

    /** Default cache bound: far above the processes a node runs on its GPUs. */
    public static final int DEFAULT_MAX_ENTRIES = 65_536;
    /** Both files are a few hundred bytes; a bound keeps a corrupt or hostile procfs from costing memory. */
    private static final int MAX_FILE_BYTES = 64 * 1024;
    /** Holds any stat line the kernel writes today (about 300 bytes, 52 fields). */
    private static final int STAT_BYTES = 1024;

    private record Cached(long startTime, PodContainer pod) {
    }

    private final Path procRoot;
    private final Map<Long, Cached> cache;

    public ProcessCgroups(Path procRoot) {
        this(procRoot, DEFAULT_MAX_ENTRIES);
    }

    public ProcessCgroups(Path procRoot, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.procRoot = procRoot;
        // Access order: when full, the process looked up longest ago goes first.
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Cached> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /**
     * Where process {@code pid} is: its pod and container, the host, or {@link Placement#UNKNOWN} if the process
     * is gone, unreadable, malformed, or in a cgroup namespace that hides its path (see {@link CgroupParser}).
     * One read of its cgroup file answers all three. Never throws for I/O.
     */
    public Placement place(long pid) {
        if (pid <= 0) {
            return Placement.UNKNOWN;
        }
        Path dir = procRoot.resolve(Long.toString(pid));
        OptionalLong startTime = startTime(dir);
        if (startTime.isEmpty()) {
            forget(pid);
            return Placement.UNKNOWN;
        }
        synchronized (this) {
            Cached cached = cache.get(pid);
            if (cached != null && cached.startTime() == startTime.getAsLong()) {
                return Placement.inPod(cached.pod());
            }
        }
        Optional<byte[]> bytes = readBytes(dir.resolve("cgroup"));
        if (bytes.isEmpty()) {
            forget(pid);
            return Placement.UNKNOWN;
        }
        Placement placement = placement(bytes.get());
        // If the PID was reused between the two reads, the cgroup text may be the new process's: re-check the
        // start time, and answer nothing rather than risk a wrong attribution (the next cycle retries).
        OptionalLong after = startTime(dir);
        if (after.isEmpty() || after.getAsLong() != startTime.getAsLong()) {
            forget(pid);
            return Placement.UNKNOWN;
        }
        synchronized (this) {
            if (placement.pod().isPresent()) {
                cache.put(pid, new Cached(startTime.getAsLong(), placement.pod().get()));
            } else {
                cache.remove(pid);
            }
        }
        return placement;
    }

    /** A file over the bound is read for a pod as far as the bound goes, but not claimed for the host. */
    private static Placement placement(byte[] bytes) {
        if (bytes.length > MAX_FILE_BYTES) {
            String head = new String(bytes, 0, MAX_FILE_BYTES, StandardCharsets.UTF_8);
            return CgroupParser.parse(head).map(Placement::inPod).orElse(Placement.UNKNOWN);
        }
        return CgroupParser.place(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Drops cached answers for every PID not in {@code livePids}; call once per collection cycle. */
    public synchronized void retainOnly(Set<Long> livePids) {
        cache.keySet().retainAll(livePids);
    }

    /** Number of cached processes. For tests. */
    synchronized int cachedCount() {
        return cache.size();
    }

    private synchronized void forget(long pid) {
        cache.remove(pid);
    }

    /**
     * The start time from {@code <pidDir>/stat}, read once a second for every process on every GPU: into a buffer of
     * {@value #STAT_BYTES} bytes through a bare channel, parsed as bytes. A line that does not fit (the kernel's are
     * about 300 bytes) is read as any other file.
     */
    private static OptionalLong startTime(Path pidDir) {
        Path file = pidDir.resolve("stat");
        ByteBuffer buf = ByteBuffer.allocate(STAT_BYTES);
        try (FileChannel channel = FileChannel.open(file)) {
            while (buf.hasRemaining() && channel.read(buf) >= 0) {
                // procfs may answer in parts
            }
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty();
        }
        if (buf.hasRemaining()) {
            return parseStartTime(buf.array(), buf.position());
        }
        return readBytes(file).map(b -> parseStartTime(b, Math.min(b.length, MAX_FILE_BYTES)))
                .orElse(OptionalLong.empty());
    }

    /**
     * Field 22 ({@code starttime}) of a {@code /proc/<pid>/stat} line, its first {@code length} bytes. Field 2 is
     * the command name in parentheses, and the name is whatever the process set (up to 15 bytes via prctl/exec): it
     * may contain spaces and {@code )} itself. The kernel writes no {@code )} after it, so fields 3.. start after the
     * last {@code )} in the line. The fields after the name are ASCII.
     */
    static OptionalLong parseStartTime(byte[] stat, int length) {
        // a scan, not a split (JFR on the large node, 256 processes: the split was the collection thread's largest
        // single cost)
        int close = length - 1;
        while (close >= 0 && stat[close] != ')') {
            close--;
        }
        if (close < 0) {
            return OptionalLong.empty();
        }
        int end = length;
        int i = close + 1;
        while (i < end && (stat[i] & 0xff) <= ' ') {
            i++;
        }
        while (end > i && (stat[end - 1] & 0xff) <= ' ') {
            end--;
        }
        for (int field = 3; field < 22; field++) { // skip fields 3 (state) to 21; fields are split by runs of spaces
            while (i < end && stat[i] != ' ') {
                i++;
            }
            while (i < end && stat[i] == ' ') {
                i++;
            }
        }
        if (i >= end) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (; i < end && stat[i] != ' '; i++) { // an unsigned decimal
            int d = stat[i] - '0';
            if (d < 0 || d > 9 || value > (Long.MAX_VALUE - d) / 10) {
                return OptionalLong.empty();
            }
            value = value * 10 + d;
        }
        return OptionalLong.of(value);
    }

    /**
     * Reads a small procfs file: at most one byte over the bound, so a caller can tell a file that went over.
     * procfs reports size 0 for these, so read to EOF (bounded). A vanished process shows as a missing file, or
     * as ESRCH mid-read: both are IOException and mean "gone".
     */
    private static Optional<byte[]> readBytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(in.readNBytes(MAX_FILE_BYTES + 1));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
