package io.gpuagent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of {@link CgroupParser#parse}: a generated {@code /proc/<pid>/cgroup} for a known pod and container
 * (cgroup v1, v2 and hybrid; systemd and cgroupfs drivers; containerd, CRI-O and Docker; cgroup roots, nested
 * runtimes, cgroup namespaces) parses back to exactly that pod, container and QoS class; any other text yields a
 * well-formed answer or none, never an exception, and never names a pod or container the text does not.
 */
class CgroupParserPropertiesTest {

    enum Driver { SYSTEMD, CGROUPFS }

    enum Runtime { CONTAINERD, CRIO, DOCKER }

    enum Level { CONTAINER, CRUN_CHILD, POD, CONMON }

    enum Layout { V2, V1, HYBRID }

    /** One process's cgroup as the kubelet and runtime would lay it out, and what the parser must find. */
    record Case(String text, PodContainer expected) {
    }

    @Property
    void aGeneratedCgroupFileParsesBackToItsPodAndContainer(@ForAll("cases") Case c) {
        assertThat(CgroupParser.parse(c.text())).as(c.text()).contains(c.expected());
    }

    @Property
    void anyTextGivesAWellFormedAnswerOrNone(@ForAll("cgroupLike") String text) {
        check(text);
    }

    @Property
    void arbitraryUnicodeNeverThrows(@ForAll @StringLength(max = 400) String text) {
        check(text);
    }

    @Property
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 600) byte[] bytes) {
        check(new String(bytes, StandardCharsets.UTF_8));
        check(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    @Property
    void aCorruptedFileGivesAWellFormedAnswerOrNone(@ForAll("cases") Case c,
            @ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.constraints.IntRange(max = 100_000) Integer> at,
            @ForAll("noise") String junk) {
        StringBuilder b = new StringBuilder(c.text());
        for (int p : at) {
            int i = p % (b.length() + 1);
            switch (p % 3) {
                case 0 -> b.insert(i, junk);
                case 1 -> b.delete(i, Math.min(b.length(), i + junk.length() + 1));
                default -> b.setLength(i);
            }
        }
        check(b.toString());
    }

    @Property
    void hugeLinesAreSkippedAndTheRestStillRead(@ForAll("cases") Case c,
            @ForAll @net.jqwik.api.constraints.IntRange(min = CgroupParser.MAX_LINE + 1, max = 100_000) int size,
            @ForAll("noise") String filler) {
        String unit = filler.isEmpty() ? "x" : filler.replace('\n', 'x'); // one line, however long
        String huge = "0::/kubepods/pod" + c.expected().podUid() + "/" + unit.repeat(size / unit.length() + 1);
        assertThat(CgroupParser.parse(huge + "\n" + c.text())).contains(c.expected());
        assertThat(CgroupParser.parse(c.text() + "\n" + huge)).contains(c.expected());
    }

    /** Whatever the answer, it is in the documented form and both ids occur in the text. */
    private static void check(String text) {
        Optional<PodContainer> pc = CgroupParser.parse(text);
        pc.ifPresent(p -> {
            assertThat(KubepodsPath.normalizeUid(p.podUid())).as(text).isEqualTo(p.podUid());
            String lower = text.toLowerCase(Locale.ROOT);
            assertThat(lower.contains(p.podUid()) || lower.contains(p.podUid().replace('-', '_'))).as(text).isTrue();
            p.containerId().ifPresent(id -> {
                assertThat(id).as(text).matches("[0-9a-f]{64}");
                assertThat(lower).as(text).contains(id);
            });
        });
    }

    static Arbitrary<String> hex(int bytes) {
        return Arbitraries.bytes().array(byte[].class).ofSize(bytes).map(b -> HexFormat.of().formatHex(b));
    }

    static Arbitrary<String> anyCase(Arbitrary<String> s) {
        return Combinators.combine(s, Arbitraries.integers().between(0, 2)).as((v, k) -> switch (k) {
            case 0 -> v;
            case 1 -> v.toUpperCase(Locale.ROOT);
            default -> mixCase(v);
        });
    }

    private static String mixCase(String v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            b.append(i % 2 == 0 ? Character.toUpperCase(v.charAt(i)) : v.charAt(i));
        }
        return b.toString();
    }

    static Arbitrary<String> podUid() {
        Arbitrary<String> uuid = hex(16).map(h -> h.substring(0, 8) + "-" + h.substring(8, 12) + "-"
                + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20));
        return anyCase(Arbitraries.oneOf(uuid, hex(16))); // API UID, or a static pod's config hash
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<QosClass> qos = Arbitraries.of(QosClass.GUARANTEED, QosClass.BURSTABLE, QosClass.BEST_EFFORT);
        Arbitrary<String> root = Arbitraries.of("", "kubelet", "custom");
        Arbitrary<String> outer = Arbitraries.oneOf(Arbitraries.of("", "/system.slice/containerd.service",
                "/actions_job/abc"), hex(32).map(h -> "/docker/" + h));
        Arbitrary<Integer> namespaceUp = Arbitraries.integers().between(0, 4); // 0: the host's view
        Arbitrary<Layout> layout = Arbitraries.of(Layout.class);
        Arbitrary<String> ending = Arbitraries.of("\n", "\r\n", "");
        Arbitrary<Long> shuffle = Arbitraries.longs();
        Arbitrary<Boolean> deleted = Arbitraries.integers().between(0, 9).map(n -> n == 0);
        List<Arbitrary<Object>> parts = List.of(obj(Arbitraries.of(Driver.class)), obj(Arbitraries.of(Runtime.class)),
                obj(Arbitraries.of(Level.class)), obj(qos), obj(podUid()), obj(anyCase(hex(32))), obj(root), obj(outer),
                obj(namespaceUp), obj(layout), obj(ending), obj(shuffle), obj(deleted));
        return Combinators.combine(parts)
                .as(v -> build((Driver) v.get(0), (Runtime) v.get(1), (Level) v.get(2), (QosClass) v.get(3),
                        (String) v.get(4), (String) v.get(5), (String) v.get(6), (String) v.get(7), (Integer) v.get(8),
                        (Layout) v.get(9), (String) v.get(10), (Long) v.get(11), (Boolean) v.get(12)));
    }

    private static Arbitrary<Object> obj(Arbitrary<?> a) {
        return a.map(x -> (Object) x);
    }

    private static Case build(Driver driver, Runtime runtime, Level level, QosClass qos, String uid, String cid,
            String root, String outer, int up, Layout layout, String ending, long shuffle, boolean deleted) {
        String path = podPath(driver, qos, uid, root, outer, up);
        String container = switch (runtime) {
            case CONTAINERD -> driver == Driver.SYSTEMD ? "cri-containerd-" + cid + ".scope" : cid;
            case CRIO -> driver == Driver.SYSTEMD ? "crio-" + cid + ".scope" : "crio-" + cid;
            case DOCKER -> driver == Driver.SYSTEMD ? "docker-" + cid + ".scope" : cid;
        };
        String conmon = driver == Driver.SYSTEMD ? "crio-conmon-" + cid + ".scope" : "crio-conmon-" + cid;
        path += switch (level) {
            case CONTAINER -> "/" + container;
            case CRUN_CHILD -> "/" + container + "/container";
            case POD -> "";
            case CONMON -> "/" + conmon;
        };
        boolean inContainer = level == Level.CONTAINER || level == Level.CRUN_CHILD;
        // Seen from inside a cgroup namespace rooted at a cgroupfs pod's QoS parent, the QoS is still named;
        // rooted deeper than kubepods for a Guaranteed pod, it is lost.
        QosClass expectedQos = driver == Driver.CGROUPFS && up > 0 && qos == QosClass.GUARANTEED
                ? QosClass.UNKNOWN : qos;
        PodContainer expected = new PodContainer(uid.toLowerCase(Locale.ROOT),
                inContainer ? Optional.of(cid.toLowerCase(Locale.ROOT)) : Optional.empty(), expectedQos);
        List<String> lines = new ArrayList<>();
        java.util.Random random = new java.util.Random(shuffle);
        switch (layout) {
            case V2 -> lines.add("0::" + path + (deleted ? " (deleted)" : ""));
            case V1, HYBRID -> {
                String[] controllers = {"memory", "cpu,cpuacct", "pids", "name=systemd", "devices", "blkio",
                        "cpuset", "hugetlb", "freezer"};
                int id = 1;
                for (String c : controllers) {
                    // The kubelet's controllers always carry the path; others may show "/".
                    boolean carries = c.equals("memory") || random.nextBoolean();
                    lines.add(id++ + ":" + c + ":" + (carries ? path : "/"));
                }
                lines.add(id++ + ":net_cls,net_prio:/");
                lines.add(id + ":perf_event:/");
                if (layout == Layout.HYBRID) {
                    lines.add("0::" + (random.nextBoolean() ? "/" : "/system.slice/containerd.service"));
                }
                java.util.Collections.shuffle(lines, random);
            }
        }
        return new Case(String.join(ending.isEmpty() ? "\n" : ending, lines) + ending, expected);
    }

    private static String podPath(Driver driver, QosClass qos, String uid, String root, String outer, int up) {
        String qosName = switch (qos) {
            case BURSTABLE -> "burstable";
            case BEST_EFFORT -> "besteffort";
            default -> "";
        };
        List<String> segments = new ArrayList<>();
        if (driver == Driver.SYSTEMD) {
            String prefix = root.isEmpty() ? "" : root + "-";
            if (!root.isEmpty()) {
                segments.add(root + ".slice");
            }
            segments.add(prefix + "kubepods.slice");
            String qosUnit = prefix + "kubepods" + (qosName.isEmpty() ? "" : "-" + qosName);
            if (!qosName.isEmpty()) {
                segments.add(qosUnit + ".slice");
            }
            segments.add(qosUnit + "-pod" + uid.replace('-', '_') + ".slice");
        } else {
            if (!root.isEmpty()) {
                segments.add(root);
            }
            segments.add("kubepods");
            if (!qosName.isEmpty()) {
                segments.add(qosName);
            }
            segments.add("pod" + uid);
        }
        if (up > 0) {
            // A cgroup namespace whose root is the pod's parent (or above): its ancestors print as "..". For
            // cgroupfs the QoS parent stays visible only when the namespace root is above it.
            int hidden = driver == Driver.CGROUPFS && !qosName.isEmpty() ? segments.size() - 2 : segments.size() - 1;
            return "/..".repeat(up) + "/" + String.join("/", segments.subList(hidden, segments.size()));
        }
        return outer + "/" + String.join("/", segments);
    }

    /** Text made of the pieces real files have, in any order. */
    @Provide
    Arbitrary<String> cgroupLike() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("/", ":", "0", "12", "\n", "\r\n", "kubepods", "kubepods.slice", "kubepods-",
                        "-pod", "pod", ".slice", ".scope", "..", ".", "-", "_", "burstable", "besteffort",
                        "cri-containerd-", "crio-", "crio-conmon-", "docker-", "container", " (deleted)",
                        "name=systemd", "memory", ",", "\u0000", "é", "\uD800", "\uFF10"),
                podUid(), podUid().map(u -> u.replace('-', '_')), anyCase(hex(32)), hex(31));
        return token.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(Arbitraries.of("", "/", ":", "\n", "..", "-", "_", "0::/", "\u0000", "\r"),
                Arbitraries.strings().ofMaxLength(6), hex(2));
    }
}
