package io.gpuagent.it;

import static io.gpuagent.kubelet.FakeKubelet.container;
import static io.gpuagent.kubelet.FakeKubelet.pod;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gpuagent.kubelet.FakeKubelet;
import io.gpuagent.kubelet.ShortTempDir;
import io.gpuagent.kubelet.v1.PodResources;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-process benchmark of the agent on a large simulated node (issue 8), run by
 * {@code dev/bench-large-node}: the simulator's {@code large-node} scenario (8 GPUs, 4 in MIG mode with
 * 7 instances each, 256 processes), a pod-resources server holding 64 pods, a Kubernetes API with
 * those pods, their owners and container ids, a /proc fixture naming every GPU process's container,
 * and 16 vLLM endpoints. Measures, with the JVM flags of the container image and the DaemonSet's
 * 256 MiB limit emulated by {@code -XX:MaxRAM}:
 * <ul>
 *   <li>start-to-ready (exec to the first /readyz 200);</li>
 *   <li>steady state at a 1 s collection interval with a Prometheus-like scrape every 15 s: CPU in
 *       millicores, RSS, and the old generation after a full GC at the start and end of the window;</li>
 *   <li>/metrics latency with 1 and 32 concurrent scrapers (wrk, loopback, bounded duration);</li>
 *   <li>the same for Debian's prometheus-node-exporter side by side, and the ratios.</li>
 * </ul>
 * Arguments: {@code SCENARIO_FILE STEADY_SECONDS LOAD_SECONDS [extra JVM flags...]}; with the
 * environment variable {@code BENCH_AGENT_ONLY} set, node_exporter is left out.
 */
public final class LargeNodeBench {

    /** The large node the benchmark and the load test build. */
    static final java.nio.file.Path SCENARIO =
            java.nio.file.Path.of("../bindings/src/main/resources/io/gpuagent/nvml/sim/scenarios/large-node.conf");
    static final String NODE = "gpu-node-large";
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The container image's JVM flags (Dockerfile ENTRYPOINT), but its AOT cache. */
    static final List<String> IMAGE_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:MinRAMPercentage=25",
            "-XX:MaxRAMPercentage=25", "-Xmn16m", "-XX:SurvivorRatio=1",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1", "-Xss512k",
            "-XX:TrimNativeHeapInterval=10000",
            "-XX:+ExitOnOutOfMemoryError");

    private LargeNodeBench() {
    }

    // ---------------------------------------------------------------- the scenario

    record Device(int gpu, int gi, String uuid, boolean mig) {
    }

    record Proc(int gpu, int gi, long pid) {
    }

    /** The GPUs, MIG instances and processes of a simulator scenario file (only the keys used here). */
    record Scenario(List<Device> devices, List<Proc> processes) {

        static Scenario parse(Path file) throws IOException {
            List<Map<String, String>> sections = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String raw : Files.readAllLines(file)) {
                String line = raw.replaceAll("#.*", "").strip();
                if (line.startsWith("[")) {
                    names.add(line);
                    sections.add(new LinkedHashMap<>());
                } else if (line.contains("=") && !sections.isEmpty()) {
                    int eq = line.indexOf('=');
                    sections.get(sections.size() - 1).put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            List<Device> devices = new ArrayList<>();
            List<Proc> processes = new ArrayList<>();
            int gpu = -1;
            int migIndex = 0;
            for (int i = 0; i < sections.size(); i++) {
                Map<String, String> s = sections.get(i);
                switch (names.get(i)) {
                    case "[gpu]" -> {
                        gpu++;
                        migIndex = 0;
                        if (!"1".equals(s.getOrDefault("mig_mode", "0"))) {
                            devices.add(new Device(gpu, -1, s.get("uuid"), false));
                        }
                    }
                    case "[mig]" -> {
                        migIndex++;
                        int gi = Integer.parseInt(s.getOrDefault("gpu_instance_id", Integer.toString(migIndex)));
                        int parent = Integer.parseInt(s.getOrDefault("gpu", Integer.toString(gpu)));
                        devices.add(new Device(parent, gi, s.get("uuid"), true));
                    }
                    case "[process]" -> processes.add(new Proc(Integer.parseInt(s.get("gpu")),
                            Integer.parseInt(s.getOrDefault("gpu_instance_id", "-1")), Long.parseLong(s.get("pid"))));
                    default -> { }
                }
            }
            return new Scenario(List.copyOf(devices), List.copyOf(processes));
        }
    }

    // ---------------------------------------------------------------- the node's pods

    /** One pod: where it runs in the API, what the kubelet says it holds, its container's id. */
    record NodePod(String namespace, String name, String uid, String containerId, Device device, String resource,
            String deviceId, String owner, boolean serving) {
    }

    static String uid(int i) {
        return String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", 0xbe0c4000 + i, i);
    }

    static String containerId(int i) {
        return String.format(Locale.ROOT, "%064x", 0xc0de0000L + i);
    }

    /**
     * 64 pods: one per MIG instance ({@code nvidia.com/mig-1g.10gb}), one per whole GPU but the last two,
     * and the rest time-slicing those two ({@code nvidia.com/gpu.shared}, replicas {@code ::k}). The first
     * 16 MIG holders are vLLM servers of four Deployments.
     */
    static List<NodePod> pods(Scenario scenario, int count) {
        List<NodePod> out = new ArrayList<>();
        List<Device> whole = scenario.devices().stream().filter(d -> !d.mig()).toList();
        List<Device> shared = whole.subList(Math.max(0, whole.size() - 2), whole.size());
        int i = 0;
        for (Device d : scenario.devices()) {
            if (d.mig()) {
                boolean serving = i < 16;
                String name = serving ? "llm-" + (char) ('a' + i % 4) + "-7d9f-" + i : "embed-" + i;
                out.add(new NodePod("inference", name, uid(i), containerId(i), d, "nvidia.com/mig-1g.10gb", d.uuid(),
                        serving ? "llm-" + (char) ('a' + i % 4) : "embed", serving));
                i++;
            } else if (!shared.contains(d)) {
                out.add(new NodePod("training", "train-" + i, uid(i), containerId(i), d, "nvidia.com/gpu", d.uuid(),
                        "train-" + i, false));
                i++;
            }
        }
        for (int replica = 0; i < count; replica++) {
            Device d = shared.get(replica % shared.size());
            out.add(new NodePod("notebooks", "nb-" + i, uid(i), containerId(i), d, "nvidia.com/gpu.shared",
                    d.uuid() + "::" + replica / shared.size(), "nb-" + i, false));
            i++;
        }
        return out;
    }

    /** /proc/<pid>/{cgroup,stat} for every process of the scenario, in the container of a pod holding its device. */
    static void procFixture(Path proc, Scenario scenario, List<NodePod> pods) throws IOException {
        Map<String, Integer> turn = new LinkedHashMap<>();
        for (Proc p : scenario.processes()) {
            List<NodePod> holders = pods.stream().filter(n -> n.device().gpu() == p.gpu()
                    && (p.gi() < 0 ? !n.device().mig() : n.device().gi() == p.gi())).toList();
            if (holders.isEmpty()) {
                continue; // a process on a device nobody holds: the host's
            }
            String key = p.gpu() + "/" + p.gi();
            NodePod holder = holders.get(turn.merge(key, 1, Integer::sum) % holders.size());
            Path dir = Files.createDirectories(proc.resolve(Long.toString(p.pid())));
            Files.writeString(dir.resolve("cgroup"), "0::/kubepods.slice/kubepods-pod" + holder.uid().replace('-', '_')
                    + ".slice/cri-containerd-" + holder.containerId() + ".scope\n");
            Files.writeString(dir.resolve("stat"), p.pid() + " (python3) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 "
                    + (1000 + p.pid()) + " 0\n");
        }
    }

    static OwnerReference controller(String kind, String name) {
        return ServingIT.controller("apps/v1", kind, name);
    }

    static void api(KubernetesClient api, List<NodePod> pods, Map<String, FakeInferenceServer> servers) {
        for (String deployment : List.of("llm-a", "llm-b", "llm-c", "llm-d")) {
            api.apps().deployments().inNamespace("inference").resource(new DeploymentBuilder().withNewMetadata()
                    .withNamespace("inference").withName(deployment).withUid("uid-" + deployment).endMetadata().build())
                    .create();
            api.apps().replicaSets().inNamespace("inference").resource(new ReplicaSetBuilder().withNewMetadata()
                    .withNamespace("inference").withName(deployment + "-7d9f").withUid("uid-" + deployment + "-7d9f")
                    .withOwnerReferences(controller("Deployment", deployment)).endMetadata().build()).create();
        }
        for (NodePod p : pods) {
            FakeInferenceServer server = servers.get(p.name());
            OwnerReference owner = p.serving() ? controller("ReplicaSet", p.owner() + "-7d9f")
                    : controller("StatefulSet", p.owner());
            PodBuilder b = new PodBuilder()
                    .withNewMetadata().withNamespace(p.namespace()).withName(p.name()).withUid(p.uid())
                    .withOwnerReferences(owner).addToLabels("app", p.owner()).endMetadata()
                    .withNewSpec().withNodeName(NODE).addNewContainer().withName("server").withImage("x").endContainer()
                    .endSpec()
                    .withNewStatus().withPhase("Running").withPodIP(server == null ? "10.42.0.1" : server.address())
                    .addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .withContainerStatuses(new ContainerStatusBuilder().withName("server")
                            .withContainerID("containerd://" + p.containerId()).withReady(true).build())
                    .endStatus();
            if (server != null) {
                b.editMetadata().addToAnnotations(ServingIT.scrape(server.port())).endMetadata();
            }
            Pod pod = b.build();
            api.pods().inNamespace(p.namespace()).resource(pod).create();
            api.pods().inNamespace(p.namespace()).resource(pod).updateStatus();
        }
    }

    // ---------------------------------------------------------------- measuring a process

    record Cpu(long ticks, long nanos) {
        static Cpu of(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new Cpu(Long.parseLong(f[11]) + Long.parseLong(f[12]), System.nanoTime());
        }

        double millicoresSince(Cpu before) {
            return (ticks - before.ticks) / 100.0 / ((nanos - before.nanos) / 1e9) * 1000;
        }
    }

    static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** The old (tenured) generation's use in KiB right after a full GC, via jcmd. */
    static long oldGenAfterFullGc(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        Matcher m = Pattern.compile("(?i)tenured(?: generation)?\\s+total \\d+K, used (\\d+)K").matcher(
                run(jcmd, Long.toString(pid), "GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    record Load(int connections, double p50ms, double p99ms, double maxMs, double requestsPerSecond, long requests,
            long errors) {
    }

    /** wrk against {@code url}: {@code connections} concurrent scrapers (2 threads), as Prometheus asks. */
    static Load wrk(String url, int connections, int seconds) throws Exception {
        String out = run("wrk", "-t", Integer.toString(Math.min(2, connections)), "-c", Integer.toString(connections),
                "-d", seconds + "s", "--timeout", "10s", "--latency", "-H", "Accept: " + PROMETHEUS_ACCEPT,
                "-H", "Accept-Encoding: gzip", url);
        double p50 = latency(out, "50%");
        double p99 = latency(out, "99%");
        Matcher max = Pattern.compile("Latency\\s+\\S+\\s+\\S+\\s+(\\S+)").matcher(out);
        Matcher rps = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(out);
        Matcher total = Pattern.compile("(\\d+) requests in").matcher(out);
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        long errors = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        if (!rps.find() || !total.find() || p50 < 0 || p99 < 0) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        return new Load(connections, p50, p99, max.find() ? millis(max.group(1)) : -1, Double.parseDouble(rps.group(1)),
                Long.parseLong(total.group(1)), errors);
    }

    static double latency(String wrk, String percentile) {
        // wrk pads a figure in seconds with a trailing space ("99%    1.25s ")
        Matcher m = Pattern.compile("^\\s*" + Pattern.quote(percentile) + "\\s+(\\S+)\\s*$", Pattern.MULTILINE)
                .matcher(wrk);
        return m.find() ? millis(m.group(1)) : -1;
    }

    static double millis(String wrkTime) {
        Matcher m = Pattern.compile("([\\d.]+)(us|ms|s|m)").matcher(wrkTime);
        if (!m.matches()) {
            return -1;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            default -> v * 60_000;
        };
    }

    static int series(String url) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/plain;version=0.0.4").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return (int) body.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    }

    static void scrape(String url) {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", PROMETHEUS_ACCEPT)
                    .header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            System.err.println("scrape failed: " + e);
        }
    }

    /** Results of one process under the same schedule. */
    record Figures(String what, double readyMs, double millicores, long rssKib, long rssMaxKib, long oldGenStartKib,
            long oldGenEndKib, int series, Load one, Load many) {
    }

    /**
     * The schedule both processes get: STEADY seconds with a scrape every 15 s (CPU, RSS, old
     * generation), then LOAD seconds each at 1 and at 32 concurrent scrapers.
     */
    static Figures measure(String what, long pid, double readyMs, String url, int steady, int load, boolean jvm)
            throws Exception {
        long oldStart = jvm ? oldGenAfterFullGc(pid) : -1;
        Cpu before = Cpu.of(pid);
        long rssMax = 0;
        long end = System.nanoTime() + Duration.ofSeconds(steady).toNanos();
        while (System.nanoTime() < end) {
            scrape(url);
            rssMax = Math.max(rssMax, rssKib(pid));
            Thread.sleep(Math.min(15_000, Math.max(0, (end - System.nanoTime()) / 1_000_000)));
        }
        double millicores = Cpu.of(pid).millicoresSince(before);
        long rss = rssKib(pid);
        rssMax = Math.max(rssMax, rss);
        long oldEnd = jvm ? oldGenAfterFullGc(pid) : -1;
        int series = series(url);
        Load one = wrk(url, 1, load);
        Load many = wrk(url, 32, load);
        return new Figures(what, readyMs, millicores, rss, rssMax, oldStart, oldEnd, series, one, many);
    }

    static void print(Figures f) {
        System.out.printf(Locale.ROOT, "%s: series=%d ready=%.0f ms cpu=%.1f millicores rss=%.1f MiB (max %.1f)%s%n",
                f.what(), f.series(), f.readyMs(), f.millicores(), f.rssKib() / 1024.0, f.rssMaxKib() / 1024.0,
                f.oldGenStartKib() < 0 ? "" : String.format(Locale.ROOT, " old-gen after full GC %d KiB -> %d KiB",
                        f.oldGenStartKib(), f.oldGenEndKib()));
        for (Load l : List.of(f.one(), f.many())) {
            System.out.printf(Locale.ROOT, "  %2d scrapers: p50=%.2f ms p99=%.2f ms max=%.2f ms %.0f req/s %d requests %d errors%n",
                    l.connections(), l.p50ms(), l.p99ms(), l.maxMs(), l.requestsPerSecond(), l.requests(), l.errors());
        }
    }

    public static void main(String[] args) throws Exception {
        Path scenarioFile = Path.of(args[0]);
        int steady = Integer.parseInt(args[1]);
        int load = Integer.parseInt(args[2]);
        List<String> extraJvm = List.of(args).subList(3, args.length);
        try (Node node = Node.start(scenarioFile, extraJvm)) {
            Figures agentFigures = measure("gpu-agent", node.agent().pid(), node.readyMs(), node.url(), steady, load, true);
            print(agentFigures);

            if (System.getenv("BENCH_AGENT_ONLY") != null) { // e.g. the 30-minute heap-growth run
                return;
            }
            Figures ne = nodeExporter(steady, load);
            print(ne);
            System.out.printf(Locale.ROOT, "ratios gpu-agent / node_exporter: RSS %.2f, CPU %.2f, p99 (1) %.2f, p99 (32) %.2f,"
                    + " series %.2f%n",
                    (double) agentFigures.rssKib() / ne.rssKib(), agentFigures.millicores() / Math.max(0.01, ne.millicores()),
                    agentFigures.one().p99ms() / ne.one().p99ms(), agentFigures.many().p99ms() / ne.many().p99ms(),
                    (double) agentFigures.series() / ne.series());
            if (agentFigures.one().errors() + agentFigures.many().errors() > 0) {
                throw new IllegalStateException("errors while scraping the agent");
            }
        }
    }

    /**
     * The large node running: the fake kubelet and API with 64 pods, 16 serving endpoints, a /proc fixture, and
     * the packaged agent with the image's JVM flags under a 256 MiB ceiling, ready and attributing.
     */
    record Node(ShortTempDir dir, FakeKubelet kubelet, FakeKubernetesApi api, List<FakeInferenceServer> servers,
            Process agent, String url, double readyMs) implements AutoCloseable {

        static Node start(Path scenarioFile, List<String> extraJvm) throws Exception {
            return start(scenarioFile, extraJvm, List.of());
        }

        /** As {@link #start(Path, List)}, with {@code extraArgs} added to the agent's flags. */
        static Node start(Path scenarioFile, List<String> extraJvm, List<String> extraArgs) throws Exception {
            Scenario scenario = Scenario.parse(scenarioFile);
            List<NodePod> pods = pods(scenario, 64);
            System.out.printf(Locale.ROOT, "large node: %d devices (%d MIG), %d processes, %d pods, %d serving%n",
                    scenario.devices().size(), scenario.devices().stream().filter(Device::mig).count(),
                    scenario.processes().size(), pods.size(), pods.stream().filter(NodePod::serving).count());
            ShortTempDir dir = ShortTempDir.create();
            FakeKubelet kubelet = null;
            FakeKubernetesApi api = null;
            List<FakeInferenceServer> servers = new ArrayList<>();
            Process agent = null;
            try {
                kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"));
                api = FakeKubernetesApi.start();
                Map<String, FakeInferenceServer> byPod = new LinkedHashMap<>();
                for (NodePod p : pods) {
                    if (p.serving()) {
                        FakeInferenceServer s = FakeInferenceServer.start("127.0.1." + (byPod.size() + 1));
                        long[] reads = {0};
                        s.setPage(() -> {
                            synchronized (reads) {
                                reads[0]++;
                                return FakeInferenceServer.vllm(p.owner(), (int) (reads[0] % 9), 24, 0.6, reads[0] * 3.0,
                                        reads[0] * 12);
                            }
                        });
                        servers.add(s);
                        byPod.put(p.name(), s);
                    }
                }
                List<PodResources> held = new ArrayList<>();
                pods.forEach(p -> held.add(pod(p.namespace(), p.name(), container("server", p.resource(), p.deviceId()))));
                kubelet.setPods(held);
                LargeNodeBench.api(api.client(), pods, byPod);
                Path proc = Files.createDirectories(dir.resolve("proc"));
                procFixture(proc, scenario, pods);

                int port = AgentProcess.freeLoopbackPort();
                List<String> cmd = new ArrayList<>(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:MaxRAM=256m"));
                cmd.addAll(IMAGE_JVM_FLAGS);
                cmd.addAll(extraJvm);
                cmd.addAll(List.of("-jar", AgentProcess.jar().toString(), "--simulate=" + scenarioFile,
                        "--listen=127.0.0.1:" + port, "--collect-interval=1s", "--kubernetes=on", "--node-name=" + NODE,
                        "--pod-resources-socket=" + kubelet.socket(), "--proc-root=" + proc));
                cmd.addAll(extraArgs);
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("agent.log").toFile());
                pb.environment().putAll(api.env(dir.path()));
                long start = System.nanoTime();
                agent = pb.start();
                String url = "http://127.0.0.1:" + port + "/metrics";
                double readyMs = awaitReady("http://127.0.0.1:" + port + "/readyz", start, agent, dir.resolve("agent.log"));
                // attribution and serving need a few rounds (kubelet 5 s, informer, serving 2 s)
                awaitBody(url, "inference_queued_requests{", 60);
                awaitBody(url, "gpu_container_processes{", 60);
                return new Node(dir, kubelet, api, servers, agent, url, readyMs);
            } catch (Exception | Error e) {
                new Node(dir, kubelet, api, servers, agent, "", 0).close();
                throw e;
            }
        }

        String log() throws IOException {
            return Files.readString(dir.resolve("agent.log"));
        }

        @Override
        public void close() throws Exception {
            if (agent != null) {
                agent.destroy();
                if (!agent.waitFor(10, TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
            }
            servers.forEach(FakeInferenceServer::close);
            if (api != null) {
                api.close();
            }
            if (kubelet != null) {
                kubelet.close();
            }
            dir.close();
        }
    }

    static double awaitReady(String url, long start, Process agent, Path log) throws Exception {
        long deadline = start + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && agent.isAlive()) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return (System.nanoTime() - start) / 1e6;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("agent not ready:\n" + Files.readString(log));
    }

    static void awaitBody(String url, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no " + text + " in " + url + " after " + seconds + " s");
    }

    /** Debian's prometheus-node-exporter on loopback, default collectors, under the same schedule. */
    static Figures nodeExporter(int steady, int load) throws Exception {
        int port = AgentProcess.freeLoopbackPort();
        long start = System.nanoTime();
        Process ne = new ProcessBuilder("prometheus-node-exporter", "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String url = "http://127.0.0.1:" + port + "/metrics";
            double readyMs = -1;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (readyMs < 0 && System.nanoTime() < deadline) {
                try {
                    HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
                    readyMs = (System.nanoTime() - start) / 1e6;
                } catch (IOException notYet) {
                    Thread.sleep(5);
                }
            }
            return measure("node_exporter", ne.pid(), readyMs, url, steady, load, false);
        } finally {
            ne.destroy();
            ne.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
