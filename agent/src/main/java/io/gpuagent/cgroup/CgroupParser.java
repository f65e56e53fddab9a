package io.gpuagent.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Attributes a process to a Kubernetes pod and container from the text of its {@code /proc/<pid>/cgroup}.
 * Pure: no I/O, no state, never throws on any input.
 *
 * <p>The file has one {@code hierarchy-ID:controller-list:cgroup-path} line per mounted hierarchy:
 * <ul>
 *   <li>cgroup v2 (unified) hosts print a single {@code 0::/path} line;
 *   <li>cgroup v1 hosts print one line per hierarchy ({@code 4:memory:/...}, {@code 7:cpu,cpuacct:/...},
 *       {@code 1:name=systemd:/...}), in no order worth relying on, and hybrid hosts add a {@code 0::} line for
 *       the unified hierarchy systemd mounts beside them. The lines normally agree, but some can show {@code /}
 *       (a hierarchy the runtime did not join, or one mounted elsewhere), so the resource controllers the
 *       kubelet always configures for a pod are preferred.
 * </ul>
 * A path of just {@code /} (for example {@code 0::/}) means the process sits at the root of the reader's cgroup
 * namespace: the kernel prints paths relative to the reading process's namespace root (Linux 4.6+), so a reader
 * inside the same namespace, or a process in its own namespace, gives nothing to attribute by — the file alone
 * cannot tell, and the answer is empty. From an outer namespace the path instead starts with {@code ..}
 * segments, which {@link KubepodsPath} handles.
 *
 * <p>{@link #place} also tells a process on the host (a well-formed file naming no pod) from one it cannot say
 * anything about.
 */
public final class CgroupParser {

    /** Far above any real line (paths are bounded by PATH_MAX, 4096); longer lines are skipped unread. */
    static final int MAX_LINE = 8192;
    /** v1 has at most a few dozen hierarchies; stop after this many lines of anything. */
    private static final int MAX_LINES = 256;
    /** {@code hierarchy-ID:controller-list:cgroup-path}, the path absolute (or {@code /..} from outside). */
    private static final Pattern CGROUP_LINE = Pattern.compile("\\d+:[^:]*:/.*");

    private CgroupParser() {
    }

    /** The pod, else the host when {@link #outsideAnyPod}, else {@link Placement#UNKNOWN}. */
    public static Placement place(String cgroupFileText) {
        Optional<PodContainer> pod = parse(cgroupFileText);
        if (pod.isPresent()) {
            return Placement.inPod(pod.get());
        }
        return outsideAnyPod(cgroupFileText) ? Placement.HOST : Placement.UNKNOWN;
    }

    /**
     * Whether the text is a well-formed cgroup file (every line {@code hierarchy:controllers:/path}, or empty)
     * that mentions no kubepods path: a process on the host. Anything else is not claimed for the host: garbage,
     * bytes that were not UTF-8 (decoded as U+FFFD), or a kubepods path {@link KubepodsPath} does not read.
     */
    static boolean outsideAnyPod(String cgroupFileText) {
        if (cgroupFileText == null || cgroupFileText.indexOf('\uFFFD') >= 0) {
            return false;
        }
        List<String> lines = cgroupFileText.lines().toList();
        return !lines.isEmpty() && lines.stream().allMatch(l -> l.isEmpty() || CGROUP_LINE.matcher(l).matches())
                && lines.stream().noneMatch(l -> l.contains("kubepods"));
    }

    public static Optional<PodContainer> parse(String cgroupFileText) {
        if (cgroupFileText == null || cgroupFileText.isEmpty()) {
            return Optional.empty();
        }
        List<Candidate> found = new ArrayList<>();
        int start = 0;
        for (int n = 0; n < MAX_LINES && start < cgroupFileText.length(); n++) {
            int end = cgroupFileText.indexOf('\n', start);
            if (end < 0) {
                end = cgroupFileText.length();
            }
            if (end - start <= MAX_LINE) {
                Candidate c = parseLine(cgroupFileText.substring(start, end));
                if (c != null) {
                    found.add(c);
                }
            }
            start = end + 1;
        }
        Candidate best = null;
        for (Candidate c : found) {
            if (best == null || c.rank() < best.rank()) {
                best = c;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        PodContainer pod = best.pod();
        // On v1 one hierarchy may stop at the pod while another reaches the container; the process is then in
        // that container, so take the id from a line that agrees on the pod.
        if (pod.containerId().isEmpty()) {
            for (Candidate c : found) {
                PodContainer other = c.pod();
                if (other.podUid().equals(pod.podUid()) && other.containerId().isPresent()) {
                    QosClass qos = pod.qos() == QosClass.UNKNOWN ? other.qos() : pod.qos();
                    return Optional.of(new PodContainer(pod.podUid(), other.containerId(), qos));
                }
            }
        }
        return Optional.of(pod);
    }

    private record Candidate(PodContainer pod, int rank) {
    }

    /** The pod a single line names, with the line's preference (lower wins); null if it names none. */
    private static Candidate parseLine(String rawLine) {
        String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
        int first = line.indexOf(':');
        int second = first < 0 ? -1 : line.indexOf(':', first + 1);
        if (first <= 0 || second < 0 || !digits(line, 0, first)) {
            return null;
        }
        // The path is everything after the second colon; it may itself contain colons.
        return KubepodsPath.parse(line.substring(second + 1))
                .map(pod -> new Candidate(pod, rank(line.substring(0, first), line.substring(first + 1, second))))
                .orElse(null);
    }

    /**
     * Which hierarchy to believe first: the v1 resource controllers the kubelet sets up for every pod, then the
     * systemd named hierarchy (v1), then the unified line (sole line on v2, systemd's on hybrid hosts).
     */
    private static int rank(String hierarchyId, String controllers) {
        int best = 6;
        for (String controller : controllers.split(",", -1)) {
            int r = switch (controller) {
                case "memory" -> 0;
                case "cpu", "cpuacct" -> 1;
                case "pids" -> 2;
                case "name=systemd" -> 3;
                default -> 5;
            };
            best = Math.min(best, r);
        }
        if (controllers.isEmpty() && hierarchyId.equals("0")) {
            best = 4;
        }
        return best;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
