package io.gpuagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * One license, said the same way everywhere a user or a scanner looks: the LICENSE file, the pom (what
 * Maven tooling reads) and the image's OCI label (what registries and SBOM tools read; ContainerImageIT
 * checks the built image carries it).
 */
class LicenseTest {

    static final Path ROOT = Path.of("..");

    @Test
    void theLicenseFileIsTheApacheLicense2() throws Exception {
        String text = Files.readString(ROOT.resolve("LICENSE"));
        assertThat(text.strip()).startsWith("Apache License\n                           Version 2.0, January 2004");
        assertThat(text).contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION")
                .contains("END OF TERMS AND CONDITIONS");
    }

    @Test
    void thePomAndTheImageLabelNameIt() throws Exception {
        assertThat(Files.readString(ROOT.resolve("pom.xml"))).contains("<name>Apache-2.0</name>");
        assertThat(Files.readString(ROOT.resolve("Dockerfile")))
                .contains("org.opencontainers.image.licenses=\"Apache-2.0\"")
                .contains("COPY LICENSE /opt/gpu-agent/LICENSE");
    }
}
