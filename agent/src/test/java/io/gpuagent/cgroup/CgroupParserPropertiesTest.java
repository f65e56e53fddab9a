package io.gpuagent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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

    @Test
    void aGeneratedCgroupFileParsesBackToItsPodAndContainer() {
        Properties.forAll("a generated cgroup file parses back to its pod and container", Properties.TRIES,
                CgroupParserPropertiesTest::generated,
                c -> assertThat(CgroupParser.parse(c.text())).as(c.text()).contains(c.expected()));
    }

    @Test
    void anyTextGivesAWellFormedAnswerOrNone() {
        Properties.forAll("any text gives a well-formed answer or none", Properties.TRIES,
                CgroupParserPropertiesTest::cgroupLike, CgroupParserPropertiesTest::check);
    }

    @Test
    void arbitraryUnicodeNeverThrows() {
        Properties.forAll("arbitrary Unicode never throws", Properties.TRIES, r -> Gen.text(r, 400),
                CgroupParserPropertiesTest::check);
    }

    @Test
    void arbitraryBytesNeverThrow() {
        Properties.forAll("arbitrary bytes never throw", Properties.TRIES, r -> Gen.bytes(r, 600), bytes -> {
            check(new String(bytes, StandardCharsets.UTF_8));
            check(new String(bytes, StandardCharsets.ISO_8859_1));
        });
    }

    @Test
    void aCorruptedFileGivesAWellFormedAnswerOrNone() {
        Properties.forAll("a corrupted file gives a well-formed answer or none", Properties.TRIES, r -> {
            StringBuilder b = new StringBuilder(generated(r).text());
            if (r.nextInt(3) == 0) {
                return Gen.corrupt(r, b.toString());
            }
            String junk = noise(r);
            for (int p : Gen.list(r, 1, 4, x -> x.nextInt(100_001))) {
                int i = p % (b.length() + 1);
                switch (p % 3) {
                    case 0 -> b.insert(i, junk);
                    case 1 -> b.delete(i, Math.min(b.length(), i + junk.length() + 1));
                    default -> b.setLength(i);
                }
            }
            return b.toString();
        }, CgroupParserPropertiesTest::check);
    }

    @Test
    void hugeLinesAreSkippedAndTheRestStillRead() {
        record Huge(Case c, int size, String filler) {
        }
        Properties.forAll("huge lines are skipped and the rest still read", Properties.TRIES,
                r -> new Huge(generated(r), Gen.between(r, CgroupParser.MAX_LINE + 1, 100_000), noise(r)), h -> {
                    Case c = h.c();
                    String unit = h.filler().isEmpty() ? "x" : h.filler().replace('\n', 'x'); // one line, however long
                    String huge = "0::/kubepods/pod" + c.expected().podUid() + "/"
                            + unit.repeat(h.size() / unit.length() + 1);
                    assertThat(CgroupParser.parse(huge + "\n" + c.text())).contains(c.expected());
                    assertThat(CgroupParser.parse(c.text() + "\n" + huge)).contains(c.expected());
                });
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

    /** {@code v} as is, in upper case, or in mixed case. */
    static String anyCase(SplittableRandom r, String v) {
        return switch (r.nextInt(3)) {
            case 0 -> v;
            case 1 -> v.toUpperCase(Locale.ROOT);
            default -> mixCase(v);
        };
    }

    private static String mixCase(String v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            b.append(i % 2 == 0 ? Character.toUpperCase(v.charAt(i)) : v.charAt(i));
        }
        return b.toString();
    }

    /** An API UID, or a static pod's config hash, in any case. */
    static String podUid(SplittableRandom r) {
        return anyCase(r, r.nextBoolean() ? Gen.uuid(r) : Gen.hex(r, 16));
    }

    /** A process's cgroup file for a pod and container drawn at random, laid out in any of the ways above. */
    static Case generated(SplittableRandom r) {
        return build(Gen.oneOf(r, Driver.values()), Gen.oneOf(r, Runtime.values()), Gen.oneOf(r, Level.values()),
                Gen.oneOf(r, QosClass.GUARANTEED, QosClass.BURSTABLE, QosClass.BEST_EFFORT), podUid(r),
                anyCase(r, Gen.hex(r, 32)), Gen.oneOf(r, "", "kubelet", "custom"),
                r.nextInt(4) == 0 ? "/docker/" + Gen.hex(r, 32)
                        : Gen.oneOf(r, "", "/system.slice/containerd.service", "/actions_job/abc"),
                r.nextInt(5), // 0: the host's view
                Gen.oneOf(r, Layout.values()), Gen.oneOf(r, "\n", "\r\n", ""), r.nextLong(), r.nextInt(10) == 0);
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
    static String cgroupLike(SplittableRandom r) {
        return Gen.tokens(r, 40, t -> switch (t.nextInt(5)) {
            case 0, 1 -> Gen.oneOf(t, "/", ":", "0", "12", "\n", "\r\n", "kubepods", "kubepods.slice", "kubepods-",
                    "-pod", "pod", ".slice", ".scope", "..", ".", "-", "_", "burstable", "besteffort",
                    "cri-containerd-", "crio-", "crio-conmon-", "docker-", "container", " (deleted)",
                    "name=systemd", "memory", ",", "\u0000", "é", "\uD800", "\uFF10");
            case 2 -> t.nextBoolean() ? podUid(t) : podUid(t).replace('-', '_');
            case 3 -> anyCase(t, Gen.hex(t, 32));
            default -> Gen.hex(t, 31); // one byte short of a container id
        });
    }

    static String noise(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> Gen.oneOf(r, "", "/", ":", "\n", "..", "-", "_", "0::/", "\u0000", "\r");
            case 1 -> Gen.text(r, 6);
            default -> Gen.hex(r, 2);
        };
    }
}
