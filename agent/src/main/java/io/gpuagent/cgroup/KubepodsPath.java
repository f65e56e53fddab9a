package io.gpuagent.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the pod UID, container id and QoS class out of one cgroup path as the kernel prints it in
 * {@code /proc/<pid>/cgroup}. Pure and allocation-light; anything it does not recognise yields empty.
 *
 * <p>The kubelet names pod cgroups in one of two ways, depending on its cgroup driver:
 * <ul>
 *   <li>systemd: {@code kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid>.slice}, Guaranteed
 *       pods at {@code kubepods.slice/kubepods-pod<uid>.slice}. systemd reads {@code -} in a unit name as a
 *       hierarchy separator, so the kubelet writes the UID's dashes as underscores. A {@code --cgroup-root}
 *       (kind uses {@code /kubelet}) prefixes every slice name: {@code kubelet-kubepods-burstable-pod<uid>.slice}.
 *   <li>cgroupfs: {@code kubepods/burstable/pod<uid>}, {@code kubepods/besteffort/pod<uid>}, Guaranteed pods at
 *       {@code kubepods/pod<uid>}, the UID with its dashes.
 * </ul>
 * Below the pod the runtime adds one cgroup per container: containerd {@code cri-containerd-<id>.scope}
 * (systemd) or {@code <id>} (cgroupfs); CRI-O {@code crio-<id>.scope} or {@code crio-<id>}, and
 * {@code crio-conmon-<id>.scope} for its monitor process; dockershim/cri-dockerd {@code docker-<id>.scope} or
 * {@code <id>}. crun on cgroup v2 puts the container's processes one level deeper, in a {@code container}
 * child of the scope (its {@code run.oci.systemd.subgroup} default), so anything below the container
 * cgroup still belongs to that container.
 */
final class KubepodsPath {

    private static final String DELETED = " (deleted)";

    private KubepodsPath() {
    }

    static Optional<PodContainer> parse(String path) {
        // The kernel prints " (deleted)" after a cgroup v2 path whose cgroup was removed while the process
        // (typically a zombie) still references it; the path itself still names the pod.
        if (path.endsWith(DELETED)) {
            path = path.substring(0, path.length() - DELETED.length());
        }
        List<String> segments = segments(path);
        if (segments == null) {
            return Optional.empty();
        }
        // Innermost first: kind nodes and nested kubelets show an outer prefix (/docker/<id>/kubepods/...,
        // /system.slice/containerd.service/kubepods-...) or even an outer pod; the process belongs to the last.
        for (int i = segments.size() - 1; i >= 0; i--) {
            PodContainer pod = podAt(segments, i);
            if (pod != null) {
                return Optional.of(new PodContainer(pod.podUid(), containerAt(segments, i + 1), pod.qos()));
            }
        }
        return Optional.empty();
    }

    /**
     * Non-empty segments of an absolute path. Leading {@code ..} segments appear when the reader sits in a
     * cgroup namespace (the path is relative to the reader's namespace root, kernel 4.6+) and are kept, since
     * they stand in for the parents that a cgroupfs pod segment is judged by; {@code ..} anywhere else is not
     * something the kernel writes, so the path is rejected (null).
     */
    private static List<String> segments(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        List<String> out = new ArrayList<>();
        boolean named = false;
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (end > start) {
                String segment = path.substring(start, end);
                if (segment.equals("..")) {
                    if (named) {
                        return null;
                    }
                } else if (segment.equals(".")) {
                    return null;
                } else {
                    named = true;
                }
                out.add(segment);
            }
            start = end + 1;
        }
        return out;
    }

    /** The pod named by segment {@code i}, container id left empty; null when it is no pod cgroup. */
    private static PodContainer podAt(List<String> segments, int i) {
        String segment = segments.get(i);
        if (segment.endsWith(".slice")) {
            return systemdPod(segment.substring(0, segment.length() - ".slice".length()));
        }
        if (segment.startsWith("pod")) {
            return cgroupfsPod(segments, i);
        }
        return null;
    }

    /** {@code [<root>-]kubepods[-<qos>]-pod<uid_with_underscores>}, the {@code .slice} already removed. */
    private static PodContainer systemdPod(String unit) {
        int pod = unit.lastIndexOf("-pod");
        if (pod < 0) {
            return null;
        }
        String uid = normalizeUid(unit.substring(pod + "-pod".length()).replace('_', '-'));
        if (uid == null) {
            return null;
        }
        String[] parents = unit.substring(0, pod).split("-", -1);
        int kubepods = parents.length - 1;
        while (kubepods >= 0 && !parents[kubepods].equals("kubepods")) {
            kubepods--;
        }
        QosClass qos;
        if (kubepods < 0 || kubepods < parents.length - 2) {
            return null;
        } else if (kubepods == parents.length - 1) {
            qos = QosClass.GUARANTEED;
        } else {
            qos = QosClass.fromCgroupName(parents[parents.length - 1]);
            if (qos == null) {
                return null;
            }
        }
        return new PodContainer(uid, Optional.empty(), qos);
    }

    /**
     * {@code pod<uid>}, accepted only under a parent the kubelet would create: {@code kubepods},
     * {@code kubepods/<qos>}, or — when a cgroup namespace hid the parents — {@code ..} or {@code ../<qos>}.
     * A bare {@code pod...} elsewhere is someone else's cgroup.
     */
    private static PodContainer cgroupfsPod(List<String> segments, int i) {
        String uid = normalizeUid(segments.get(i).substring("pod".length()));
        if (uid == null || i == 0) {
            return null;
        }
        String parent = segments.get(i - 1);
        QosClass qos;
        if (parent.equals("kubepods")) {
            qos = QosClass.GUARANTEED;
        } else if (parent.equals("..")) {
            // Guaranteed or not: the parent that would tell is above the namespace root.
            qos = QosClass.UNKNOWN;
        } else {
            qos = QosClass.fromCgroupName(parent);
            if (qos == null || i < 2) {
                return null;
            }
            String grandparent = segments.get(i - 2);
            if (!grandparent.equals("kubepods") && !grandparent.equals("..")) {
                return null;
            }
        }
        return new PodContainer(uid, Optional.empty(), qos);
    }

    /** The container id of the cgroup directly below the pod, if that cgroup is a container's. */
    private static Optional<String> containerAt(List<String> segments, int i) {
        if (i >= segments.size()) {
            return Optional.empty();
        }
        String name = segments.get(i);
        if (name.endsWith(".scope")) {
            name = name.substring(0, name.length() - ".scope".length());
        }
        // CRI-O's conmon monitors the container from outside it; it is the pod's, not the container's. Said
        // explicitly rather than left to the hex check after stripping "crio-" below.
        if (name.startsWith("crio-conmon-")) {
            return Optional.empty();
        }
        for (String prefix : new String[] {"cri-containerd-", "crio-", "docker-"}) {
            if (name.startsWith(prefix)) {
                name = name.substring(prefix.length());
                break;
            }
        }
        return isHex(name, 64) ? Optional.of(name.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * A pod UID in dashed form (API-assigned UUIDs) or a static pod's config hash (32 hex, an md5 the kubelet
     * computes for pods from files or URLs), lower-cased; null for anything else.
     */
    static String normalizeUid(String uid) {
        if (uid.length() == 32) {
            return isHex(uid, 32) ? uid.toLowerCase(Locale.ROOT) : null;
        }
        if (uid.length() != 36) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            char c = uid.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexChar(c)) {
                return null;
            }
        }
        return uid.toLowerCase(Locale.ROOT);
    }

    private static boolean isHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!isHexChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** ASCII only: {@link Character#digit} would also take other scripts' digits. */
    private static boolean isHexChar(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
