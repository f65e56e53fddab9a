package io.gpuagent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cgroup path format the kubelet, runtimes and kernels write, and input that must yield nothing. */
class CgroupParserTest {

    static final String UID = "7c2a9f3e-51b4-4d6a-9e0f-8b1c2d3e4f5a";
    static final String UID_ = UID.replace('-', '_');
    /** A static pod's "UID": the kubelet's md5 config hash. */
    static final String HASH = "6b0f2c9d8e7a4b3c2d1e0f9a8b7c6d5e";
    static final String CID = "4f6d1e0c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918070ff";
    static final String CID2 = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String OUTER = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    static final String SYS_BU = "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + UID_ + ".slice";
    static final String SYS_BE = "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" + UID_ + ".slice";
    static final String SYS_G = "/kubepods.slice/kubepods-pod" + UID_ + ".slice";

    static final QosClass G = QosClass.GUARANTEED;
    static final QosClass BU = QosClass.BURSTABLE;
    static final QosClass BE = QosClass.BEST_EFFORT;
    static final QosClass UNK = QosClass.UNKNOWN;

    static Stream<Arguments> table() {
        return Stream.of(
                // cgroup v2, systemd driver, containerd
                row("v2 systemd burstable containerd", "0::" + SYS_BU + "/cri-containerd-" + CID + ".scope\n",
                        UID, CID, BU),
                row("v2 systemd besteffort containerd", "0::" + SYS_BE + "/cri-containerd-" + CID + ".scope\n",
                        UID, CID, BE),
                row("v2 systemd guaranteed containerd", "0::" + SYS_G + "/cri-containerd-" + CID + ".scope\n",
                        UID, CID, G),
                row("no trailing newline", "0::" + SYS_G + "/cri-containerd-" + CID + ".scope", UID, CID, G),
                row("CRLF line end", "0::" + SYS_G + "/cri-containerd-" + CID + ".scope\r\n", UID, CID, G),
                row("upper-case hex is lower-cased", "0::" + SYS_G.toUpperCase().replace("KUBEPODS", "kubepods")
                        .replace(".SLICE", ".slice").replace("-POD", "-pod") + "/cri-containerd-" + CID.toUpperCase()
                        + ".scope\n", UID, CID, G),
                row("static pod config hash", "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                        + HASH + ".slice/cri-containerd-" + CID + ".scope\n", HASH, CID, BU),
                row("static pod, cgroupfs", "0::/kubepods/pod" + HASH + "/" + CID + "\n", HASH, CID, G),
                // CRI-O
                row("crio scope", "0::" + SYS_BU + "/crio-" + CID + ".scope\n", UID, CID, BU),
                row("crio scope, crun container child", "0::" + SYS_BU + "/crio-" + CID + ".scope/container\n",
                        UID, CID, BU),
                row("crio cgroupfs", "0::/kubepods/burstable/pod" + UID + "/crio-" + CID + "\n", UID, CID, BU),
                row("crio cgroupfs, crun container child", "0::/kubepods/burstable/pod" + UID + "/crio-" + CID
                        + "/container\n", UID, CID, BU),
                row("crio conmon scope is the pod's", "0::" + SYS_BU + "/crio-conmon-" + CID + ".scope\n",
                        UID, null, BU),
                row("crio conmon cgroupfs is the pod's", "0::/kubepods/besteffort/pod" + UID + "/crio-conmon-" + CID
                        + "\n", UID, null, BE),
                // Docker (dockershim / cri-dockerd)
                row("docker scope", "0::" + SYS_BE + "/docker-" + CID + ".scope\n", UID, CID, BE),
                row("docker cgroupfs bare id", "0::/kubepods/besteffort/pod" + UID + "/" + CID + "\n", UID, CID, BE),
                // cgroupfs driver, containerd
                row("cgroupfs burstable", "0::/kubepods/burstable/pod" + UID + "/" + CID + "\n", UID, CID, BU),
                row("cgroupfs besteffort", "0::/kubepods/besteffort/pod" + UID + "/" + CID + "\n", UID, CID, BE),
                row("cgroupfs guaranteed", "0::/kubepods/pod" + UID + "/" + CID + "\n", UID, CID, G),
                // cgroup v1: several lines, some only "/", in any order
                row("v1 systemd, kubepods on some lines", "11:perf_event:/\n10:devices:" + SYS_BU + "/cri-containerd-"
                        + CID + ".scope\n4:memory:" + SYS_BU + "/cri-containerd-" + CID + ".scope\n3:net_cls:/\n"
                        + "1:name=systemd:" + SYS_BU + "/cri-containerd-" + CID + ".scope\n0::/\n", UID, CID, BU),
                row("v1 only name=systemd carries it", "5:memory:/\n4:cpu,cpuacct:/\n1:name=systemd:/kubepods/pod"
                        + UID + "/" + CID + "\n", UID, CID, G),
                row("v1 cpu,cpuacct first, pids later", "7:cpu,cpuacct:/kubepods/burstable/pod" + UID + "/" + CID
                        + "\n2:cpuset:/\n3:pids:/kubepods/burstable/pod" + UID + "/" + CID + "\n", UID, CID, BU),
                row("v1 memory preferred over a disagreeing line", "1:name=systemd:/kubepods/burstable/pod" + UID
                        + "/" + CID2 + "\n4:memory:/kubepods/burstable/pod" + UID + "/" + CID + "\n", UID, CID, BU),
                row("v1 memory at pod level borrows the container id", "4:memory:/kubepods/burstable/pod" + UID
                        + "\n3:pids:/kubepods/burstable/pod" + UID + "/" + CID + "\n", UID, CID, BU),
                row("hybrid: unified line disagrees, v1 controllers win", "4:memory:" + SYS_G + "/cri-containerd-"
                        + CID + ".scope\n0::/system.slice/containerd.service\n", UID, CID, G),
                // relative to a cgroup namespace
                row("namespace-relative systemd", "0::/../../kubepods-burstable-pod" + UID_ + ".slice/cri-containerd-"
                        + CID + ".scope\n", UID, CID, BU),
                row("namespace-relative systemd guaranteed", "0::/../../../kubepods-pod" + UID_
                        + ".slice/cri-containerd-" + CID + ".scope\n", UID, CID, G),
                row("namespace-relative cgroupfs with qos", "0::/../../../besteffort/pod" + UID + "/" + CID + "\n",
                        UID, CID, BE),
                row("namespace-relative cgroupfs, qos hidden", "0::/../../pod" + UID + "/" + CID + "\n",
                        UID, CID, UNK),
                row("namespace root: cannot tell", "0::/\n", null, null, null),
                row("namespace ancestors only", "0::/../..\n", null, null, null),
                // prefixes before kubepods (kind, nested runtimes)
                row("kind under containerd.service", "0::/system.slice/containerd.service/kubepods-burstable-pod"
                        + UID_ + ".slice/cri-containerd-" + CID + ".scope\n", UID, CID, BU),
                row("kind cgroup-root=/kubelet slices", "0::/kubelet.slice/kubelet-kubepods.slice/"
                        + "kubelet-kubepods-besteffort.slice/kubelet-kubepods-besteffort-pod" + UID_
                        + ".slice/cri-containerd-" + CID + ".scope\n", UID, CID, BE),
                row("docker-in-docker cgroupfs", "0::/docker/" + OUTER + "/kubepods/burstable/pod" + UID + "/" + CID
                        + "\n", UID, CID, BU),
                row("innermost pod wins", "0::/kubepods/pod" + HASH + "/" + CID2 + "/kubepods/besteffort/pod" + UID
                        + "/" + CID + "\n", UID, CID, BE),
                // pod-level processes
                row("path ends at the pod slice", "0::" + SYS_BU + "\n", UID, null, BU),
                row("path ends at the cgroupfs pod", "0::/kubepods/pod" + UID + "\n", UID, null, G),
                row("unknown child of the pod", "0::/kubepods/pod" + UID + "/not-a-container\n", UID, null, G),
                row("short id is not a container id", "0::" + SYS_BU + "/cri-containerd-abc123.scope\n",
                        UID, null, BU),
                row("deleted cgroup still names it", "0::" + SYS_BU + "/cri-containerd-" + CID + ".scope (deleted)\n",
                        UID, CID, BU),
                // not in a pod
                row("sshd", "0::/system.slice/sshd.service\n", null, null, null),
                row("user session", "0::/user.slice/user-1000.slice/session-3.scope\n", null, null, null),
                row("init", "0::/init.scope\n", null, null, null),
                row("containerd itself", "0::/system.slice/containerd.service\n", null, null, null),
                row("kubepods slice only", "0::/kubepods.slice/kubepods-burstable.slice\n", null, null, null),
                row("qos cgroup only", "0::/kubepods/besteffort\n", null, null, null),
                row("plain docker container", "0::/system.slice/docker-" + CID + ".scope\n", null, null, null),
                row("podman pod", "0::/machine.slice/machine-libpod_pod_" + CID + ".slice/libpod-" + CID2
                        + ".scope\n", null, null, null),
                row("pod segment outside kubepods", "0::/system.slice/pod" + UID + "/" + CID + "\n", null, null, null),
                row("pod slice without kubepods", "0::/foo.slice/foo-pod" + UID_ + ".slice\n", null, null, null),
                row("odd qos name", "0::/kubepods.slice/kubepods-gold.slice/kubepods-gold-pod" + UID_ + ".slice\n",
                        null, null, null),
                // malformed
                row("empty", "", null, null, null),
                row("blank lines", "\n\n\n", null, null, null),
                row("no colons", "kubepods/burstable/pod" + UID + "/" + CID, null, null, null),
                row("one colon", "0:/kubepods/pod" + UID + "/" + CID, null, null, null),
                row("non-numeric hierarchy", "x::/kubepods/pod" + UID + "/" + CID, null, null, null),
                row("relative path", "0::kubepods/pod" + UID + "/" + CID, null, null, null),
                row("dot-dot after a name", "0::/kubepods/pod" + UID + "/../" + CID, null, null, null),
                row("truncated uid", "0::/kubepods/pod" + UID.substring(0, 20), null, null, null),
                row("uid with bad chars", "0::/kubepods/pod" + UID.replace('a', 'g'), null, null, null),
                row("truncated line, pod survives", "0::" + SYS_BU + "/cri-containerd-" + CID.substring(0, 30),
                        UID, null, BU),
                row("huge line skipped, next line used", "0::/" + "x/".repeat(200_000) + "\n1:name=systemd:"
                        + SYS_G + "\n", UID, null, G),
                row("huge line alone", "0::/kubepods/pod" + UID + "/" + "f".repeat(1_000_000), null, null, null));
    }

    private static Arguments row(String name, String text, String uid, String cid, QosClass qos) {
        Optional<PodContainer> expected = uid == null
                ? Optional.empty()
                : Optional.of(new PodContainer(uid, Optional.ofNullable(cid), qos));
        return Arguments.argumentSet(name, text, expected);
    }

    @ParameterizedTest
    @MethodSource("table")
    void parses(String text, Optional<PodContainer> expected) {
        assertThat(CgroupParser.parse(text)).isEqualTo(expected);
    }

    @Test
    void nullIsEmpty() {
        assertThat(CgroupParser.parse(null)).isEmpty();
        assertThat(CgroupParser.place(null)).isEqualTo(Placement.UNKNOWN);
    }

    /** Beside a pod: the host (a well-formed file naming no pod), or nothing to go by. */
    static Stream<Arguments> placements() {
        return Stream.of(
                Arguments.argumentSet("v2 system service", "0::/system.slice/sshd.service\n", Placement.HOST),
                Arguments.argumentSet("v2 root of the reader's namespace", "0::/\n", Placement.HOST),
                Arguments.argumentSet("v1 user session", "12:memory:/user.slice\n4:cpu,cpuacct:/user.slice\n"
                        + "1:name=systemd:/user.slice/user-1000.slice/session-3.scope\n"
                        + "0::/user.slice/user-1000.slice/session-3.scope\n", Placement.HOST),
                Arguments.argumentSet("CRLF line ends", "0::/system.slice/x.service\r\n", Placement.HOST),
                Arguments.argumentSet("a kubepods path naming no pod", "0::/kubepods.slice/other\n", Placement.UNKNOWN),
                Arguments.argumentSet("garbage", "this is not a cgroup file\n\0\0", Placement.UNKNOWN),
                Arguments.argumentSet("one good line, one bad", "0::/system.slice\nnonsense\n", Placement.UNKNOWN),
                Arguments.argumentSet("relative path", "0::system.slice\n", Placement.UNKNOWN),
                Arguments.argumentSet("bytes that were not UTF-8", "0::/system.slice/\uFFFD.service\n", Placement.UNKNOWN),
                Arguments.argumentSet("empty", "", Placement.UNKNOWN),
                Arguments.argumentSet("a pod", "0::" + SYS_BU + "/cri-containerd-" + CID + ".scope\n",
                        Placement.inPod(new PodContainer(UID, Optional.of(CID), BU))));
    }

    @ParameterizedTest
    @MethodSource
    void placements(String text, Placement expected) {
        assertThat(CgroupParser.place(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("table")
    void aFileNamingAPodIsNeverTheHost(String text, Optional<PodContainer> expected) {
        Placement placement = CgroupParser.place(text);
        assertThat(placement.pod()).isEqualTo(expected);
        if (text.contains("kubepods")) {
            assertThat(placement.onHost()).isFalse();
        }
    }

    @Test
    void fixtureFiles() throws IOException {
        assertThat(CgroupParser.parse(fixture("v1-systemd-containerd.txt")))
                .contains(new PodContainer(UID, Optional.of(CID), BU));
        assertThat(CgroupParser.parse(fixture("v1-cgroupfs-docker.txt")))
                .contains(new PodContainer(UID, Optional.of(CID), BE));
        assertThat(CgroupParser.parse(fixture("v2-kind-nested.txt")))
                .contains(new PodContainer(UID, Optional.of(CID), BE));
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = CgroupParserTest.class.getResourceAsStream("/cgroup/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Property: random text, random bytes and every truncation of real lines never throw. */
    @Test
    void neverThrows() {
        Random random = new Random(20240611);
        String[] tokens = {"/", ":", "0", "12", "kubepods", "kubepods.slice", "-pod", "pod", ".slice", ".scope",
                "..", ".", "-", "_", "burstable", "besteffort", "cri-containerd-", "crio-", "crio-conmon-", "docker-",
                "\n", "\r", " (deleted)", UID, UID_, HASH, CID, "name=systemd", "memory", ",", "\u0000", "é", "\uD800"};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int count = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                sb.append(tokens[random.nextInt(tokens.length)]);
            }
            checkWellFormed(sb.toString());
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            checkWellFormed(new String(bytes, StandardCharsets.UTF_8));
            checkWellFormed(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        table().forEach(args -> {
            String text = (String) args.get()[0];
            for (int cut = 0; cut <= Math.min(text.length(), 2_000); cut++) {
                checkWellFormed(text.substring(0, cut));
            }
        });
    }

    private static void checkWellFormed(String text) {
        assertThatCode(() -> CgroupParser.place(text)).as("%s", text).doesNotThrowAnyException();
        assertThatCode(() -> CgroupParser.parse(text).ifPresent(pc -> {
            assertThat(KubepodsPath.normalizeUid(pc.podUid())).isEqualTo(pc.podUid());
            pc.containerId().ifPresent(id -> assertThat(id).hasSize(64).matches("[0-9a-f]+"));
        })).as("%s", text).doesNotThrowAnyException();
    }
}
