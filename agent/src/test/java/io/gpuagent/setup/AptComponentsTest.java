package io.gpuagent.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dev/apt-components}, which tells {@code dev/prerequisites} which of contrib and non-free apt does
 * not take yet for bookworm: each component on its own, in any order and any source file, in both of apt's
 * formats, so that a machine which has them gets no second source (apt would warn "configured multiple
 * times" on every run) and a machine which lacks one gets exactly that one.
 */
class AptComponentsTest {

    static final Path SCRIPT = Path.of("../dev/apt-components").toAbsolutePath().normalize();

    static final String DEBIAN = """
            Types: deb
            URIs: http://deb.debian.org/debian
            Suites: bookworm bookworm-updates
            Components: %s
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
            """;

    static List<Arguments> machines() {
        return List.of(
                Arguments.of("deb822, in apt's usual order",
                        Map.of("sources.list.d/debian.sources", DEBIAN.formatted("main contrib non-free")), List.of()),
                Arguments.of("deb822, the other order (the old single regex added a duplicate source)",
                        Map.of("sources.list.d/debian.sources", DEBIAN.formatted("main non-free contrib")), List.of()),
                Arguments.of("main only",
                        Map.of("sources.list.d/debian.sources", DEBIAN.formatted("main")), List.of("contrib", "non-free")),
                Arguments.of("non-free-firmware is not non-free",
                        Map.of("sources.list.d/debian.sources", DEBIAN.formatted("main contrib non-free-firmware")),
                        List.of("non-free")),
                Arguments.of("components spread over two files",
                        Map.of("sources.list.d/debian.sources", DEBIAN.formatted("main contrib"),
                                "sources.list.d/extra.list", "deb http://deb.debian.org/debian bookworm non-free\n"),
                        List.of()),
                Arguments.of("one-line format with options, another suite's components do not count",
                        Map.of("sources.list", """
                                # deb http://deb.debian.org/debian bookworm contrib
                                deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main non-free
                                deb http://deb.debian.org/debian trixie contrib
                                deb-src http://deb.debian.org/debian bookworm contrib
                                """),
                        List.of("contrib")),
                Arguments.of("a disabled stanza and a source-only stanza do not count",
                        Map.of("sources.list.d/debian.sources", DEBIAN.formatted("main") + """

                                Types: deb
                                URIs: http://deb.debian.org/debian
                                Suites: bookworm
                                Components: contrib
                                Enabled: no

                                Types: deb-src
                                URIs: http://deb.debian.org/debian
                                Suites: bookworm
                                Components: non-free
                                """),
                        List.of("contrib", "non-free")),
                Arguments.of("no sources at all", Map.of(), List.of("contrib", "non-free")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void printsExactlyTheMissingComponents(String what, Map<String, String> files, List<String> missing,
            @TempDir Path etc) throws Exception {
        Files.createDirectories(etc.resolve("sources.list.d"));
        for (var file : files.entrySet()) {
            Files.writeString(etc.resolve(file.getKey()), file.getValue());
        }
        assertThat(run(etc, null)).isEqualTo(missing);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void leavesOutTheFileItIsToldTo(String what, Map<String, String> files, List<String> missing, @TempDir Path etc)
            throws Exception {
        // dev/prerequisites' own file must not hide what the machine's sources lack
        Files.createDirectories(etc.resolve("sources.list.d"));
        for (var file : files.entrySet()) {
            Files.writeString(etc.resolve(file.getKey()), file.getValue());
        }
        Path ours = etc.resolve("sources.list.d/gpu-agent-non-free.sources");
        Files.writeString(ours, DEBIAN.formatted("contrib non-free"));
        assertThat(run(etc, null)).isEmpty();
        assertThat(run(etc, ours)).isEqualTo(missing);
    }

    static List<String> run(Path etc, Path except) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "bookworm", "contrib", "non-free");
        pb.environment().put("APT_ETC", etc.toString());
        if (except != null) {
            pb.environment().put("APT_EXCEPT", except.toString());
        }
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = new ArrayList<>();
        out.lines().filter(l -> !l.isBlank()).forEach(lines::add);
        return lines;
    }
}
