package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Docker engine for Testcontainers on a machine that cannot pull: {@code dev/docker-engine} starts
 * Debian's dockerd when none answers (the test is skipped, saying why, when none can be had), Testcontainers
 * is pointed at it, and {@code dev/docker-base-images} makes the Dockerfile's two base images from local
 * parts. Register it before {@code @Testcontainers}, whose containers it must precede. Ryuk, the reaper
 * container, cannot be pulled: the pom turns it off (TESTCONTAINERS_RYUK_DISABLED, read from the environment
 * only), so tests remove what they make themselves; and it tells Testcontainers the engine's address
 * (TESTCONTAINERS_HOST_OVERRIDE), which it would otherwise ask the absent bridge network for.
 */
public final class LocalDockerEngine implements BeforeAllCallback {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The Dockerfile's default base images, made by dev/docker-base-images. */
    static final String BUILD_IMAGE = "eclipse-temurin:25-jdk";
    static final String RUNTIME_BASE = "gcr.io/distroless/base-debian12:nonroot";

    record Run(int exit, String out, String err) {
    }

    /** Whether an engine was found or started and Testcontainers pointed at it (by an earlier beforeAll). */
    static boolean available() {
        return System.getProperty("DOCKER_HOST") != null;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assertThat(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))
                .as("TESTCONTAINERS_RYUK_DISABLED (the failsafe configuration sets it: Ryuk's image cannot be pulled)")
                .isEqualTo("true");
        assertThat(System.getenv("TESTCONTAINERS_HOST_OVERRIDE"))
                .as("TESTCONTAINERS_HOST_OVERRIDE (the failsafe configuration sets it: the engine has no bridge network)")
                .isNotBlank();
        Run engine = run(Duration.ofMinutes(2), null, ROOT.resolve("dev/docker-engine").toString());
        Assumptions.assumeTrue(engine.exit() == 0, "no Docker engine can be started here: " + engine.err().strip());
        String host = engine.out().strip();
        // Read by Testcontainers as a system property in the mode src/test/resources/testcontainers.properties
        // sets; before Testcontainers first asks for a client (it keeps the first engine it finds). It agrees
        // on the API version with the engine (Debian 12's 20.10 answers 1.41).
        System.setProperty("DOCKER_HOST", host);
        Run images = run(Duration.ofMinutes(15), host, ROOT.resolve("dev/docker-base-images").toString());
        assertThat(images.exit()).as("dev/docker-base-images: %s", images.err()).isZero();
    }

    static Run run(Duration limit, String dockerHost, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(ROOT.toFile());
        if (dockerHost != null) {
            pb.environment().put("DOCKER_HOST", dockerHost);
        }
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + limit);
        }
        return new Run(p.exitValue(), out.get(), err.get());
    }

    static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
