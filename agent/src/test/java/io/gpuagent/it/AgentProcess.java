package io.gpuagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged agent ({@code java -jar agent/target/gpu-agent.jar}) as a child process, on loopback. */
final class AgentProcess implements AutoCloseable {

    private static final Pattern BANNER = Pattern.compile("serving https?://[^:]+:(\\d+)/metrics");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Process process;
    final int port;
    private final StringBuffer stderr;

    private AgentProcess(Process process, int port, StringBuffer stderr) {
        this.process = process;
        this.port = port;
        this.stderr = stderr;
    }

    /** A loopback port nothing listens on right now (free for a child to bind, or closed for a test). */
    static int freeLoopbackPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Path jar() {
        return Path.of(System.getProperty("agent.jar", "target/gpu-agent.jar"));
    }

    static List<String> command(String... args) {
        return command(List.of("-XX:+UseSerialGC"), args);
    }

    static List<String> command(List<String> jvm, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts the agent on an ephemeral loopback port and waits for its banner. */
    static AgentProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** As {@link #start(String...)}, with {@code env} added to the agent's environment. */
    static AgentProcess start(Map<String, String> env, String... args) throws IOException {
        return start(List.of("-XX:+UseSerialGC"), env, args);
    }

    /** As {@link #start(Map, String...)}, with these JVM flags (e.g. the image's) instead of the default. */
    static AgentProcess start(List<String> jvm, Map<String, String> env, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--listen=127.0.0.1:0"));
        all.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command(jvm, all.toArray(String[]::new)));
        builder.environment().putAll(env);
        Process p = builder.start();
        StringBuffer err = new StringBuffer();
        Thread.ofPlatform().daemon().start(() -> drain(p, err));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = BANNER.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
                return -1;
            } catch (IOException e) {
                return -1;
            }
        });
        int found;
        try {
            found = port.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            found = -1;
        }
        if (found < 0) {
            p.destroyForcibly();
            throw new AssertionError("agent did not start; stderr:\n" + err);
        }
        return new AgentProcess(p, found, err);
    }

    /** Runs the agent to completion (for flag errors) and returns exit code and stderr. */
    static Result run(Duration limit, String... args) throws Exception {
        Process p = new ProcessBuilder(command(args)).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        boolean ended = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("agent with %s should have exited", List.of(args)).isTrue();
        return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    }

    record Result(int exit, String stdout, String stderr) {
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> head(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code path} until it answers {@code status}, at most {@code limit}. */
    HttpResponse<String> awaitStatus(String path, int status, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpResponse<String> r = get(path);
        while (r.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = get(path);
        }
        return r;
    }

    String stderr() {
        return stderr.toString();
    }

    private static void drain(Process p, StringBuffer into) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                into.append(line).append('\n');
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
