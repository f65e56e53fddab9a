package io.gpuagent.cgroup;

import static io.gpuagent.cgroup.CgroupParserTest.CID;
import static io.gpuagent.cgroup.CgroupParserTest.CID2;
import static io.gpuagent.cgroup.CgroupParserTest.UID;
import static io.gpuagent.cgroup.CgroupParserTest.UID_;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cached reader against a fake /proc tree. */
class ProcessCgroupsTest {

    /** A comm the kernel would print verbatim: spaces and parentheses, including ") ". */
    private static final String NASTY_COMM = "py (x) 1) S 2";

    private static final String IN_POD = "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + UID_
            + ".slice/cri-containerd-" + CID + ".scope\n";
    private static final String IN_POD_2 = "0::/kubepods/besteffort/pod" + UID + "/" + CID2 + "\n";
    private static final PodContainer EXPECTED = new PodContainer(UID, Optional.of(CID), QosClass.BURSTABLE);
    private static final PodContainer EXPECTED_2 = new PodContainer(UID, Optional.of(CID2), QosClass.BEST_EFFORT);

    @TempDir
    Path proc;

    @Test
    void looksUpThroughANastyComm() throws IOException {
        process(4242, NASTY_COMM, 123456789L, IN_POD);
        assertThat(new ProcessCgroups(proc).place(4242).pod()).contains(EXPECTED);
    }

    @Test
    void cachedWhileStartTimeIsTheSame() throws IOException {
        ProcessCgroups cgroups = new ProcessCgroups(proc);
        process(100, "python3", 5000, IN_POD);
        assertThat(cgroups.place(100).pod()).contains(EXPECTED);
        Files.writeString(proc.resolve("100/cgroup"), IN_POD_2);
        assertThat(cgroups.place(100).pod()).as("same process: cached").contains(EXPECTED);
        assertThat(cgroups.cachedCount()).isEqualTo(1);
    }

    @Test
    void aStatLineLongerThanItsBufferIsReadWhole() throws IOException {
        ProcessCgroups cgroups = new ProcessCgroups(proc);
        process(100, "python3", 5000, IN_POD);
        String longer = stat(100, "python3", 5000).strip() + " 7".repeat(800) + "\n"; // 2,000 bytes or so
        Files.writeString(proc.resolve("100/stat"), longer);
        assertThat(cgroups.place(100).pod()).contains(EXPECTED);
        Files.writeString(proc.resolve("100/stat"), longer.replace(" 5000 ", " 5001 "));
        Files.writeString(proc.resolve("100/cgroup"), IN_POD_2);
        assertThat(cgroups.place(100).pod()).as("another start time, read past the buffer: another process")
                .contains(EXPECTED_2);
    }

    @Test
    void reusedPidIsReRead() throws IOException {
        ProcessCgroups cgroups = new ProcessCgroups(proc);
        process(100, "python3", 5000, IN_POD);
        assertThat(cgroups.place(100).pod()).contains(EXPECTED);
        process(100, "trainer", 9000, IN_POD_2);
        assertThat(cgroups.place(100).pod()).as("new start time: new process").contains(EXPECTED_2);
    }

    @Test
    void reusedPidOutsideAPodIsNotServedTheOldAnswer() throws IOException {
        ProcessCgroups cgroups = new ProcessCgroups(proc);
        process(100, "python3", 5000, IN_POD);
        assertThat(cgroups.place(100).pod()).contains(EXPECTED);
        process(100, "sshd", 9000, "0::/system.slice/sshd.service\n");
        assertThat(cgroups.place(100).pod()).isEmpty();
        assertThat(cgroups.cachedCount()).isZero();
    }

    @Test
    void notInAPodIsNotCachedSoALaterMoveIsSeen() throws IOException {
        ProcessCgroups cgroups = new ProcessCgroups(proc);
        process(7, "runc:[2:INIT]", 42, "0::/system.slice/containerd.service\n");
        assertThat(cgroups.place(7).pod()).isEmpty();
        Files.writeString(proc.resolve("7/cgroup"), IN_POD);
        assertThat(cgroups.place(7).pod()).contains(EXPECTED);
    }

    @Test
    void aProcessOutsideAnyPodIsOnTheHostFromTheSameRead() throws IOException {
        ProcessCgroups cgroups = new ProcessCgroups(proc);
        process(7, "sshd", 42, "0::/system.slice/sshd.service\n");
        assertThat(cgroups.place(7)).isEqualTo(Placement.HOST);
        assertThat(cgroups.cachedCount()).as("a host answer is not cached").isZero();
        process(8, "junk", 42, "this is not a cgroup file\n");
        assertThat(cgroups.place(8)).isEqualTo(Placement.UNKNOWN);
        process(9, "sshd", 42, "0::/system.slice/sshd.service\n");
        Files.writeString(proc.resolve("9/stat"), "9 (sshd) S 1 2 3\n");
        assertThat(cgroups.place(9)).as("no start time: maybe not the same process").isEqualTo(Placement.UNKNOWN);
    }

    @Test
    void aFileOverTheBoundIsReadForAPodButNotClaimedForTheHost() throws IOException {
        ProcessCgroups cgroups = new ProcessCgroups(proc);
        String padding = ("1:name=x:/" + "y".repeat(100) + "\n").repeat(700); // about 77 KiB of well-formed lines
        process(10, "a", 1, "0::/system.slice/a.service\n" + padding);
        assertThat(cgroups.place(10)).isEqualTo(Placement.UNKNOWN);
        process(11, "b", 1, IN_POD + padding);
        assertThat(cgroups.place(11).pod()).contains(EXPECTED);
    }

    @Test
    void vanishedProcessIsEmpty() throws IOException {
        ProcessCgroups cgroups = new ProcessCgroups(proc);
        process(55, "job", 1, IN_POD);
        assertThat(cgroups.place(55).pod()).contains(EXPECTED);
        deleteTree(proc.resolve("55"));
        assertThat(cgroups.place(55).pod()).isEmpty();
        assertThat(cgroups.cachedCount()).isZero();
        assertThat(cgroups.place(56).pod()).as("never existed").isEmpty();
        assertThat(cgroups.place(0).pod()).isEmpty();
        assertThat(cgroups.place(-1).pod()).isEmpty();
    }

    @Test
    void missingCgroupFileOrGarbageStatIsEmpty() throws IOException {
        ProcessCgroups cgroups = new ProcessCgroups(proc);
        process(8, "a", 1, IN_POD);
        Files.delete(proc.resolve("8/cgroup"));
        assertThat(cgroups.place(8).pod()).isEmpty();
        process(9, "b", 1, IN_POD);
        Files.writeString(proc.resolve("9/stat"), "9 (b) S 1 2 3\n");
        assertThat(cgroups.place(9).pod()).isEmpty();
    }

    @Test
    void retainOnlyDropsTheDead() throws IOException {
        ProcessCgroups cgroups = new ProcessCgroups(proc);
        process(1, "a", 10, IN_POD);
        process(2, "b", 20, IN_POD);
        cgroups.place(1);
        cgroups.place(2);
        assertThat(cgroups.cachedCount()).isEqualTo(2);
        cgroups.retainOnly(Set.of(2L, 3L));
        assertThat(cgroups.cachedCount()).isEqualTo(1);
        // pid 1's entry is gone, so a changed file (same start time) is read afresh
        Files.writeString(proc.resolve("1/cgroup"), IN_POD_2);
        assertThat(cgroups.place(1).pod()).contains(EXPECTED_2);
        // pid 2's entry survived
        Files.writeString(proc.resolve("2/cgroup"), IN_POD_2);
        assertThat(cgroups.place(2).pod()).contains(EXPECTED);
    }

    @Test
    void cacheIsBounded() throws IOException {
        ProcessCgroups cgroups = new ProcessCgroups(proc, 2);
        for (int pid = 1; pid <= 5; pid++) {
            process(pid, "p" + pid, pid, IN_POD);
            assertThat(cgroups.place(pid).pod()).contains(EXPECTED);
        }
        assertThat(cgroups.cachedCount()).isEqualTo(2);
    }

    @Test
    void startTimeParsing() {
        assertThat(parse(stat(1, NASTY_COMM, 987654321L))).hasValue(987654321L);
        assertThat(parse(stat(1, "", 5))).hasValue(5);
        assertThat(parse(stat(1, "a ) b ) c", 77))).hasValue(77);
        assertThat(parse("")).isEmpty();
        assertThat(parse("1 (no close paren S 1 2 3")).isEmpty();
        assertThat(parse("1 (x) S 1 2")).isEmpty();
        assertThat(parse(stat(1, "x", 5).replace(" 5 ", " five "))).isEqualTo(OptionalLong.empty());
    }

    @Test
    void startTimeScanAgreesWithSplittingTheFields() {
        java.util.Random random = new java.util.Random(20261203);
        String[] tokens = {"0", "5", "987654321", "-1", "+7", "x", "S", "18446744073709551615", "9223372036854775807",
                "9223372036854775808", ")", "(a)", "\u00e9"};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder().append(random.nextInt(100_000)).append(" (")
                    .append(random.nextBoolean() ? NASTY_COMM : "a ) b").append(')');
            int fields = 15 + random.nextInt(40);
            for (int f = 0; f < fields; f++) {
                line.append(" ".repeat(1 + (random.nextInt(8) == 0 ? random.nextInt(3) : 0)))
                        .append(tokens[random.nextInt(tokens.length)]);
            }
            if (random.nextBoolean()) {
                line.append('\n');
            }
            String stat = line.toString();
            assertThat(parse(stat)).as(stat).isEqualTo(splitStartTime(stat));
        }
    }

    private static OptionalLong parse(String stat) {
        byte[] bytes = stat.getBytes(StandardCharsets.UTF_8);
        return ProcessCgroups.parseStartTime(bytes, bytes.length);
    }

    /**
     * The field-splitting reading the scan replaced: field 22 after the last {@code )}, an unsigned decimal (as the
     * kernel writes it: no sign) that fits a long.
     */
    private static OptionalLong splitStartTime(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split(" +");
        if (fields.length <= 19) {
            return OptionalLong.empty();
        }
        if (!fields[19].trim().matches("[0-9]+")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(fields[19].trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Writes {@code <proc>/<pid>/stat} and {@code <proc>/<pid>/cgroup} as the kernel lays them out. */
    private void process(long pid, String comm, long startTime, String cgroup) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), stat(pid, comm, startTime));
        Files.writeString(dir.resolve("cgroup"), cgroup);
    }

    /** A 52-field stat line (Linux 5.x): fields 3..21 filler, 22 starttime, then the rest. */
    static String stat(long pid, String comm, long startTime) {
        StringBuilder sb = new StringBuilder().append(pid).append(" (").append(comm).append(") S 1 ").append(pid)
                .append(' ').append(pid).append(" 0 -1 4194560");
        for (int field = 10; field <= 21; field++) {
            sb.append(' ').append(field == 20 ? 1 : 0); // field 20: num_threads
        }
        sb.append(' ').append(startTime);
        for (int field = 23; field <= 52; field++) {
            sb.append(' ').append(field);
        }
        return sb.append('\n').toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
