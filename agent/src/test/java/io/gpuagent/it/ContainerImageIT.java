package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The container image, built from the repository's real Dockerfile on a Docker engine of this machine
 * (dev/docker-engine starts Debian's dockerd when none runs), from base images made of local parts
 * (dev/docker-base-images): it holds no JDK, compiler, shell or package manager, runs as non-root, and
 * serves the simulated GPUs' metrics on loopback (host network).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImageIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String IMAGE = "gpu-agent:it";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    String dockerHost;
    JsonNode inspect;

    record Run(int exit, String out, String err) {
    }

    Run run(Duration limit, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
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

    Run ok(Duration limit, String... command) throws Exception {
        Run r = run(limit, command);
        assertThat(r.exit()).as("%s%nstdout: %s%nstderr: %s", String.join(" ", command), tail(r.out()), tail(r.err())).isZero();
        return r;
    }

    static String tail(String s) {
        return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
    }

    static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @BeforeAll
    void buildTheImage() throws Exception {
        Run engine = run(Duration.ofMinutes(2), ROOT.resolve("dev/docker-engine").toString());
        assumeTrue(engine.exit() == 0, "no Docker engine can be started here: " + engine.err().strip());
        dockerHost = engine.out().strip();
        ok(Duration.ofMinutes(15), ROOT.resolve("dev/docker-base-images").toString());
        long start = System.nanoTime();
        ok(Duration.ofMinutes(20), "docker", "build", "--network", "host", "-t", IMAGE, ".");
        System.out.printf(Locale.ROOT, "image built in %.0f s%n", (System.nanoTime() - start) / 1e9);
        inspect = new ObjectMapper().readTree(ok(Duration.ofMinutes(1), "docker", "image", "inspect", IMAGE).out()).get(0);
    }

    @AfterAll
    void removeTheImage() throws Exception {
        if (dockerHost != null) {
            run(Duration.ofMinutes(2), "docker", "image", "rm", "-f", IMAGE);
        }
    }

    @Test
    void runsAsNonRootWithOciLabels() {
        String user = inspect.path("Config").path("User").asText();
        assertThat(user).isNotEmpty().doesNotStartWith("0").doesNotStartWith("root");
        JsonNode labels = inspect.path("Config").path("Labels");
        for (String key : List.of("source", "version", "licenses", "title")) {
            assertThat(labels.path("org.opencontainers.image." + key).asText()).as(key).isNotBlank();
        }
        assertThat(labels.path("org.opencontainers.image.licenses").asText()).isEqualTo("Apache-2.0");
        List<String> entrypoint = new ArrayList<>();
        inspect.path("Config").path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        assertThat(entrypoint).as("the JVM flags the large-node benchmark measures").containsAll(LargeNodeBench.IMAGE_JVM_FLAGS);
        long size = inspect.path("Size").asLong();
        System.out.printf(Locale.ROOT, "image size %.1f MB%n", size / 1e6);
        assertThat(size).as("bytes").isLessThan(250_000_000L);
    }

    @Test
    void holdsNoJdkCompilerShellOrPackageManager() throws Exception {
        String container = ok(Duration.ofMinutes(1), "docker", "create", IMAGE).out().strip();
        try {
            List<String> files = List.of(ok(Duration.ofMinutes(2), "bash", "-o", "pipefail", "-c",
                    "docker export " + container + " | tar -t").out().split("\n"));
            assertThat(files).contains("opt/gpu-agent/jre/bin/java", "opt/gpu-agent/gpu-agent.jar", "opt/gpu-agent/agent.aot",
                    "opt/gpu-agent/LICENSE");
            List<String> forbidden = new ArrayList<>();
            for (String f : files) {
                String name = f.endsWith("/") ? f.substring(0, f.length() - 1) : f;
                String base = name.substring(name.lastIndexOf('/') + 1);
                boolean inBin = name.matches("(usr/)?(s)?bin/.*|opt/gpu-agent/jre/bin/.*");
                if ((inBin && List.of("sh", "bash", "dash", "busybox", "apt", "apt-get", "dpkg", "rpm", "apk", "microdnf",
                        "gcc", "cc", "ld", "javac", "jar", "jlink", "jshell", "jdeps", "jcmd").contains(base))
                        || name.endsWith("/jmods") || name.endsWith("lib/ct.sym") || name.startsWith("var/lib/dpkg")) {
                    forbidden.add(name);
                }
            }
            assertThat(forbidden).as("build tools, shells or package managers in the image").isEmpty();
        } finally {
            run(Duration.ofMinutes(1), "docker", "rm", "-f", container);
        }
    }

    @Test
    void servesTheSimulatedGpusOnLoopback() throws Exception {
        int port = AgentProcess.freeLoopbackPort();
        String name = "gpu-agent-it-" + port;
        long start = System.nanoTime();
        ok(Duration.ofMinutes(1), "docker", "run", "-d", "--name", name, "--network", "host", "--memory", "256m",
                IMAGE, "--simulate", "--listen=127.0.0.1:" + port);
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            int status = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (status != 200 && System.nanoTime() < deadline) {
                try {
                    status = HTTP.send(HttpRequest.newBuilder(base.resolve("/readyz")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            double ready = (System.nanoTime() - start) / 1e9;
            assertThat(status).as("readyz; logs: %s", run(Duration.ofSeconds(30), "docker", "logs", name).err()).isEqualTo(200);
            Thread.sleep(3000);
            Exposition m = Exposition.parse(HTTP.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(m.value("gpu_agent_nvml_up")).isEqualTo(1);
            assertThat(m.find("gpu_up")).hasSize(4); // the default scenario's four GPUs
            assertThat(m.find("gpu_temperature_celsius")).isNotEmpty();

            String pid = ok(Duration.ofSeconds(30), "docker", "inspect", "-f", "{{.State.Pid}}", name).out().strip();
            Map<String, String> status2 = procStatus(pid);
            assertThat(status2.get("Uid").split("\\s+")[0]).as("uid of the agent process").isEqualTo("65532");
            String logs = run(Duration.ofSeconds(30), "docker", "logs", name).err();
            assertThat(logs).as("the AOT cache made at build time is used").doesNotContain("[aot]");
            System.out.printf(Locale.ROOT, "container: ready %.2f s after docker run; RSS %s%n", ready, status2.get("VmRSS"));
        } finally {
            run(Duration.ofMinutes(1), "docker", "rm", "-f", name);
        }
    }

    static Map<String, String> procStatus(String pid) throws IOException {
        Map<String, String> out = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return out;
    }
}
