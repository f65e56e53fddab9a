package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.LazyFuture;

/**
 * The container image, built by Testcontainers from the repository's real Dockerfile on the engine
 * {@link LocalDockerEngine} provides, from base images made of local parts: it holds no JDK, compiler, shell
 * or package manager, runs as non-root, says its license, and serves the simulated GPUs' metrics on
 * loopback (host network: the engine has no bridge) under the DaemonSet's 256 MiB memory limit, ready on
 * {@code /readyz}.
 */
@ExtendWith(LocalDockerEngine.class)
@Testcontainers
class ContainerImageIT {

    /** A tag of this run's own: other checkouts may build and remove theirs on the same engine meanwhile. */
    static final String IMAGE = "gpu-agent:it-" + Long.toHexString(System.nanoTime());
    /**
     * The Dockerfile's build stage, tagged so that it can be removed: untagged, Docker's classic builder (the
     * one the API drives) leaves it behind as a dangling image of some 850 MB after every build.
     */
    static final String BUILD_STAGE = IMAGE + "-build";
    static final long MEMORY_LIMIT = 256L * 1024 * 1024;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final int PORT = freePort();

    /**
     * Built once, when the container below starts; removed by {@link #removeWhatWasMade()}. The build stage
     * first, under its own tag; then the whole image, whose build finds that stage in the engine's cache.
     */
    static final Future<String> BUILT = new LazyFuture<>() {
        @Override
        protected String resolve() {
            image(BUILD_STAGE).withTarget("build").get();
            return image(IMAGE).get();
        }
    };

    static ImageFromDockerfile image(String tag) {
        ImageFromDockerfile image = new ImageFromDockerfile(tag, false)
                // the images dev/docker-base-images made (the Dockerfile's defaults, named for the reader)
                .withBuildArg("BUILD_IMAGE", LocalDockerEngine.BUILD_IMAGE)
                .withBuildArg("RUNTIME_BASE", LocalDockerEngine.RUNTIME_BASE)
                // the build stage's Maven downloads its dependencies; the engine has no bridge network. A step
                // that fails leaves no container behind either.
                .withBuildImageCmdModifier(cmd -> cmd.withNetworkMode("host").withForcerm(true));
        try {
            DockerBuildContext.of(LocalDockerEngine.ROOT).forEach(image::withFileFromPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return image;
    }

    static final ReadyzWait READY = new ReadyzWait(PORT);

    @Container
    static final GenericContainer<?> AGENT = new GenericContainer<>(BUILT)
            .withNetworkMode("host")
            .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withMemory(MEMORY_LIMIT).withMemorySwap(MEMORY_LIMIT))
            .withCommand("--simulate", "--listen=127.0.0.1:" + PORT)
            .waitingFor(READY);

    /**
     * Waits for {@code /readyz} to answer 200 on loopback, where the host-network container listens (Testcontainers'
     * own HTTP wait asks for a mapped port, and a container on the host network has none).
     */
    static final class ReadyzWait extends AbstractWaitStrategy {

        final int port;
        volatile Instant readyAt;

        ReadyzWait(int port) {
            this.port = port;
            withStartupTimeout(Duration.ofSeconds(30));
        }

        @Override
        protected void waitUntilReady() {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            URI readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
            int status = 0;
            while (System.nanoTime() < deadline) {
                try {
                    status = HTTP.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status == 200) {
                        readyAt = Instant.now();
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new ContainerLaunchException("/readyz did not answer 200 within " + startupTimeout + " (last: "
                    + status + "); logs: " + waitStrategyTarget.getLogs());
        }
    }

    static int freePort() {
        try {
            return AgentProcess.freeLoopbackPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    /**
     * Without Ryuk nothing removes the container and the images after the run: this does. An extension
     * rather than an {@code @AfterAll} method, which JUnit skips when an extension's {@code beforeAll} failed:
     * here, when the image does not build or the agent does not become ready.
     */
    @RegisterExtension
    static final AfterAllCallback CLEAN_UP = context -> removeWhatWasMade();

    static void removeWhatWasMade() {
        if (!LocalDockerEngine.available()) {
            return;
        }
        AGENT.stop();
        for (String tag : List.of(IMAGE, BUILD_STAGE)) {
            if (docker().listImagesCmd().withImageNameFilter(tag).exec().isEmpty()) {
                continue; // not built (the build failed before)
            }
            docker().listContainersCmd().withShowAll(true).withAncestorFilter(List.of(tag)).exec()
                    .forEach(c -> docker().removeContainerCmd(c.getId()).withForce(true).exec());
            // removing the tag removes its image with the untagged layers under it that nothing else uses
            docker().removeImageCmd(tag).withForce(true).exec();
        }
    }

    @Test
    void runsAsNonRootWithOciLabels() {
        InspectImageResponse inspect = docker().inspectImageCmd(IMAGE).exec();
        String user = inspect.getConfig().getUser();
        assertThat(user).isNotEmpty().doesNotStartWith("0").doesNotStartWith("root");
        Map<String, String> labels = inspect.getConfig().getLabels();
        for (String key : List.of("source", "version", "licenses", "title")) {
            assertThat(labels.get("org.opencontainers.image." + key)).as(key).isNotBlank();
        }
        assertThat(labels.get("org.opencontainers.image.licenses")).isEqualTo("Apache-2.0");
        assertThat(List.of(inspect.getConfig().getEntrypoint())).as("the JVM flags the large-node benchmark measures")
                .containsAll(LargeNodeBench.IMAGE_JVM_FLAGS);
        long size = inspect.getSize();
        System.out.printf(Locale.ROOT, "image size %.1f MB%n", size / 1e6);
        assertThat(size).as("bytes").isLessThan(250_000_000L);
    }

    @Test
    void holdsNoJdkCompilerShellOrPackageManager() throws IOException {
        String container = docker().createContainerCmd(IMAGE).exec().getId();
        List<String> files = new ArrayList<>();
        try (InputStream archive = docker().copyArchiveFromContainerCmd(container, "/").exec();
                TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String name = e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
                files.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
            }
        } finally {
            docker().removeContainerCmd(container).withForce(true).exec();
        }
        assertThat(files).contains("opt/gpu-agent/jre/bin/java", "opt/gpu-agent/gpu-agent.jar", "opt/gpu-agent/agent.aot",
                "opt/gpu-agent/LICENSE");
        List<String> forbidden = new ArrayList<>();
        for (String name : files) {
            String base = name.substring(name.lastIndexOf('/') + 1);
            boolean inBin = name.matches("(usr/)?(s)?bin/.*|opt/gpu-agent/jre/bin/.*");
            if ((inBin && List.of("sh", "bash", "dash", "busybox", "apt", "apt-get", "dpkg", "rpm", "apk", "microdnf",
                    "gcc", "cc", "ld", "javac", "jar", "jlink", "jshell", "jdeps", "jcmd").contains(base))
                    || name.endsWith("/jmods") || name.endsWith("lib/ct.sym") || name.startsWith("var/lib/dpkg")) {
                forbidden.add(name);
            }
        }
        assertThat(forbidden).as("build tools, shells or package managers in the image").isEmpty();
    }

    @Test
    void servesTheSimulatedGpusOnLoopbackUnderTheMemoryLimit() throws Exception {
        var info = AGENT.getContainerInfo();
        assertThat(info.getHostConfig().getMemory()).isEqualTo(MEMORY_LIMIT);
        assertThat(info.getHostConfig().getNetworkMode()).isEqualTo("host");
        double ready = Duration.between(Instant.parse(info.getState().getStartedAt()), READY.readyAt).toMillis() / 1e3;

        Thread.sleep(3000);
        Exposition m = Exposition.parse(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(m.value("gpu_agent_nvml_up")).isEqualTo(1);
        assertThat(m.find("gpu_up")).hasSize(4); // the default scenario's four GPUs
        assertThat(m.find("gpu_temperature_celsius")).isNotEmpty();

        Map<String, String> status = procStatus(info.getState().getPidLong());
        assertThat(status.get("Uid").split("\\s+")[0]).as("uid of the agent process").isEqualTo("65532");
        assertThat(AGENT.getLogs(OutputFrame.OutputType.STDERR)).as("the AOT cache made at build time is used")
                .doesNotContain("[aot]");
        var state = docker().inspectContainerCmd(AGENT.getContainerId()).exec().getState();
        assertThat(state.getRunning()).as("still running after being scraped").isTrue();
        assertThat(state.getOOMKilled()).as("killed for exceeding the memory limit").isFalse();
        System.out.printf(Locale.ROOT, "container: ready %.2f s after its start; RSS %s%n", ready, status.get("VmRSS"));
    }

    static Map<String, String> procStatus(long pid) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return out;
    }
}
