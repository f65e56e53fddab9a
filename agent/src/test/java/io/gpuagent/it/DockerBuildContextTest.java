package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image test's build context: what the docker CLI would send, by the repository's .dockerignore. */
class DockerBuildContextTest {

    @Test
    void leavesOutWhatDockerignoreExcludesButTheDockerfileAndItself(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".dockerignore"), """
                # comment
                **/target
                .git
                *.iml
                docs
                benchmarks/src
                Dockerfile
                .dockerignore
                """);
        for (String f : new String[] {"Dockerfile", "pom.xml", "mvnw", "a.iml", "agent/a.iml", "target/x", "agent/target/x.jar",
                "agent/src/Main.java", ".git/HEAD", "docs/x.md", "benchmarks/pom.xml", "benchmarks/src/B.java"}) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.writeString(dir.resolve(f), f);
        }
        Map<String, Path> context = DockerBuildContext.of(dir);
        assertThat(context.keySet()).containsExactlyInAnyOrder(".dockerignore", "Dockerfile", "pom.xml", "mvnw",
                "agent/a.iml", "agent/src/Main.java", "benchmarks/pom.xml");
        assertThat(context.get("pom.xml")).isEqualTo(dir.resolve("pom.xml"));
    }

    @Test
    void refusesExceptionsItDoesNotImplement(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".dockerignore"), "docs\n!docs/keep.md\n");
        assertThatThrownBy(() -> DockerBuildContext.of(dir)).hasMessageContaining("!docs/keep.md");
    }

    @Test
    void theRepositorysContextHoldsTheSourcesAndNoBuildOutput() throws Exception {
        Map<String, Path> context = DockerBuildContext.of(Path.of("..").toAbsolutePath().normalize());
        assertThat(context).containsKeys("Dockerfile", "pom.xml", "mvnw", "agent/pom.xml", "bindings/pom.xml", "LICENSE");
        assertThat(context.keySet()).noneMatch(k -> k.contains("/target/") || k.startsWith(".git/") || k.startsWith("daemonset/"));
    }
}
